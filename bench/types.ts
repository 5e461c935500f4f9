/** One line of `npm run bench` output. */
export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** Median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
