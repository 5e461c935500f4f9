import * as assert from 'node:assert/strict';
import { computeCiReport } from '../../../src/core/ci/ciEngine';
import type { CiRun } from '../../../src/core/ci/types';

const NOW = Date.parse('2024-06-30T00:00:00Z');
const MIN = 60_000;

function run(id: string, p: Partial<CiRun> & { start: string; minutes: number }): CiRun {
  const s = Date.parse(p.start);
  return { id, workflow: 'ci', branch: 'main', sha: id, attempt: 1, conclusion: 'success', startedAt: s, finishedAt: s + p.minutes * MIN, ...p };
}

// Hand-computed. Window: 7 days ending 2024-06-30T00:00Z (runs ending after 06-23T00:00Z).
const runs: CiRun[] = [
  // main, this window: durations 4, 6, 8, 12, 20 minutes (plus a rerun below)
  run('m1', { start: '2024-06-24T10:00:00Z', minutes: 4, jobs: [{ name: 'build', durationMs: 3 * MIN, steps: [{ name: 'npm ci', durationMs: 2 * MIN }] }, { name: 'lint', durationMs: 1 * MIN }] }),
  run('m2', { start: '2024-06-25T10:00:00Z', minutes: 6, jobs: [{ name: 'build', durationMs: 5 * MIN, steps: [{ name: 'npm ci', durationMs: 1 * MIN }, { name: 'test', durationMs: 4 * MIN }] }] }),
  run('m3', { start: '2024-06-26T10:00:00Z', minutes: 8, sha: 'abc', conclusion: 'failure' }),
  run('m3r', { start: '2024-06-26T11:00:00Z', minutes: 12, sha: 'abc', attempt: 2 }), // the rerun passed: flaky
  run('m4', { start: '2024-06-27T10:00:00Z', minutes: 20, conclusion: 'failure' }), // failed, never rerun
  run('m5', { start: '2024-06-28T10:00:00Z', minutes: 30, conclusion: 'cancelled' }), // left out
  // main, previous window (06-16..06-23): 10 and 14 minutes -> p50 12
  run('p1', { start: '2024-06-18T10:00:00Z', minutes: 10 }),
  run('p2', { start: '2024-06-19T10:00:00Z', minutes: 14 }),
  // the developer's branch: 3 and 5 minutes
  run('f1', { start: '2024-06-29T10:00:00Z', minutes: 3, branch: 'feature/x' }),
  run('f2', { start: '2024-06-29T12:00:00Z', minutes: 5, branch: 'feature/x' }),
  // unreadable
  { id: 'bad', workflow: 'ci', branch: 'main', sha: 'z', attempt: 1, conclusion: 'success', startedAt: 'not a time', finishedAt: NOW },
  { id: 'neg', workflow: 'ci', branch: 'main', sha: 'y', attempt: 1, conclusion: 'success', startedAt: NOW - MIN, finishedAt: NOW - 2 * MIN },
];

describe('computeCiReport', () => {
  const r = computeCiReport(runs, { now: NOW, windowDays: 7, defaultBranch: 'main', currentBranch: 'feature/x' });

  it('gives p50 and p90 of the finished runs of the default branch', () => {
    const m = r.defaultBranch;
    // durations 4, 6, 8, 12, 20: p50 = 8; p90 rank 0.9*4 = 3.6 -> 12 + 0.6*(20-12) = 16.8
    assert.equal(m.runs, 5);
    assert.equal(m.p50Minutes, 8);
    assert.ok(Math.abs(m.p90Minutes! - 16.8) < 1e-9);
  });

  it('compares with the window before: p50 12 -> 8 is better', () => {
    assert.equal(r.defaultBranch.previousP50Minutes, 12);
    assert.equal(r.defaultBranch.trend, 'better');
  });

  it('counts runs over the 10-minute target and the minutes lost past it', () => {
    // 12 and 20 are over: (12-10) + (20-10) = 12 minutes
    assert.equal(r.defaultBranch.overTarget, 2);
    assert.equal(r.defaultBranch.minutesOverTarget, 12);
    assert.equal(r.targetMinutes, 10);
  });

  it('gives the failure share and flakiness (a rerun of the same commit passed)', () => {
    const m = r.defaultBranch;
    assert.equal(m.failed, 2); // m3 and m4
    assert.equal(m.failureShare, 2 / 5);
    assert.equal(m.failedCommits, 2); // abc and m4
    assert.equal(m.flaky, 1); // abc passed on attempt 2
    assert.equal(m.flakyShare, 0.5);
  });

  it('names the slowest job and step by their median', () => {
    // build: 3 and 5 -> p50 4 min; lint: 1 min. npm ci: 2 and 1 -> 1.5; test: 4.
    assert.deepEqual(r.defaultBranch.slowestJob, { name: 'build', p50Minutes: 4 });
    assert.deepEqual(r.defaultBranch.slowestStep, { name: 'test', job: 'build', p50Minutes: 4 });
  });

  it('reports the current branch on its own and counts unreadable runs', () => {
    const f = r.currentBranch!;
    assert.equal(f.runs, 2);
    assert.equal(f.p50Minutes, 4); // (3 + 5) / 2
    assert.equal(f.p90Minutes, 4.8); // 3 + 0.9 * 2
    assert.equal(f.trend, 'none');
    assert.equal(f.lastRunAt, Date.parse('2024-06-29T12:05:00Z'));
    assert.equal(r.invalid, 2);
  });

  it('has no current-branch report on the default branch and nulls without runs', () => {
    const e = computeCiReport([], { now: NOW, windowDays: 30, defaultBranch: 'main', currentBranch: 'main' });
    assert.equal(e.currentBranch, undefined);
    assert.equal(e.defaultBranch.p50Minutes, null);
    assert.equal(e.defaultBranch.failureShare, null);
    assert.equal(e.defaultBranch.flakyShare, null);
    assert.equal(e.defaultBranch.slowestJob, null);
  });
});
