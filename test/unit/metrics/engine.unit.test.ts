import * as assert from 'node:assert/strict';
import { computeDora } from '../../../src/core/metrics/engine';
import type { Deployment } from '../../../src/core/metrics/types';
import { metricCards } from '../../../src/core/metrics/viewModel';

const NOW = Date.parse('2024-06-30T00:00:00Z');
const DAY = 86_400_000;

function dep(p: Partial<Deployment> & Pick<Deployment, 'id' | 'time'>): Deployment {
  return { service: 'checkout', environment: 'production', status: 'success', commits: [], failed: false, ...p };
}

// Hand-computed: see the comments next to each assertion.
const fixture: Deployment[] = [
  dep({ id: 'p1', time: '2024-06-20T00:00:00Z', commits: [{ sha: 'x', time: '2024-06-19T00:00:00Z' }] }),
  dep({
    id: 'd1',
    time: '2024-06-24T10:00:00Z',
    commits: [
      { sha: 'a', time: '2024-06-24T08:00:00Z' }, // 120 min
      { sha: 'b', time: '2024-06-23T10:00:00Z' }, // 1440 min
    ],
    failed: true,
    incidentIds: ['inc-1', 'inc-2', 'inc-3'],
    restoredAt: '2024-06-24T10:30:00Z', // 30 min
  }),
  dep({
    id: 'd2',
    time: '2024-06-25T12:00:00+02:00', // 10:00Z
    commits: [
      { sha: 'b', time: '2024-06-23T10:00:00Z' }, // re-shipped: d1 counts it
      { sha: 'c', time: '2024-06-25T09:00:00Z' }, // 60 min
    ],
    unplanned: true,
  }),
  dep({ id: 'd3', time: '2024-06-27T00:00:00Z', commits: [{ sha: 'd', time: '2024-06-26T00:00:00Z' }], failed: true }), // open
  dep({ id: 'd4', time: '2024-06-28T00:00:00Z', status: 'failure', commits: [{ sha: 'e', time: '2024-06-27T00:00:00Z' }] }),
  dep({ id: 'd5', time: '2024-06-28T00:00:00Z', environment: 'staging', commits: [{ sha: 'f', time: '2024-06-27T00:00:00Z' }] }),
];

