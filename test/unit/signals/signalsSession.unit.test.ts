import * as assert from 'node:assert/strict';
import { simpleGit } from 'simple-git';
import { DEFAULT_CONFIG, type PulseConfig } from '../../../src/core/config/pulseConfig';
import { SignalsSession, type EndedTask, type ObservedOutcome } from '../../../src/core/signals/signalsSession';
import type { StuckOffer } from '../../../src/core/signals/stuckDetector';
import { SimpleGitQueries } from '../../../src/host/gitQueries';
import { FakeClock, MemoryLog } from '../outbox/outboxTestKit';
import { TempRepo } from './gitRepoKit';

const MIN = 60_000;
const H = 60 * MIN;

function setup(config: PulseConfig = DEFAULT_CONFIG, stored = new Map<string, unknown>()) {
  const clock = new FakeClock();
  const recorded: { kind: string; data: Record<string, unknown> }[] = [];
  const session = new SignalsSession({
    clock,
    log: new MemoryLog(),
    recorder: { record: (kind, data) => void recorded.push({ kind, data: data as Record<string, unknown> }) },
    store: { get: (k) => stored.get(k), set: (k, v) => stored.set(k, structuredClone(v)) },
    config,
  });
  const observed: ObservedOutcome[] = [];
  const offers: StuckOffer[] = [];
  session.onDidObserve((o) => observed.push(o));
  session.onDidStuck((o) => offers.push(o));
  return { clock, session, recorded, observed, offers, stored };
}

const task = (over: Partial<EndedTask> = {}): EndedTask => ({ name: 'build', group: 'build', source: 'Workspace', exitCode: 1, durationMs: 1200, ...over });
const cloned = (since: number) => ({ measurable: true as const, since });

