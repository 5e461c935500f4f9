import * as assert from 'node:assert/strict';
import { placeFriction, quadrant } from '../../src/core/insights/friction';
import { npsBand, npsForTeam, npsOf } from '../../src/core/insights/nps';
import { onboardingFunnel } from '../../src/core/insights/onboarding';
import { median, percentile, weekStart, weeksBetween } from '../../src/core/insights/stats';
import { minGroupSize, suppressPartition } from '../../src/core/insights/suppression';

describe('insights: NPS', () => {
  it('computes % promoters - % detractors with exactly 5 respondents, and hides 4', () => {
    // 10, 9, 9 promoters; 7 passive; 2 detractor: (3 - 1) / 5 = 40
    assert.deepEqual(npsOf([10, 9, 9, 7, 2], 5), { nps: 40, n: 5, promoters: 3, passives: 1, detractors: 1, distribution: [0, 0, 1, 0, 0, 0, 0, 1, 0, 2, 1] });
    const four = npsOf([10, 9, 9, 7], 5);
    assert.equal('suppressed' in four && four.suppressed, true);
    assert.ok(!('nps' in four));
  });
  it('rounds half away from zero: 1 promoter, 2 detractors of 8 is -12.5 -> -13', () => {
    const r = npsOf([10, 0, 0, 7, 7, 7, 7, 8], 5);
    assert.equal('nps' in r && r.nps, -13);
  });
  it('never lets the minimum group go below 3, defaults to 5', () => {
    assert.equal(minGroupSize(undefined), 5);
    assert.equal(minGroupSize(1), 3);
    assert.equal(minGroupSize(7), 7);
  });
  it('bands as the seed: > 50 great, > 30 good', () => {
    assert.deepEqual([npsBand(51), npsBand(50), npsBand(31), npsBand(30)], ['great', 'good', 'good', 'needsWork']);
  });
  it('hides the next smallest team when only one is below the minimum (complementary suppression)', () => {
    const a = (team: string | null, n: number, score = 10) => Array.from({ length: n }, () => ({ team, score }));
    // A 6, B 5, C 2: C is too small; B is hidden too, else C = total - A - B.
    const answers = [...a('A', 6), ...a('B', 5, 0), ...a('C', 2)];
    assert.equal((npsForTeam(answers, 'A', 5) as { nps: number }).nps, 100);
    assert.equal((npsForTeam(answers, 'B', 5) as { suppressed: boolean }).suppressed, true);
    assert.equal((npsForTeam(answers, 'C', 5) as { suppressed: boolean }).suppressed, true);
    assert.equal((npsForTeam(answers, undefined, 5) as { n: number }).n, 13);
    // Answers without a team are a cell too: 2 anonymous answers hide the smallest team.
    const withAnon = [...a('A', 6), ...a('B', 5), ...a(null, 2)];
    assert.equal((npsForTeam(withAnon, 'B', 5) as { suppressed: boolean }).suppressed, true);
    assert.equal((npsForTeam(withAnon, 'A', 5) as { n: number }).n, 6);
  });
  it('suppressPartition leaves empty cells and two hidden cells alone', () => {
    assert.deepEqual([...suppressPartition([{ key: 'x', n: 0 }, { key: 'y', n: 9 }], 5)], []);
    assert.deepEqual([...suppressPartition([{ key: 'x', n: 2 }, { key: 'y', n: 1 }, { key: 'z', n: 9 }], 5)].sort(), ['x', 'y']);
  });
});

describe('insights: percentiles', () => {
  it('interpolates like percentile_cont with an even count', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Math.abs(percentile([1, 2, 3, 4], 0.9)! - 3.7) < 1e-9);
  });
  it('takes the middle value with an odd count', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.ok(Math.abs(percentile([5, 1, 3], 0.9)! - 4.6) < 1e-9);
    assert.equal(percentile([], 0.5), null);
    assert.equal(median([7]), 7);
  });
  it('names ISO weeks by their Monday', () => {
    assert.equal(weekStart(Date.UTC(2026, 2, 1)), '2026-02-23'); // a Sunday
    assert.equal(weekStart(Date.UTC(2026, 2, 2, 23)), '2026-03-02');
    assert.deepEqual(weeksBetween(Date.UTC(2026, 2, 4), Date.UTC(2026, 2, 17)), ['2026-03-02', '2026-03-09', '2026-03-16']);
  });
});

