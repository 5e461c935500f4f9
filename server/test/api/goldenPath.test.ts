import { RepoConfig } from '../../../src/core/platform/contract';
import * as assert from 'node:assert/strict';
import { DATABASES, call, startApp, type TestServer } from '../helpers';
import { SEED_NOW, SHOP, seedTeams } from '../dashboardSeed';
import { GOLDEN_CHECKS, GOLDEN_EXPECTED, seedGoldenPath } from '../goldenPathSeed';

for (const d of DATABASES) {
  describe(`golden-path adoption API (${d.name})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startApp((await d.open()).db, { now: () => SEED_NOW });
      await seedTeams(s.url);
      await seedGoldenPath(s.url);
    });
    after(async () => {
      await s.close();
      await s.db.close();
    });

    it('computes the shares of repos and teams, per check and per week, as worked out by hand', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/golden-path');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.repos, GOLDEN_EXPECTED.repos);
      assert.deepEqual(r.json.teams, GOLDEN_EXPECTED.teams);
      assert.deepEqual(r.json.checks, GOLDEN_EXPECTED.checks);
      assert.deepEqual(r.json.mostAffecting, GOLDEN_EXPECTED.mostAffecting);
      assert.deepEqual(r.json.weeks.map((w: { week: string; repos: { share: number | null }; teams: { share: number | null } }) => [w.week, w.repos.share, w.teams.share]), GOLDEN_EXPECTED.weeks);
      // Week of 03-09: only shop had reported, failing shared-ci.
      assert.deepEqual(r.json.weeks[1].checks, [{ id: 'approved-image', repos: 1, passing: 1, share: 1 }, { id: 'catalog-info', repos: 1, passing: 1, share: 1 }, { id: 'shared-ci', repos: 1, passing: 0, share: 0 }]);
      assert.equal(r.json.suppressed, undefined);
    });

    it('limits to a team, and hides a developer count under the minimum group', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/golden-path?team=payments');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.repos, { evaluated: 2, onPath: 2, share: 1 });
      // Before 03-25 shop still failed shared-ci; p1 alone was active there: hidden.
      const early = await call(s.url, 'GET', '/admin/v1/insights/golden-path?from=2026-03-01&to=2026-03-20');
      assert.deepEqual(early.json.checks.find((c: { id: string }) => c.id === 'shared-ci'), { id: 'shared-ci', repos: 1, passing: 0, share: 0, failingRepos: 1, developersAffected: null });
      assert.match(early.json.suppressed.reason, /fewer than 5 developers/);
      assert.equal((await call(s.url, 'GET', '/admin/v1/insights/golden-path?from=2026-03-20&to=2026-03-01')).status, 400);
    });

    it('serves the org golden path to a repository in its config, and refuses an invalid check with its path', async () => {
      const token = (await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'extension', scope: 'ingest' } })).json.token as string;
      const cfg = await call(s.url, 'GET', `/v1/repos/${encodeURIComponent(SHOP)}/config`, { token });
      assert.equal(cfg.status, 200, cfg.text);
      assert.deepEqual(cfg.json.goldenPath, { checks: GOLDEN_CHECKS });
      const bad = await call(s.url, 'PUT', '/admin/v1/config/teams/search', { body: { goldenPath: { checks: [{ id: 'x', title: 'Two rules', fileExists: 'a', dockerfileFrom: { pattern: 'b' } }] } } });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /goldenPath\.checks\.0: a check needs exactly one rule/);
      const twice = await call(s.url, 'PUT', '/admin/v1/config/teams/search', { body: { goldenPath: { checks: [{ id: 'ci', title: 'A', fileExists: 'a' }, { id: 'ci', title: 'B', fileExists: 'b' }] } } });
      assert.equal(twice.status, 400);
      assert.match(twice.text, /goldenPath\.checks\.1: the id \\"ci\\" is already used/);
    });

    it('serves at most 100 checks to a repository, however many its layers add up to', async () => {
      const many = (prefix: string) => Array.from({ length: 60 }, (_, i) => ({ id: `${prefix}-${i}`, title: `${prefix} ${i}`, fileExists: `f${i}` }));
      assert.equal((await call(s.url, 'PUT', '/admin/v1/config/org', { body: { goldenPath: { checks: many('org') } } })).status, 200);
      assert.equal((await call(s.url, 'PUT', `/admin/v1/config/repos/${encodeURIComponent(SHOP)}`, { body: { goldenPath: { checks: many('repo') } } })).status, 200);
      const token = (await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'extension 2', scope: 'ingest' } })).json.token as string;
      const cfg = await call(s.url, 'GET', `/v1/repos/${encodeURIComponent(SHOP)}/config`, { token });
      assert.equal(cfg.status, 200, cfg.text);
      assert.ok(RepoConfig.safeParse(cfg.json).success, 'the extension can read it');
      const ids = cfg.json.goldenPath.checks.map((c: { id: string }) => c.id);
      assert.equal(ids.length, 100);
      assert.deepEqual([ids[0], ids[59], ids[60], ids[99]], ['org-0', 'org-59', 'repo-0', 'repo-39']);
    });
  });
}
