/** The middle value (the mean of the two middle ones for an even count) of a benchmark's repeated figures. */
export function median(xs: ReadonlyArray<number>): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
