import * as assert from 'node:assert/strict';
import { repoIdentity } from '../../../src/core/privacy/repoIdentity';
import { DATABASES, call, startApp, type TestServer } from '../helpers';

const NOW = Date.parse('2024-06-30T00:00:00Z');
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();
const run = (id: string, branch: string, start: string, minutes: number, p: Record<string, unknown> = {}) => {
  const s = Date.parse(start);
  return { id, workflow: 'ci', branch, sha: id.padEnd(7, '0'), attempt: 1, conclusion: 'success', startedAt: iso(s), finishedAt: iso(s + minutes * MIN), ...p };
};

// Hand-computed, 7-day window up to NOW.
// shop (main): 4, 6 (failed, sha b), 14 (attempt 2 of b), 20 (failed) minutes.
//   p50 (6 + 14) / 2 = 10; p90 rank 2.7: 14 + 0.7 * 6 = 18.2; over 10 min: 14 and 20, 4 + 10 = 14 min lost;
//   failed 2 of 4; flaky: b passed on a rerun, 1 of 2 failing commits.
const shopRuns = [
  run('a000001', 'main', '2024-06-24T10:00:00Z', 4, { jobs: [{ name: 'build', durationMs: 3 * MIN, steps: [{ name: 'npm ci', durationMs: MIN }] }] }),
  run('b000001', 'main', '2024-06-25T10:00:00Z', 6, { sha: 'bbbbbbb', conclusion: 'failure' }),
  run('b000002', 'main', '2024-06-25T11:00:00Z', 14, { sha: 'bbbbbbb', attempt: 2, jobs: [{ name: 'build', durationMs: 13 * MIN }] }),
  run('c000001', 'main', '2024-06-26T10:00:00Z', 20, { conclusion: 'failure' }),
  run('d000001', 'main', '2024-05-01T10:00:00Z', 99), // outside both windows
];
// web (develop, on GitLab): 3 and 5 -> p50 4, p90 4.8; a feature branch run does not count.
const webRuns = [run('e000001', 'develop', '2024-06-27T10:00:00Z', 3), run('f000001', 'develop', '2024-06-28T10:00:00Z', 5), run('9000001', 'feature', '2024-06-28T12:00:00Z', 50)];

for (const d of DATABASES) {
  describe(`CI runs API (${d.name})`, () => {
    let s: TestServer;
    let ingest: string;
    before(async () => {
      s = await startApp((await d.open()).db, { now: () => NOW });
      ingest = (await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'developers', scope: 'ingest' } })).json.token;
      assert.equal((await call(s.url, 'POST', '/admin/v1/repos', { body: { repos: [{ url: 'https://github.com/acme/shop', service: 'shop', team: 'payments' }] } })).status, 200);
    });
    after(async () => {
      await s.close();
      await s.db.close();
    });

    it('stores posted runs per repository (posting again updates, never duplicates)', async () => {
      const a = await call(s.url, 'POST', '/admin/v1/ci-runs', { body: { repo: 'https://github.com/acme/shop.git', defaultBranch: 'main', runs: shopRuns } });
      assert.equal(a.status, 200, a.text);
      assert.deepEqual(a.json, { repoId: repoIdentity('github.com/acme/shop', false).id, stored: 5 });
      assert.equal((await call(s.url, 'POST', '/admin/v1/ci-runs', { body: { repo: 'github.com/acme/shop', runs: shopRuns.slice(0, 2) } })).status, 200);
      assert.equal((await call(s.url, 'POST', '/admin/v1/ci-runs', { body: { repo: 'git@gitlab.com:acme/web.git', defaultBranch: 'develop', runs: webRuns } })).status, 200);
    });

    it('refuses a bad body with the field that is wrong', async () => {
      const r = await call(s.url, 'POST', '/admin/v1/ci-runs', { body: { repo: 'github.com/acme/shop', runs: [{ ...shopRuns[0], sha: 'not a sha' }] } });
      assert.equal(r.status, 400);
      assert.match(r.json.error.message, /^runs\.0\.sha: /);
      const none = await call(s.url, 'POST', '/admin/v1/ci-runs', { body: { repo: 'github.com/acme/shop', runs: [] } });
      assert.equal(none.status, 400);
      assert.equal((await call(s.url, 'POST', '/admin/v1/ci-runs', { token: ingest, body: { repo: 'x', runs: shopRuns } })).status, 403);
    });

    it('serves a repository’s runs to the extension by name or id, with an ETag and 304', async () => {
      const since = '2024-06-01T00:00:00.000Z';
      const byName = await call(s.url, 'GET', `/v1/repos/${encodeURIComponent('github.com/acme/shop')}/ci-runs?since=${since}`, { token: ingest });
      assert.equal(byName.status, 200, byName.text);
      assert.equal(byName.json.defaultBranch, 'main');
      assert.deepEqual(byName.json.runs.map((r: { id: string }) => r.id), ['a000001', 'b000001', 'b000002', 'c000001']);
      assert.deepEqual(byName.json.runs[0].jobs, [{ name: 'build', durationMs: 3 * MIN, steps: [{ name: 'npm ci', durationMs: MIN }] }]);
      const id = repoIdentity('github.com/acme/shop', false).id;
      const byId = await call(s.url, 'GET', `/v1/repos/${id}/ci-runs?since=${since}`, { token: ingest, headers: { 'if-none-match': byName.headers.get('etag')! } });
      assert.equal(byId.status, 304);
      const unknown = await call(s.url, 'GET', `/v1/repos/github.com%2Facme%2Fnone/ci-runs`, { token: ingest });
      assert.equal(unknown.status, 200);
      assert.deepEqual(unknown.json.runs, []);
    });

    it('summarises the default branch per repository for the Delivery page, hand-computed', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/ci?window=7');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.targetMinutes, 10);
      const shop = r.json.repos.find((x: { repo?: string }) => x.repo === 'github.com/acme/shop');
      assert.equal(shop.team, 'payments');
      assert.equal(shop.defaultBranch, 'main');
      assert.equal(shop.report.runs, 4);
      assert.equal(shop.report.p50Minutes, 10);
      assert.ok(Math.abs(shop.report.p90Minutes - 18.2) < 1e-9);
      assert.equal(shop.report.overTarget, 2);
      assert.equal(shop.report.minutesOverTarget, 14);
      assert.equal(shop.report.failureShare, 0.5);
      assert.equal(shop.report.flaky, 1);
      assert.equal(shop.report.failedCommits, 2);
      assert.deepEqual(shop.report.slowestJob, { name: 'build', p50Minutes: 8 }); // 3 and 13
      const web = r.json.repos.find((x: { repoId: string }) => x.repoId === repoIdentity('gitlab.com/acme/web', false).id);
      assert.equal(web.defaultBranch, 'develop');
      assert.equal(web.report.runs, 2);
      assert.equal(web.report.p50Minutes, 4);
      assert.equal(web.report.p90Minutes, 4.8);
      const team = await call(s.url, 'GET', '/admin/v1/insights/ci?window=7&team=payments');
      assert.deepEqual(team.json.repos.map((x: { repo?: string }) => x.repo), ['github.com/acme/shop']);
    });
  });
}
