// Privacy by the server: no group of fewer than the minimum size is shown, and when one
// group of a partition is hidden while the total is shown, the next smallest group is
// hidden too, so the small one cannot be computed by subtracting (complementary
// suppression). Pure.

export const DEFAULT_MIN_GROUP = 5;
/** No setting can go below this. */
export const FLOOR_MIN_GROUP = 3;

export function minGroupSize(raw: number | undefined): number {
  if (raw === undefined || !Number.isFinite(raw)) return DEFAULT_MIN_GROUP;
  return Math.max(FLOOR_MIN_GROUP, Math.ceil(raw));
}

export interface Hidden {
  readonly suppressed: true;
  readonly minGroup: number;
  readonly reason: string;
}

export function hidden(minGroup: number, what = 'people'): Hidden {
  return { suppressed: true, minGroup, reason: `hidden because fewer than ${minGroup} ${what} are in this group (or it could be worked out from the others)` };
}

/**
 * The keys to hide in a partition of a shown total: every cell with 0 < n < minGroup,
 * and, when exactly one cell is hidden that way, the smallest other non-empty cell as
 * well (ties: the first key in sort order). Empty cells reveal nothing and stay shown.
 */
export function suppressPartition(cells: readonly { key: string; n: number }[], minGroup: number): Set<string> {
  const out = new Set(cells.filter((c) => c.n > 0 && c.n < minGroup).map((c) => c.key));
  if (out.size === 1) {
    const rest = cells.filter((c) => c.n > 0 && !out.has(c.key)).sort((a, b) => a.n - b.n || a.key.localeCompare(b.key));
    if (rest[0]) out.add(rest[0].key);
  }
  return out;
}
