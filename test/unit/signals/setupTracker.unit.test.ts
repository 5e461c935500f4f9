import * as assert from 'node:assert/strict';
import type { Log } from '../../../src/core/common/log';
import { SetupTracker } from '../../../src/core/signals/setupTracker';
import type { CommandOutcome } from '../../../src/core/signals/stuckDetector';

class FakeClock {
  t = Date.UTC(2025, 0, 6, 9);
  now() { return this.t; }
  minutes(m: number) { this.t += m * 60_000; }
}
class MemoryLog implements Log {
  readonly lines: string[] = [];
  trace() {}
  debug() {}
  info() {}
  warn(m: string) { this.lines.push(m); }
  error(m: string | Error) { this.lines.push(String(m)); }
}
const o = (category: CommandOutcome['category'], success: boolean): CommandOutcome => ({ command: 'x', category, success });

describe('SetupTracker', () => {
  it('measures from first open to the first successful build, with failures and installs between', () => {
    const clock = new FakeClock();
    const t = new SetupTracker({ clock, log: new MemoryLog() });
    t.repoOpened('repo-a');
    clock.minutes(5);
    assert.equal(t.observe('repo-a', o('install', false)), undefined);
    assert.equal(t.observe('repo-a', o('install', true)), undefined);
    assert.equal(t.observe('repo-a', o('build', false)), undefined);
    assert.equal(t.observe('repo-a', o('test', false)), undefined);
    assert.equal(t.observe('repo-a', o('other', false)), undefined);
    clock.minutes(40);
    assert.deepEqual(t.observe('repo-a', o('build', true)), { durationMs: 45 * 60_000, failedAttempts: 2, installRuns: 2, firstSuccess: 'build' });
  });

  it('reports setup completion once per repository', () => {
    const clock = new FakeClock();
    const t = new SetupTracker({ clock, log: new MemoryLog() });
    t.repoOpened('r');
    assert.ok(t.observe('r', o('test', true)));
    assert.equal(t.observe('r', o('test', true)), undefined);
    assert.equal(t.observe('r', o('build', true)), undefined);
  });

  it('keeps the first open time when the repository is opened again', () => {
    const clock = new FakeClock();
    const t = new SetupTracker({ clock, log: new MemoryLog() });
    t.repoOpened('r');
    clock.minutes(60);
    t.repoOpened('r');
    assert.equal(t.observe('r', o('test', true))?.durationMs, 60 * 60_000);
  });

  it('survives a restart through its JSON state, and keeps repositories apart', () => {
    const clock = new FakeClock();
    const t1 = new SetupTracker({ clock, log: new MemoryLog() });
    let saved: unknown;
    t1.onDidChangeState((s) => (saved = JSON.parse(JSON.stringify(s))));
    t1.repoOpened('a');
    t1.repoOpened('b');
    t1.observe('a', o('build', false));
    clock.minutes(30);
    const t2 = new SetupTracker({ clock, log: new MemoryLog(), state: saved });
    assert.equal(t2.observe('b', o('test', true))?.failedAttempts, 0);
    assert.deepEqual(t2.observe('a', o('build', true)), { durationMs: 30 * 60_000, failedAttempts: 1, installRuns: 0, firstSuccess: 'build' });
  });

  it('starts afresh with a log line when the stored state is unreadable', () => {
    const log = new MemoryLog();
    const t = new SetupTracker({ clock: new FakeClock(), log, state: { version: 9, repos: 'nope' } });
    assert.deepEqual(t.toJSON(), { version: 1, repos: {} });
    assert.match(log.lines[0]!, /unreadable/);
  });

  it('never reports a repository opened as not measurable', () => {
    const t = new SetupTracker({ clock: new FakeClock(), log: new MemoryLog() });
    t.repoOpened('old', { measurable: false });
    assert.equal(t.observe('old', o('build', true)), undefined);
  });

  it('forgets completed repositories first when over its bound', () => {
    const clock = new FakeClock();
    const t = new SetupTracker({ clock, log: new MemoryLog(), maxRepos: 2 });
    t.repoOpened('done');
    t.observe('done', o('build', true));
    clock.minutes(1);
    t.repoOpened('p1');
    clock.minutes(1);
    t.repoOpened('p2');
    assert.deepEqual(Object.keys(t.toJSON().repos).sort(), ['p1', 'p2']);
  });
});
