// Percentiles without sorting: quickselect on a typed array, O(n) on average, so a million
// lead times cost a few milliseconds and allocate nothing.

/** Rearranges a[lo..hi] so that a[k] holds the value it would have if sorted. */
function select(a: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    // Median of three keeps sorted input (the common case: deploys in time order) linear.
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * The p-th percentile (0..1) of a[from..to), interpolated between closest ranks like SQL's
 * PERCENTILE_CONT (what Four Keys uses). Reorders that part of the array. NaN when empty.
 */
export function percentileInPlace(a: Float64Array, from: number, to: number, p: number): number {
  const n = to - from;
  if (n <= 0) return NaN;
  const rank = p * (n - 1);
  const k = from + Math.floor(rank);
  select(a, from, to - 1, k);
  const lower = a[k]!;
  const frac = rank - Math.floor(rank);
  if (frac === 0 || k + 1 >= to) return lower;
  // After selection everything right of k is >= a[k]; the next rank is their minimum.
  let upper = Infinity;
  for (let i = k + 1; i < to; i++) if (a[i]! < upper) upper = a[i]!;
  return lower + (upper - lower) * frac;
}

/** Median and p90 of a[from..to) (reorders it); NaN when empty. */
export function medianAndP90(a: Float64Array, from: number, to: number): { median: number; p90: number } {
  const median = percentileInPlace(a, from, to, 0.5);
  const p90 = percentileInPlace(a, from, to, 0.9);
  return { median, p90 };
}
