import * as assert from 'node:assert/strict';
import { classifyNps, npsSummary, roundHalfAwayFromZero, scaleSummary } from '../../../src/core/surveys/nps';

describe('npsSummary', () => {
  it('classifies 9-10 as promoters, 7-8 passives and 0-6 detractors', () => {
    assert.deepEqual(
      [0, 6, 7, 8, 9, 10].map(classifyNps),
      ['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter'],
    );
  });

  it('computes % promoters - % detractors', () => {
    // 5 promoters, 3 passives, 2 detractors of 10: 50 - 20 = 30.
    const r = npsSummary([10, 9, 9, 10, 9, 7, 8, 7, 3, 6]);
    assert.equal(r.suppressed, false);
    if (r.suppressed) return;
    assert.deepEqual(
      [r.respondents, r.promoters, r.passives, r.detractors, r.promoterPercent, r.passivePercent, r.detractorPercent, r.nps],
      [10, 5, 3, 2, 50, 30, 20, 30],
    );
  });

  it('reaches -100 and +100 at the extremes', () => {
    const lo = npsSummary([0, 1, 2]);
    const hi = npsSummary([9, 10, 10]);
    assert.ok(!lo.suppressed && !hi.suppressed);
    if (!lo.suppressed && !hi.suppressed) assert.deepEqual([lo.nps, hi.nps], [-100, 100]);
  });

  it('rounds the NPS from exact counts, half away from zero', () => {
    // 2 promoters of 3: 66.67 -> 67.
    const b = npsSummary([10, 9, 7]);
    assert.ok(!b.suppressed && b.nps === 67 && b.npsExact > 66.6 && b.npsExact < 66.7);
    // 1 detractor of 3: -33.33 -> -33.
    const c = npsSummary([1, 7, 7]);
    assert.ok(!c.suppressed && c.nps === -33);
    // 2 promoters, 1 detractor of 8: exactly 12.5 -> 13.
    const up = npsSummary([10, 10, 0, 7, 7, 7, 7, 7]);
    assert.ok(!up.suppressed && up.npsExact === 12.5 && up.nps === 13);
    // 1 promoter, 2 detractors of 8: exactly -12.5 -> -13 (Math.round would give -12).
    const down = npsSummary([10, 0, 0, 7, 7, 7, 7, 7]);
    assert.ok(!down.suppressed && down.npsExact === -12.5 && down.nps === -13);
  });

  it('suppresses groups of fewer than 3 respondents without saying how many', () => {
    for (const scores of [[], [10], [10, 0]]) {
      const r = npsSummary(scores);
      assert.equal(r.suppressed, true);
      if (r.suppressed) {
        assert.match(r.reason, /fewer than 3/);
        assert.equal(Object.keys(r).sort().join(), 'reason,suppressed');
      }
    }
    assert.equal(npsSummary([10, 0, 5]).suppressed, false);
  });

  it('leaves out invalid scores and suppresses when too few valid ones remain', () => {
    const r = npsSummary([10, 11, -1, 7.5, '9', null, 0]);
    assert.equal(r.suppressed, true);
    const ok = npsSummary([10, 11, 9, 8, Number.NaN]);
    assert.ok(!ok.suppressed && ok.respondents === 3 && ok.ignored === 2);
  });

  it('lets a caller raise the threshold but never lower it', () => {
    assert.equal(npsSummary([10, 9, 8, 7], { minGroupSize: 5 }).suppressed, true);
    assert.equal(npsSummary([10, 9], { minGroupSize: 1 }).suppressed, true);
    assert.equal(npsSummary([10, 9, 1], { minGroupSize: 0 }).suppressed, false);
  });
});

describe('scaleSummary', () => {
  it('summarizes a 1-5 scale', () => {
    const r = scaleSummary([1, 2, 4, 5, 5, 3]);
    assert.ok(!r.suppressed);
    if (r.suppressed) return;
    assert.deepEqual(r.distribution, [1, 1, 1, 1, 2]);
    assert.equal(r.mean, 3.33);
    assert.equal(r.median, 3.5);
    assert.equal(r.topTwoPercent, 50);
    assert.equal(r.bottomTwoPercent, 33);
    assert.equal(r.respondents, 6);
  });

  it('suppresses fewer than 3 valid answers', () => {
    assert.equal(scaleSummary([5, 4]).suppressed, true);
    assert.equal(scaleSummary([5, 4, 0, 6]).suppressed, true);
    const r = scaleSummary([5, 4, 3, 0]);
    assert.ok(!r.suppressed && r.ignored === 1 && r.median === 4);
  });
});

describe('roundHalfAwayFromZero', () => {
  it('rounds halves away from zero on both sides', () => {
    assert.deepEqual([2.5, -2.5, 0.4, -0.4, 12.5, -12.5].map((x) => roundHalfAwayFromZero(x)), [3, -3, 0, 0, 13, -13]);
    assert.equal(roundHalfAwayFromZero(1.005, 2), 1.01);
  });
});
