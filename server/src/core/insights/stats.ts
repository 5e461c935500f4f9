// Percentiles as PostgreSQL's percentile_cont computes them (linear between the two
// nearest ranks), so a number computed here equals one computed in SQL. Pure.

/** p in [0, 1]; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const pos = (v.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo]! + (v[hi]! - v[lo]!) * (pos - lo);
}

export const median = (values: readonly number[]): number | null => percentile(values, 0.5);

/** Monday 00:00 UTC of the week holding t (ISO weeks), as YYYY-MM-DD. */
export function weekStart(t: number): string {
  const d = new Date(t);
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)).toISOString().slice(0, 10);
}

/** Every week start from the week of `from` to the week holding `to` (exclusive end). */
export function weeksBetween(from: number, to: number): string[] {
  const out: string[] = [];
  let t = Date.parse(`${weekStart(from)}T00:00:00Z`);
  while (t < to) {
    out.push(new Date(t).toISOString().slice(0, 10));
    t += 7 * 86_400_000;
  }
  return out;
}
