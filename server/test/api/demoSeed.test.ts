import * as assert from 'node:assert/strict';
import { DEMO_EXPECTED, seedDemoOrg } from '../../src/seed/demoOrg';
import { ADMIN_TOKEN, DATABASES, call, startApp, type TestServer } from '../helpers';

// The demo's organization (npm run demo, #18): seeded through the API, the dashboard's
// routes must show the numbers worked out by hand in DEMO_EXPECTED.
const NOW = Date.UTC(2026, 5, 15, 12);

for (const d of DATABASES) {
  describe(`demo organization seed (${d.name})`, function () {
    this.timeout(180_000);
    let s: TestServer;
    let ingestToken: string;
    before(async () => {
      s = await startApp((await d.open()).db, { now: () => NOW });
      ingestToken = (await seedDemoOrg(s.url, ADMIN_TOKEN, NOW)).ingestToken;
    });
    after(async () => {
      await s.close();
      await s.db.close();
    });

    it('has three teams and 60 developers, all active in the last 28 days', async () => {
      assert.equal((await call(s.url, 'GET', '/admin/v1/teams')).json.teams.length, DEMO_EXPECTED.teams);
      const o = await call(s.url, 'GET', '/admin/v1/insights/overview');
      assert.equal(o.status, 200, o.text);
      const a28 = o.json.adoption.find((x: { days: number }) => x.days === 28);
      assert.equal(a28.developers, DEMO_EXPECTED.activeLast28Days);
      const friction90 = await call(s.url, 'GET', `/admin/v1/insights/friction?from=${new Date(NOW - 90 * 86_400_000).toISOString()}`);
      assert.equal(friction90.json.activeDevelopers, DEMO_EXPECTED.developers);
    });

    it('shows the latest NPS round as computed by hand', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/nps?surveyId=platform-nps');
      assert.equal(r.status, 200, r.text);
      const { nps, n, promoters, passives, detractors } = r.json;
      assert.deepEqual({ nps, n, promoters, passives, detractors }, DEMO_EXPECTED.nps);
    });

    it('lists the friction reports, some already fixed with a changelog entry, and publishes their statuses', async () => {
      const r = await call(s.url, 'GET', `/admin/v1/insights/friction/reports?from=${new Date(NOW - 90 * 86_400_000).toISOString()}`);
      assert.equal(r.json.reports.length, DEMO_EXPECTED.reports);
      const fixed = r.json.reports.filter((x: { status: string }) => x.status === 'fixed');
      assert.equal(fixed.length, 4);
      const pub = await call(s.url, 'GET', '/v1/feedback/statuses', { token: ingestToken });
      // 4 fixed, 2 planned, 2 acknowledged, 1 won't fix; 5 reports have no status yet
      assert.equal(pub.json.statuses.length, 9);
    });

    it('has new hires onboarding and deployments for the services', async () => {
      const ob = await call(s.url, 'GET', `/admin/v1/insights/onboarding?from=${new Date(NOW - 90 * 86_400_000).toISOString()}`);
      assert.equal(ob.status, 200, ob.text);
      assert.equal(ob.json.firstCommit.n, DEMO_EXPECTED.newHires);
      const dep = await call(s.url, 'GET', '/v1/services/payments-api/deployments', { token: ingestToken });
      assert.equal(dep.status, 200, dep.text);
      // every 7/4 = 1.75 days from 89 days ago down to 1.5 days ago: 51 deployments
      assert.equal(dep.json.deployments.length, 51);
    });

    it('shows golden-path adoption, CI duration and time to first production deploy (#13)', async () => {
      // Golden path: search-api fails node-20, ci-templates fails shared-ci -> 2 of 4 repos on it;
      // teams: checkout (both repos) yes, search and platform no -> 1 of 3. node-20 fails for the
      // 20 developers of search, shared-ci for the 16 of platform.
      const gp = await call(s.url, 'GET', '/admin/v1/insights/golden-path');
      assert.equal(gp.status, 200, gp.text);
      assert.deepEqual([gp.json.repos, gp.json.teams.onPath, gp.json.teams.evaluated], [{ evaluated: 4, onPath: 2, share: 0.5 }, 1, 3]);
      assert.deepEqual(gp.json.mostAffecting, { id: 'node-20', developers: 20 });
      // CI: a run every 2 days from 29 days ago (15 per repo); search-api's runs of days
      // 25, 19, 13, 7 and 1 fail and pass on a rerun (5 more runs, 5 flaky commits); the
      // storefront's runs take 13 min x 0.8-1.3, so its median is over the 10-minute target.
      const ci = await call(s.url, 'GET', '/admin/v1/insights/ci');
      assert.equal(ci.status, 200, ci.text);
      const byRepo = Object.fromEntries(ci.json.repos.map((x: { repo: string; report: Record<string, number> }) => [x.repo.replace('github.com/example-org/', ''), x.report]));
      assert.deepEqual(Object.keys(byRepo).sort(), ['ci-templates', 'payments-api', 'search-api', 'storefront']);
      assert.deepEqual([byRepo['payments-api']!.runs, byRepo['search-api']!.runs, byRepo['search-api']!.failed, byRepo['search-api']!.flaky], [15, 20, 5, 5]);
      assert.ok(byRepo.storefront!.p50Minutes > 10 && byRepo['ci-templates']!.p50Minutes < 10);
      // First production deploy: every one of the 8 new hires' first commits shipped with the
      // first deployment of its service after it.
      const fd = await call(s.url, 'GET', `/admin/v1/insights/onboarding/first-deploy?from=${new Date(NOW - 90 * 86_400_000).toISOString()}`);
      assert.equal(fd.status, 200, fd.text);
      assert.deepEqual([fd.json.overall.n, fd.json.waiting], [DEMO_EXPECTED.newHires, 0]);
    });
  });
}
