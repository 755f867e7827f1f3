/** Stands in for `phaser3spectorjs`, the WebGL debugger Phaser's renderer requires only in debug builds. */
export default {};