describe('SignalsSession', () => {
  it('records a task that ended with its category, and keeps the command line it ran on this machine only', () => {
    const { session, recorded, observed } = setup();
    session.taskEnded(task({ name: 'compile all', group: 'none', commandLine: 'npm run build -- --prod', exitCode: 2 }));
    assert.deepEqual(recorded, [{ kind: 'task.ended', data: { exitCode: 2, name: 'compile all', group: 'none', source: 'Workspace', durationMs: 1200, category: 'build' } }]);
    assert.deepEqual(observed, [{ command: 'compile all', category: 'build', success: false, source: 'task', exitCode: 2, durationMs: 1200 }]);
    assert.equal(session.programLineFor('compile all'), 'npm run build -- --prod');
    assert.equal(session.programLineFor('unknown'), 'unknown');
  });

  it('records terminal commands it recognises, observes only builds, tests and installs, and ignores the rest', () => {
    const { session, recorded, observed } = setup();
    session.terminalCommandEnded('ls -la', 0, 5);
    session.terminalCommandEnded('git status', 0, 5);
    session.terminalCommandEnded('npm test', 1, 900);
    assert.deepEqual(recorded.map((r) => [r.kind, r.data.command, r.data.category]).filter((r) => r[2] !== 'other'), [['terminal.commandEnded', 'npm test', 'test']]);
    assert.deepEqual(observed.filter((o) => o.category !== 'other').map((o) => [o.command, o.success]), [['npm test', false]]);
  });

  it('offers help after the configured failures in a row and says so once in the sidebar streak', () => {
    const config: PulseConfig = { ...DEFAULT_CONFIG, signals: { ...DEFAULT_CONFIG.signals, stuck: { failures: 2, windowMinutes: 15 } } };
    const { session, clock, recorded, offers } = setup(config);
    session.taskEnded(task());
    assert.equal(offers.length, 0);
    clock.advance(MIN);
    session.taskEnded(task());
    assert.equal(offers.length, 1);
    assert.deepEqual(recorded.filter((r) => r.kind === 'stuck.detected').map((r) => r.data), [{ command: 'build', failures: 2, windowMinutes: 15 }]);
    assert.equal(session.insightsView().streak?.failures, 2);
    assert.equal(session.lastFailure()?.command, 'build');
  });

  it('measures setup of a freshly cloned repo to its first successful build, and remembers it across restarts', async () => {
    const { session, clock, recorded, stored } = setup();
    await session.openRepo({ key: 'repo-a', setup: cloned(clock.now()) });
    assert.equal(session.insightsView().setupSince, clock.now());
    clock.advance(10 * MIN);
    session.taskEnded(task({ exitCode: 1 }));
    clock.advance(10 * MIN);
    session.taskEnded(task({ exitCode: 0 }));
    const completed = recorded.filter((r) => r.kind === 'setup.completed');
    assert.equal(completed.length, 1);
    assert.equal(completed[0]!.data.durationMs, 20 * MIN);
    assert.equal(session.insightsView().setupMinutes, 20);
    assert.equal(session.insightsView().setupFailedAttempts, 1);

    const again = setup(DEFAULT_CONFIG, stored).session;
    await again.openRepo({ key: 'repo-a', setup: cloned(clock.now()) });
    assert.equal(again.insightsView().setupMinutes, 20, 'the measured setup came back from the store');
  });

  it('says why a repo that was not cloned here has no setup time', async () => {
    const { session } = setup();
    await session.openRepo({ key: 'repo-b', setup: { measurable: false, reason: 'it was created here (git init), not cloned' } });
    assert.equal(session.insightsView().setupNotMeasured, 'it was created here (git init), not cloned');
  });

  it('measures a new hire from "I\'m new here" to their first commit in a real repository, once', async () => {
    const repo = new TempRepo();
    try {
      repo.commit('veteran@acme.com', Date.UTC(2025, 0, 1));
      repo.commit('new@acme.com', Date.UTC(2025, 0, 2));
      repo.setUserEmail('new@acme.com');
      const env = { PATH: process.env.PATH ?? '', HOME: repo.dir, XDG_CONFIG_HOME: repo.dir };
      const git = new SimpleGitQueries(repo.dir, simpleGit({ baseDir: repo.dir, trimmed: true }).env(env));
      const { session, clock, recorded } = setup();
      let firstCommits = 0;
      session.onDidFirstCommit(() => firstCommits++);
      await session.openRepo({ key: 'repo-c', setup: cloned(clock.now()), git });
      assert.equal(session.insightsView().newHireSince, undefined, 'has commits already: does not start by itself');
      assert.equal(await session.startNewHire(), true);
      assert.equal(session.insightsView().newHireSince, clock.now());
      clock.advance(3 * H);
      repo.commit('new@acme.com', clock.now());
      await session.checkFirstCommit();
      await session.checkFirstCommit();
      assert.equal(firstCommits, 1);
      assert.deepEqual(recorded.filter((r) => r.kind === 'newHire.firstCommit').map((r) => r.data.durationMs), [3 * H]);
      assert.equal(session.insightsView().newHireSince, undefined);
    } finally {
      repo.remove();
    }
  });

  it('has no new hire to start outside a git repository', async () => {
    const { session } = setup();
    await session.openRepo({ key: 'plain-folder', setup: { measurable: false, reason: 'not git' } });
    assert.equal(await session.startNewHire(), false);
  });

  it('applies new stuck thresholds and command patterns from the configuration', () => {
    const { session, offers } = setup();
    session.applyConfig({ ...DEFAULT_CONFIG, signals: { stuck: { failures: 2, windowMinutes: 15 }, commandPatterns: { install: [], build: ['./scripts/make-it **'], test: [] } } });
    session.terminalCommandEnded('./scripts/make-it all', 1, 10);
    session.terminalCommandEnded('./scripts/make-it all', 1, 10);
    assert.equal(offers.length, 1);
  });

  it('with features.signals false: no stuck offer, no setup or streak shown, while onboarding still hears what ran', async () => {
    const off: PulseConfig = { ...DEFAULT_CONFIG, features: { ...DEFAULT_CONFIG.features, signals: false }, signals: { ...DEFAULT_CONFIG.signals, stuck: { failures: 2, windowMinutes: 15 } } };
    const { session, offers, observed, clock } = setup(off);
    await session.openRepo({ key: 'repo-a', setup: cloned(clock.now()) });
    for (let i = 0; i < 3; i++) session.taskEnded(task());
    assert.equal(offers.length, 0);
    assert.equal(observed.length, 3);
    assert.ok(Object.values(session.insightsView()).every((v) => v === undefined), 'the sidebar timeline is empty');
    assert.equal(session.lastFailure(), undefined);
  });
});
