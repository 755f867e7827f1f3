/**
 * Colours that survive colour blindness: a sequential scale from the cividis family (legible in
 * deuteranopia, protanopia and greyscale) for host measures, and the Okabe–Ito qualitative set for
 * corridors and markers.
 */
export const SEQUENTIAL = ["#00224e", "#35456c", "#666970", "#948e77", "#c8b866", "#fee838"] as const;

export const OKABE_ITO = {
  orange: "#e69f00",
  skyBlue: "#56b4e9",
  green: "#009e73",
  yellow: "#f0e442",
  blue: "#0072b2",
  vermillion: "#d55e00",
  purple: "#cc79a7",
  black: "#000000",
} as const;

export const SEA = "#dfe9f2";
export const LAND = "#c9c6bd";
export const CHINA = "#efe3cf";
export const BORDER = "#8a877f";

export const MEASURES = ["industrialisation", "pollution", "approval"] as const;
export type Measure = (typeof MEASURES)[number];

/** The value range each measure is shaded over: industrialisation and approval are 0–100 by the rules. */
export function measureDomain(measure: Measure, values: ReadonlyArray<number>): [number, number] {
  if (measure !== "pollution") return [0, 100];
  const top = Math.max(1, ...values.filter(Number.isFinite));
  return [0, top];
}

/** The class (0 .. SEQUENTIAL.length - 1) of a value within a domain; out-of-range values clamp. */
export function classOf(value: number, [lo, hi]: [number, number]): number {
  if (!Number.isFinite(value) || hi <= lo) return 0;
  const t = Math.min(1, Math.max(0, (value - lo) / (hi - lo)));
  return Math.min(SEQUENTIAL.length - 1, Math.floor(t * SEQUENTIAL.length));
}

export const colourOf = (value: number, domain: [number, number]): string => SEQUENTIAL[classOf(value, domain)] ?? SEQUENTIAL[0];

/** The legend's bands: each colour with the lower and upper value it stands for. */
export function legendBands(domain: [number, number]): Array<{ colour: string; from: number; to: number }> {
  const [lo, hi] = domain;
  const step = (hi - lo) / SEQUENTIAL.length;
  return SEQUENTIAL.map((colour, i) => ({ colour, from: lo + i * step, to: lo + (i + 1) * step }));
}

export const hexToInt = (hex: string): number => Number.parseInt(hex.slice(1), 16);

/** Corridor colours: land corridors by Okabe–Ito hue, the sea routes blue, China's trunk network grey. */
export function corridorColour(kind: string, index: number): string {
  if (kind === "maritime") return OKABE_ITO.blue;
  if (kind === "domestic") return "#7a7a7a";
  const land = [OKABE_ITO.vermillion, OKABE_ITO.orange, OKABE_ITO.green, OKABE_ITO.purple, OKABE_ITO.skyBlue, OKABE_ITO.black];
  return land[index % land.length] ?? OKABE_ITO.black;
}
