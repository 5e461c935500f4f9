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

/** The value at fractional rank `rank` of a[from..to), selecting only within a[selFrom..to). */
function valueAtRank(a: Float64Array, selFrom: number, from: number, to: number, rank: number): number {
  const k = from + Math.floor(rank);
  select(a, selFrom, to - 1, k);
  const lower = a[k]!;
  const frac = rank - Math.floor(rank);
  if (frac === 0 || k + 1 >= to) return lower;
  // After selection everything right of k is >= a[k]; the next rank is their minimum.
  let upper = Infinity;
  for (let i = k + 1; i < to; i++) if (a[i]! < upper) upper = a[i]!;
  return lower + (upper - lower) * frac;
}

/**
 * The p-th percentile (0..1) of a[from..to), interpolated between closest ranks like SQL's
 * PERCENTILE_CONT (what Four Keys uses). Reorders that part of the array. NaN when empty.
 */
export function percentileInPlace(a: Float64Array, from: number, to: number, p: number): number {
  const n = to - from;
  return n <= 0 ? NaN : valueAtRank(a, from, from, to, p * (n - 1));
}

/** Median and p90 of a[from..to) (reorders it); NaN when empty. */
export function medianAndP90(a: Float64Array, from: number, to: number): { median: number; p90: number } {
  const n = to - from;
  if (n <= 0) return { median: NaN, p90: NaN };
  const median = valueAtRank(a, from, from, to, 0.5 * (n - 1));
  // The median's selection left every higher rank to its right: select p90 only there.
  const p90 = valueAtRank(a, from + Math.floor(0.5 * (n - 1)), from, to, 0.9 * (n - 1));
  return { median, p90 };
}
