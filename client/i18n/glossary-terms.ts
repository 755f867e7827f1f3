/** The theory's terms the glossary explains; each has `gloss.<term>.term` and `gloss.<term>.def` strings. */
export const GLOSSARY_TERMS = [
  "smile", "gvc", "market", "modular", "relational", "captive", "hierarchy", "drivers", "process",
  "product", "functional", "chain", "absorptive", "industrialisation", "latemover", "lcr", "lowroad", "winwin",
] as const;