describe('insights: impact/frequency placement', () => {
  const active = [{ week: 'w1', developers: 20 }, { week: 'w2', developers: 20 }];
  const item = (key: string, developers: number, weeks: [string, number, number][]) => ({
    key,
    label: key,
    source: 'failingCommand' as const,
    developers,
    weeks: weeks.map(([week, d, minutesLost]) => ({ week, developers: d, occurrences: d, minutesLost })),
  });
  it('places items in the seed quadrants from hand-computed frequency and impact', () => {
    const p = placeFriction(
      [
        item('Y', 10, [['w1', 10, 100]]), // (10/20 + 0) / 2 = 0.25; 100 / 10 / 2 = 5 min
        item('X', 12, [['w1', 10, 400], ['w2', 6, 320]]), // (0.5 + 0.3) / 2 = 0.4; 720 / 12 / 2 = 30
        item('Z', 5, [['w1', 3, 300], ['w2', 2, 100]]), // 0.125; 400 / 5 / 2 = 40
        item('Q', 5, [['w1', 3, 5], ['w2', 3, 5]]), // 0.15; 1 min
        item('R', 4, [['w1', 4, 999]]), // 4 developers: hidden
      ],
      active,
      5,
    );
    assert.deepEqual(p.items.map((i) => [i.key, i.frequency, i.impactMinutes, i.quadrant]), [
      ['X', 0.4, 30, 'doFirst'],
      ['Z', 0.125, 40, 'schedule'],
      ['Y', 0.25, 5, 'automateOrDocument'],
      ['Q', 0.15, 1, 'ignore'],
    ]);
    assert.equal(p.hiddenItems, 1);
    assert.equal(p.hidden?.minGroup, 5);
    // Weekly counts below the minimum group are hidden in the trend as well.
    assert.deepEqual(p.items[1]!.trend, [{ week: 'w1', developers: null }, { week: 'w2', developers: null }]);
    assert.deepEqual(p.items[0]!.trend, [{ week: 'w1', developers: 10 }, { week: 'w2', developers: 6 }]);
  });
  it('puts the thresholds on the high side', () => {
    assert.equal(quadrant(0.25, 30), 'doFirst');
    assert.equal(quadrant(0.2499, 29.9), 'ignore');
  });
});

describe('insights: onboarding funnel', () => {
  const m = 60_000;
  const rows = [
    ['d1', 'a', 1], ['d1', 'b', 5], ['d1', 'c', 1],
    ['d2', 'a', 2], ['d2', 'c', 1], // skipped b
    ['d3', 'a', 3], // stalls at b
    ['d4', 'a', 4], ['d4', 'b', 10], // stalls at c
    ['d5', 'b', 15], // skipped a, stalls at c
  ].map(([developer, stepId, min]) => ({ developer: developer as string, stepId: stepId as string, durationMs: (min as number) * m }));
  it('counts completion, skipped steps, stalls and medians per step', () => {
    const f = onboardingFunnel(rows, ['a', 'b', 'c'], 3);
    assert.ok(!('suppressed' in f));
    assert.equal(f.started, 5);
    assert.equal(f.finished, 2);
    assert.deepEqual(f.steps, [
      { stepId: 'a', completed: 4, completion: 0.8, medianMinutes: 2.5, skipped: 1, stalled: 0, medianMinutesFromStart: null, medianMinutesOnStep: null },
      { stepId: 'b', completed: 3, completion: 0.6, medianMinutes: 10, skipped: 1, stalled: 1, medianMinutesFromStart: null, medianMinutesOnStep: null },
      { stepId: 'c', completed: 2, completion: 0.4, medianMinutes: null, skipped: 0, stalled: 2, medianMinutesFromStart: null, medianMinutesOnStep: null },
    ]);
    assert.equal(f.worstStep, 'c');
    assert.equal(f.stallStep, null, 'no times since the checklist appeared: no stall step');
  });
  it('times each step from the checklist and from the step before, and finds where people stall', () => {
    // Minutes since the checklist appeared. d4 skipped b.
    const since = [
      ['d1', 'a', 10], ['d1', 'b', 30], ['d1', 'c', 100],
      ['d2', 'a', 20], ['d2', 'b', 40], ['d2', 'c', 60],
      ['d3', 'a', 5], ['d3', 'b', 50],
      ['d4', 'a', 15], ['d4', 'c', 45],
    ].map(([developer, stepId, min]) => ({ developer: developer as string, stepId: stepId as string, durationMs: m, sinceChecklistMs: (min as number) * m }));
    const f = onboardingFunnel(since, ['a', 'b', 'c'], 3);
    assert.ok(!('suppressed' in f));
    // a: 10 20 5 15 -> 12.5 both ways. b: from start 30 40 50 -> 40; after a: 20 20 45 -> 20.
    // c: from start 100 60 45 -> 60; after the step before: 70 (100-30), 20 (60-40), 30 (45-15) -> 30.
    assert.deepEqual(f.steps.map((x) => [x.stepId, x.medianMinutesFromStart, x.medianMinutesOnStep]), [['a', 12.5, 12.5], ['b', 40, 20], ['c', 60, 30]]);
    assert.equal(f.stallStep, 'c');
    // With a minimum group of 4, only a has enough times.
    const g = onboardingFunnel(since, ['a', 'b', 'c'], 4);
    assert.deepEqual(!('suppressed' in g) && g.steps.map((x) => x.medianMinutesOnStep), [12.5, null, null]);
  });
  it('appends steps missing from the checklist and hides a funnel of too few people', () => {
    const f = onboardingFunnel(rows, ['a'], 3);
    assert.deepEqual(!('suppressed' in f) && f.steps.map((s) => s.stepId), ['a', 'b', 'c']);
    assert.equal((onboardingFunnel(rows, ['a', 'b', 'c'], 6) as { suppressed: boolean }).suppressed, true);
  });
});
