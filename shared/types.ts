/** The vocabulary every engine module shares. */

export const STAGES = ["U2", "U1", "M", "D1", "D2"] as const;
export type Stage = (typeof STAGES)[number];

export const GOVERNANCES = ["MARKET", "MODULAR", "RELATIONAL", "CAPTIVE", "HIERARCHY", "OWN"] as const;
export type Governance = (typeof GOVERNANCES)[number];
/** Governance a lead-firm link can take (OWN is the cluster's own channel, never a link). */
export const LINK_GOVERNANCES = ["MARKET", "MODULAR", "RELATIONAL", "CAPTIVE", "HIERARCHY"] as const;
export type LinkGovernance = (typeof LINK_GOVERNANCES)[number];

export const UPGRADE_TYPES = ["PROC", "PROD", "FUNC", "CHAIN"] as const;
export type UpgradeType = (typeof UPGRADE_TYPES)[number];

export const STANCES = ["low", "neutral", "high"] as const;
export type Stance = (typeof STANCES)[number];

export const ENV_LEVELS = ["low", "med", "high"] as const;
export type EnvLevel = (typeof ENV_LEVELS)[number];

export const MODES = ["rail", "road", "sea"] as const;
export type Mode = (typeof MODES)[number];

export const SOURCE_TAGS = ["S", "V", "D", "M", "G"] as const;
/** S seed paper, V verified source, D computed from a dataset, M unverified general knowledge, G design choice. */
export type SourceTag = (typeof SOURCE_TAGS)[number];

export const ROLES = ["cluster", "host", "lead"] as const;
export type Role = (typeof ROLES)[number];

export type SeatId = string;

export interface Localized {
  en: string;
  zh: string;
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

/** A figure tagged M or G in GAME-RULES has not been checked against a source. */
export const isVerifiedTag = (tag: SourceTag): boolean => tag === "S" || tag === "V" || tag === "D";
