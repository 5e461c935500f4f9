import * as assert from 'node:assert/strict';
import { simpleGit } from 'simple-git';
import { SimpleGitQueries } from '../../../src/host/gitQueries';
import { TempRepo } from './gitRepoKit';

describe('SimpleGitQueries', () => {
  const T0 = Date.UTC(2025, 0, 6, 9);
  const H = 3_600_000;
  let repo: TempRepo;
  let q: SimpleGitQueries;
  before(() => {
    repo = new TempRepo();
    repo.commit('old@acme.com', T0);
    repo.commit('me.x@acme.com', T0 + H);
    repo.commit('old@acme.com', T0 + 2 * H);
    repo.commit('ME.x@acme.com', T0 + 3 * H);
    repo.commit('notme.x@acme.com', T0 + 4 * H);
    // isolated from the machine's own git identity
    const env = { PATH: process.env.PATH ?? '', HOME: repo.dir, XDG_CONFIG_HOME: repo.dir };
    q = new SimpleGitQueries(repo.dir, simpleGit({ baseDir: repo.dir, trimmed: true }).env(env));
  });
  after(() => {
    repo.remove();
  });

  it('reads user.email, or undefined when it is not set', async () => {
    assert.equal(await q.userEmail(), undefined);
    repo.setUserEmail('me.x@acme.com');
    assert.equal(await q.userEmail(), 'me.x@acme.com');
  });

  it('matches the exact email, case-insensitively, with regex characters taken literally', async () => {
    assert.equal(await q.hasCommitBy('me.x@acme.com'), true);
    assert.equal(await q.hasCommitBy('mex@acme.com'), false);
    assert.equal(await q.hasCommitBy('me@acme.com'), false);
    assert.equal(await q.hasCommitBy('x@acme.com'), false);
    assert.equal(await q.hasCommitBy('.*'), false);
  });

  it('finds the oldest commit by the email, or the oldest since a time', async () => {
    const all = await q.firstCommitBy('me.x@acme.com');
    assert.equal(all?.time.getTime(), T0 + H);
    const since = await q.firstCommitBy('me.x@acme.com', new Date(T0 + 2 * H));
    assert.equal(since?.time.getTime(), T0 + 3 * H);
    assert.equal(await q.firstCommitBy('me.x@acme.com', new Date(T0 + 5 * H)), undefined);
    assert.equal(await q.firstCommitBy('nobody@acme.com'), undefined);
  });

  it('sees commits on other branches too', async () => {
    repo.git('checkout', '-q', '-b', 'feature');
    const hash = repo.commit('branchy@acme.com', T0 + 6 * H);
    repo.git('checkout', '-q', 'main');
    assert.equal((await q.firstCommitBy('branchy@acme.com', new Date(T0 + 5 * H)))?.hash, hash);
  });
});
