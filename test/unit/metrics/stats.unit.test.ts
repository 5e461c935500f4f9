import * as assert from 'node:assert/strict';
import { failRateBand, frequencyBand, leadTimeBand, recoveryBand } from '../../../src/core/metrics/bands';
import { medianAndP90, percentileInPlace } from '../../../src/core/metrics/stats';
import { StringTable } from '../../../src/core/metrics/stringTable';
import { parseTime } from '../../../src/core/metrics/time';

/** PERCENTILE_CONT by sorting, the obvious way, to check the quickselect against. */
function naive(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = p * (s.length - 1);
  const lo = Math.floor(rank);
  return lo + 1 < s.length ? s[lo]! + (s[lo + 1]! - s[lo]!) * (rank - lo) : s[lo]!;
}

describe('percentileInPlace', () => {
  it('matches a sort-based PERCENTILE_CONT on seeded random and repetitive data', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (Math.imul(seed, 48271) >>> 0) % 2147483647) / 2147483647);
    for (let round = 0; round < 200; round++) {
      const n = 1 + (round % 37);
      const values = Array.from({ length: n }, () => (round % 3 === 0 ? Math.floor(rnd() * 4) : rnd() * 1000));
      const both = medianAndP90(Float64Array.from(values), 0, n);
      assert.ok(Math.abs(both.median - naive(values, 0.5)) < 1e-9, `median of ${values.join(',')}`);
      assert.ok(Math.abs(both.p90 - naive(values, 0.9)) < 1e-9, `p90 of ${values.join(',')}`);
      assert.ok(Math.abs(percentileInPlace(Float64Array.from(values), 0, n, 0.25) - naive(values, 0.25)) < 1e-9);
    }
  });

  it('works on a sub-range and gives NaN for an empty one', () => {
    const a = Float64Array.from([100, 5, 1, 3, 100]);
    assert.equal(percentileInPlace(a, 1, 4, 0.5), 3);
    assert.ok(Number.isNaN(percentileInPlace(a, 2, 2, 0.5)));
    assert.ok(Number.isNaN(medianAndP90(a, 0, 0).median));
  });
});

describe('StringTable', () => {
  it('finds repeats exactly, including keys that share head and tail', () => {
    const keys = ['abc', 'deploy-0000-aaaa-0001', 'deploy-0000-bbbb-0001', 'abc', 'deploy-0000-aaaa-0001', ''];
    const t = new StringTable(keys.length, (v) => keys[v]!);
    assert.deepEqual(
      keys.map((k, i) => t.getOrAdd(k, i)),
      [-1, -1, -1, 0, 1, -1],
    );
    assert.equal(t.size, 4);
  });
});

describe('parseTime', () => {
  it('reads offsets, Z, epoch numbers, and no offset as UTC', () => {
    assert.equal(parseTime('2024-01-01T10:00:00+02:00'), Date.UTC(2024, 0, 1, 8));
    assert.equal(parseTime('2024-01-01T10:00:00-0530'), Date.UTC(2024, 0, 1, 15, 30));
    assert.equal(parseTime('2024-01-01T10:00:00Z'), Date.UTC(2024, 0, 1, 10));
    assert.equal(parseTime('2024-01-01T10:00:00'), Date.UTC(2024, 0, 1, 10));
    assert.equal(parseTime('2024-01-01 10:00:00'), Date.UTC(2024, 0, 1, 10));
    assert.equal(parseTime(1_700_000_000_000), 1_700_000_000_000);
    assert.ok(Number.isNaN(parseTime('soon')));
    assert.ok(Number.isNaN(parseTime(Infinity)));
    assert.ok(Number.isNaN(parseTime(undefined)));
  });
});

describe('bands', () => {
  it('puts each boundary in the documented band', () => {
    assert.equal(frequencyBand(1, 30), 'elite');
    assert.equal(frequencyBand(1 / 7, 1), 'high');
    assert.equal(frequencyBand(1 / 30, 1), 'medium');
    assert.equal(frequencyBand(1 / 90, 1), 'low');
    assert.equal(frequencyBand(0, 0), null);
    assert.equal(leadTimeBand(1439), 'elite');
    assert.equal(leadTimeBand(1440), 'high');
    assert.equal(leadTimeBand(7 * 1440), 'medium');
    assert.equal(leadTimeBand(30 * 1440), 'low');
    assert.equal(failRateBand(0.05), 'elite');
    assert.equal(failRateBand(0.15), 'high');
    assert.equal(failRateBand(0.45), 'medium');
    assert.equal(failRateBand(0.46), 'low');
    assert.equal(recoveryBand(59), 'elite');
    assert.equal(recoveryBand(60), 'high');
    assert.equal(recoveryBand(1440), 'medium');
    assert.equal(recoveryBand(7 * 1440), 'low');
    assert.equal(recoveryBand(null), null);
  });
});