describe('computeDora', () => {
  it('computes all five metrics for a hand-computed week', () => {
    const r = computeDora(fixture, { now: NOW, windowDays: 7 });
    assert.equal(r.window.start, NOW - 7 * DAY);
    assert.equal(r.deploymentFrequency.deployments, 3);
    assert.equal(r.deploymentFrequency.perDay, 3 / 7);
    assert.equal(r.deploymentFrequency.perWeek, 3);
    assert.equal(r.deploymentFrequency.bucket, 'daily'); // deploys on 3 distinct days of the week
    assert.equal(r.deploymentFrequency.band, 'high');
    assert.deepEqual(r.deploymentFrequency.deploymentIds, ['d1', 'd2', 'd3']);
    // lead times [60, 120, 1440, 1440]: median (120 + 1440) / 2, p90 at rank 2.7 -> 1440
    assert.equal(r.leadTime.commits, 4);
    assert.equal(r.leadTime.medianMinutes, 780);
    assert.equal(r.leadTime.p90Minutes, 1440);
    assert.equal(r.leadTime.band, 'elite');
    // d1 behind three incidents counts once
    assert.equal(r.changeFailRate.failed, 2);
    assert.equal(r.changeFailRate.deployments, 3);
    assert.equal(r.changeFailRate.value, 2 / 3);
    assert.equal(r.changeFailRate.band, 'low');
    assert.deepEqual(r.changeFailRate.deploymentIds, ['d1', 'd3']);
    assert.equal(r.recoveryTime.medianMinutes, 30);
    assert.equal(r.recoveryTime.recovered, 1);
    assert.deepEqual(r.recoveryTime.open, [{ deploymentId: 'd3', failedAt: Date.parse('2024-06-27T00:00:00Z'), openMinutes: 3 * 1440 }]);
    assert.equal(r.recoveryTime.band, 'elite');
    assert.equal(r.reworkRate.value, 1 / 3);
    assert.deepEqual(r.reworkRate.deploymentIds, ['d2']);
    assert.equal(r.reworkRate.band, null);
  });

  it('compares with the previous window, better meaning lower except for frequency', () => {
    const r = computeDora(fixture, { now: NOW, windowDays: 7 });
    assert.deepEqual(r.deploymentFrequency.trend, { previous: 1 / 7, delta: 3 / 7 - 1 / 7, direction: 'better' });
    assert.deepEqual(r.leadTime.trend, { previous: 1440, delta: -660, direction: 'better' });
    assert.deepEqual(r.changeFailRate.trend, { previous: 0, delta: 2 / 3, direction: 'worse' });
    assert.deepEqual(r.recoveryTime.trend, { previous: null, delta: null, direction: 'none' });
    assert.deepEqual(r.reworkRate.trend, { previous: 0, delta: 1 / 3, direction: 'worse' });
  });

  it('draws the arrow the way the value moved and colours it by better or worse (#14 item 16)', () => {
    const cards = new Map(metricCards(computeDora(fixture, { now: NOW, windowDays: 7 })).map((c) => [c.key, c.trend]));
    // Lead time went down: better, so green, but the arrow points down and the sign is minus.
    assert.equal(cards.get('leadTime')?.direction, 'better');
    assert.equal(cards.get('leadTime')?.arrow, 'down');
    assert.match(cards.get('leadTime')!.text, /^−/);
    // Change fail rate went up: worse, red, arrow up, plus.
    assert.equal(cards.get('changeFailRate')?.direction, 'worse');
    assert.equal(cards.get('changeFailRate')?.arrow, 'up');
    assert.match(cards.get('changeFailRate')!.text, /^\+/);
    assert.deepEqual(cards.get('recoveryTime'), { direction: 'none', arrow: 'flat', text: '' });
  });

  it('gives one series point per day for a 7-day window, oldest first', () => {
    const r = computeDora(fixture, { now: NOW, windowDays: 7 });
    assert.deepEqual(
      r.deploymentFrequency.series.map((p) => p.value),
      [0, 1, 1, 1, 0, 0, 0],
    );
    assert.equal(r.deploymentFrequency.series[0]!.start, NOW - 7 * DAY);
    assert.equal(r.deploymentFrequency.series[6]!.end, NOW);
    assert.deepEqual(
      r.leadTime.series.map((p) => p.value),
      [null, 780, 60, 1440, null, null, null],
    );
    assert.deepEqual(
      r.changeFailRate.series.map((p) => p.value),
      [null, 1, 0, 1, null, null, null],
    );
  });

  it('gives weekly series points for 30 days, the oldest one partial', () => {
    const r = computeDora(fixture, { now: NOW, windowDays: 30 });
    const s = r.deploymentFrequency.series;
    assert.equal(s.length, 5);
    assert.equal(s[0]!.start, NOW - 30 * DAY);
    assert.equal(s[0]!.end, NOW - 28 * DAY);
    // p1 (06-20) is 10 days back: third week back; d1..d3 in the last week
    assert.deepEqual(
      s.map((p) => p.value),
      [0, 0, 0, 1 / 7, 3 / 7],
    );
  });

  it('shows no frequency trend against an empty previous window from before the first deployment', () => {
    const first = { id: 'd1', service: 's', environment: 'production', time: NOW - 3 * DAY, status: 'success' as const, commits: [], failed: false };
    const r = computeDora([first], { now: NOW, windowDays: 7 });
    assert.equal(r.deploymentFrequency.deployments, 1);
    assert.deepEqual(r.deploymentFrequency.trend, { previous: null, delta: null, direction: 'none' });
  });

  it('reports nothing to measure when there are no deployments', () => {
    const r = computeDora([], { now: NOW });
    assert.equal(r.window.days, 30);
    assert.equal(r.deploymentFrequency.value, 0);
    assert.equal(r.deploymentFrequency.bucket, null);
    assert.equal(r.deploymentFrequency.band, null);
    assert.equal(r.deploymentFrequency.trend.direction, 'none', 'nothing to compare with');
    for (const m of [r.leadTime, r.changeFailRate, r.recoveryTime, r.reworkRate]) {
      assert.equal(m.value, null, m.key);
      assert.equal(m.band, null, m.key);
      assert.equal(m.trend.direction, 'none', m.key);
      assert.ok(m.series.every((p) => p.value === null));
    }
    assert.deepEqual(r.recoveryTime.open, []);
  });

  it('uses the single value as median and p90 when there is one deployment', () => {
    const one = [dep({ id: 'only', time: NOW - DAY, commits: [{ sha: 's', time: NOW - DAY - 90 * 60_000 }] })];
    const r = computeDora(one, { now: NOW, windowDays: 7 });
    assert.equal(r.deploymentFrequency.deployments, 1);
    assert.equal(r.leadTime.medianMinutes, 90);
    assert.equal(r.leadTime.p90Minutes, 90);
    assert.equal(r.changeFailRate.value, 0);
    assert.equal(r.changeFailRate.band, 'elite');
    assert.equal(r.recoveryTime.value, null);
    assert.equal(r.deploymentFrequency.bucket, 'weekly');
  });

  it('keeps a failure restored after now open', () => {
    const ds = [dep({ id: 'f', time: NOW - 2 * DAY, failed: true, restoredAt: NOW + DAY })];
    const r = computeDora(ds, { now: NOW, windowDays: 7 });
    assert.equal(r.recoveryTime.value, null);
    assert.equal(r.recoveryTime.open.length, 1);
    assert.equal(r.recoveryTime.open[0]!.openMinutes, 2 * 1440);
    assert.deepEqual(r.recoveryTime.deploymentIds, ['f']);
  });

  it('counts a commit once, at its first deploy, even when that was before the window', () => {
    const ds = [
      dep({ id: 'old', time: NOW - 10 * DAY, commits: [{ sha: 'z', time: NOW - 11 * DAY }] }),
      dep({ id: 'new', time: NOW - DAY, commits: [{ sha: 'z', time: NOW - 11 * DAY }] }),
    ];
    const r = computeDora(ds, { now: NOW, windowDays: 7 });
    assert.equal(r.leadTime.commits, 0);
    assert.equal(r.leadTime.value, null);
    assert.deepEqual(r.leadTime.deploymentIds, []);
    assert.equal(r.deploymentFrequency.deployments, 1);
  });

  it('gives the same numbers whatever the offsets the times are written with', () => {
    const shifted = fixture.map((d) => ({
      ...d,
      time: typeof d.time === 'string' ? new Date(Date.parse(d.time)).toISOString().replace('Z', '+00:00') : d.time,
    }));
    const tokyo = fixture.map((d) => ({ ...d, time: toOffset(Date.parse(d.time as string), 9 * 60) }));
    const a = computeDora(fixture, { now: NOW, windowDays: 7 });
    assert.deepEqual(computeDora(shifted, { now: NOW, windowDays: 7 }), a);
    assert.deepEqual(computeDora(tokyo, { now: NOW, windowDays: 7 }), a);
  });

  it('reads a time without an offset as UTC and bounds the window as (start, now]', () => {
    const ds = [
      dep({ id: 'at-start', time: NOW - 7 * DAY }),
      dep({ id: 'no-offset', time: '2024-06-29T12:00:00' }),
      dep({ id: 'at-now', time: NOW }),
      dep({ id: 'future', time: NOW + 1 }),
    ];
    const r = computeDora(ds, { now: NOW, windowDays: 7 });
    assert.deepEqual(r.deploymentFrequency.deploymentIds, ['no-offset', 'at-now']);
  });

  it('gives the same result for unsorted input', () => {
    const a = computeDora(fixture, { now: NOW, windowDays: 30 });
    const b = computeDora([...fixture].reverse(), { now: NOW, windowDays: 30 });
    assert.deepEqual(b, a);
  });

  it('keeps the last record of a deployment sent twice', () => {
    const ds = [
      dep({ id: 'w', time: NOW - DAY, failed: false }),
      dep({ id: 'w', time: NOW - DAY, failed: true, restoredAt: NOW - DAY + 60_000 * 10 }),
    ];
    const r = computeDora(ds, { now: NOW, windowDays: 7 });
    assert.equal(r.deploymentFrequency.deployments, 1);
    assert.equal(r.changeFailRate.value, 1);
    assert.equal(r.recoveryTime.value, 10);
    assert.equal(r.dataIssues.duplicateIds, 1);
  });

  it('filters by environment (case-insensitive) and by service', () => {
    const ds = [
      dep({ id: 'p', time: NOW - DAY, environment: 'Production' }),
      dep({ id: 's', time: NOW - DAY, environment: 'staging' }),
      dep({ id: 'o', time: NOW - DAY, service: 'billing' }),
    ];
    assert.deepEqual(computeDora(ds, { now: NOW, windowDays: 7 }).deploymentFrequency.deploymentIds, ['p', 'o']);
    assert.deepEqual(computeDora(ds, { now: NOW, windowDays: 7, environment: 'STAGING' }).deploymentFrequency.deploymentIds, ['s']);
    assert.deepEqual(computeDora(ds, { now: NOW, windowDays: 7, service: 'billing' }).deploymentFrequency.deploymentIds, ['o']);
  });

  it('counts unreadable times and commits made after their deploy as data issues', () => {
    const ds = [
      dep({ id: 'bad', time: 'yesterday' }),
      dep({ id: 'skew', time: NOW - DAY, commits: [{ sha: 'k', time: NOW - DAY + 1 }, { sha: 'q', time: 'garbage' }] }),
      dep({ id: 'r', time: NOW - DAY, failed: true, restoredAt: NOW - 2 * DAY }),
    ];
    const r = computeDora(ds, { now: NOW, windowDays: 7 });
    assert.deepEqual(r.dataIssues, { invalidTimes: 2, duplicateIds: 0, commitsAfterDeploy: 1, restoredBeforeDeploy: 1 });
    assert.equal(r.leadTime.commits, 0);
    assert.equal(r.recoveryTime.open.length, 1);
  });

  it('buckets frequency weekly, monthly and yearly as Four Keys does', () => {
    const weekly = [0, 7, 14, 21].map((d) => dep({ id: `w${d}`, time: NOW - d * DAY - 1000 }));
    assert.equal(computeDora(weekly, { now: NOW, windowDays: 30 }).deploymentFrequency.bucket, 'weekly');
    const monthly = [1, 31, 61].map((d) => dep({ id: `m${d}`, time: NOW - d * DAY }));
    const m = computeDora(monthly, { now: NOW, windowDays: 90 });
    assert.equal(m.deploymentFrequency.bucket, 'monthly');
    assert.equal(m.deploymentFrequency.band, 'medium');
    const rare = [dep({ id: 'y', time: NOW - DAY })];
    const y = computeDora(rare, { now: NOW, windowDays: 90 });
    assert.equal(y.deploymentFrequency.bucket, 'yearly');
    assert.equal(y.deploymentFrequency.band, 'low');
  });
});

function toOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
