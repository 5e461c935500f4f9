import * as assert from 'node:assert/strict';
import { simpleGit } from 'simple-git';
import type { Log } from '../../../src/core/common/log';
import type { GitQueries } from '../../../src/core/signals/gitQueries';
import { NewHireTracker } from '../../../src/core/signals/newHire';
import { SimpleGitQueries } from '../../../src/host/gitQueries';
import { TempRepo } from './gitRepoKit';

class FakeClock {
  constructor(public t: number) {}
  now() { return this.t; }
}
const log: Log = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 6, 9);

function queries(repo: TempRepo): GitQueries {
  const env = { PATH: process.env.PATH ?? '', HOME: repo.dir, XDG_CONFIG_HOME: repo.dir };
  return new SimpleGitQueries(repo.dir, simpleGit({ baseDir: repo.dir, trimmed: true }).env(env));
}

describe('NewHireTracker', () => {
  const repos: TempRepo[] = [];
  function makeRepo(): TempRepo {
    const r = new TempRepo();
    repos.push(r);
    r.commit('veteran@acme.com', T0 - 48 * H);
    r.setUserEmail('new@acme.com');
    return r;
  }
  after(() => repos.forEach((r) => r.remove()));

  it('starts by itself when the user has no commit here, and ends at their first commit', async () => {
    const repo = makeRepo();
    const clock = new FakeClock(T0);
    const t = new NewHireTracker({ clock, log, git: queries(repo) });
    assert.equal(await t.checkAutoStart(), true);
    assert.equal(t.isActive, true);
    assert.equal(await t.check(), undefined);
    repo.commit('veteran@acme.com', T0 + H);
    assert.equal(await t.check(), undefined, 'someone else committing does not count');
    const sha = repo.commit('new@acme.com', T0 + 26 * H);
    // The first commit's sha goes with it, to find the first deploy that shipped it (#13).
    assert.deepEqual(await t.check(), { durationMs: 26 * H, startedBy: 'noCommitsByUser', sha });
    assert.equal(t.isActive, false);
    assert.equal(await t.check(), undefined, 'once');
  });

  it('does not start by itself when the user already has commits, nor ask twice', async () => {
    const repo = makeRepo();
    repo.commit('new@acme.com', T0 - H);
    let asked = 0;
    const git = queries(repo);
    const counting: GitQueries = { ...git, userEmail: () => git.userEmail(), firstCommitBy: (e, s) => git.firstCommitBy(e, s), hasCommitBy: (e) => (asked++, git.hasCommitBy(e)) };
    const t = new NewHireTracker({ clock: new FakeClock(T0), log, git: counting });
    assert.equal(await t.checkAutoStart(), false);
    const again = new NewHireTracker({ clock: new FakeClock(T0), log, git: counting, state: t.toJSON() });
    assert.equal(await again.checkAutoStart(), false);
    assert.equal(asked, 1);
  });

  it('starts by command and ignores commits made before it started', async () => {
    const repo = makeRepo();
    repo.commit('new@acme.com', T0 - H);
    const clock = new FakeClock(T0);
    const t = new NewHireTracker({ clock, log, git: queries(repo) });
    await t.start();
    assert.equal(await t.check(), undefined);
    const sha = repo.commit('new@acme.com', T0 + 2 * H);
    assert.deepEqual(await t.check(), { durationMs: 2 * H, startedBy: 'command', sha });
  });

  it('keeps its mode across restarts through its JSON state', async () => {
    const repo = makeRepo();
    const t1 = new NewHireTracker({ clock: new FakeClock(T0), log, git: queries(repo) });
    await t1.checkAutoStart();
    const sha = repo.commit('new@acme.com', T0 + 3 * H);
    const t2 = new NewHireTracker({ clock: new FakeClock(T0 + 5 * H), log, git: queries(repo), state: JSON.parse(JSON.stringify(t1.toJSON())) });
    assert.deepEqual(await t2.check(), { durationMs: 3 * H, startedBy: 'noCommitsByUser', sha });
  });

  it('returns the event once when checks overlap', async () => {
    const repo = makeRepo();
    const t = new NewHireTracker({ clock: new FakeClock(T0), log, git: queries(repo) });
    await t.checkAutoStart();
    repo.commit('new@acme.com', T0 + H);
    const results = await Promise.all([t.check(), t.check(), t.check()]);
    assert.equal(results.filter(Boolean).length, 1);
  });

  it('waits for an email instead of failing when none is configured, and survives git errors', async () => {
    let email: string | undefined = undefined;
    const broken: GitQueries = {
      userEmail: async () => email,
      hasCommitBy: async () => { throw new Error('not a git repository'); },
      firstCommitBy: async () => undefined,
    };
    const t = new NewHireTracker({ clock: new FakeClock(T0), log, git: broken });
    assert.equal(await t.checkAutoStart(), false);
    email = 'a@b.c';
    assert.equal(await t.checkAutoStart(), false);
    assert.equal(t.isActive, false);
    const bad = new NewHireTracker({ clock: new FakeClock(T0), log, git: broken, state: { version: 3 } });
    assert.equal(bad.toJSON().autoChecked, false);
  });
});
