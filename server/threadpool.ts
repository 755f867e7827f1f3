/**
 * Imported first by server/main.ts: every room's log flush (fdatasync) runs on libuv's thread pool,
 * whose default of 4 threads makes 25 classes' flushes queue behind each other. The pool starts on
 * first use, so setting its size here, before any file work, takes effect.
 */
process.env.UV_THREADPOOL_SIZE ??= "16";
