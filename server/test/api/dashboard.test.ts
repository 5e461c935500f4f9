import * as assert from 'node:assert/strict';
import { DATABASES, call, startApp, type TestServer } from '../helpers';
import { EXPECTED, SEED_NOW, seedDashboard } from '../dashboardSeed';

/** Signs in through /auth/login as a browser would; returns the cookie and CSRF token. */
export async function signIn(base: string, body: Record<string, string>): Promise<{ cookie: string; csrf: string; status: number }> {
  const pre = await fetch(`${base}/auth/session`);
  const preCookie = pre.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf } = (await pre.json()) as { csrf: string };
  const r = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: preCookie, 'x-csrf-token': csrf }, body: JSON.stringify(body) });
  const set = r.headers.getSetCookie().find((c) => c.startsWith('dx_session='));
  const json = (await r.json()) as { csrf?: string };
  return { status: r.status, cookie: set ? set.split(';')[0]! : '', csrf: json.csrf ?? '' };
}

const asCookie = (c: { cookie: string; csrf?: string }, extra: Record<string, string> = {}) => ({ token: null, headers: { cookie: c.cookie, ...(c.csrf ? { 'x-csrf-token': c.csrf } : {}), ...extra } });

for (const d of DATABASES) {
  describe(`dashboard API (${d.name})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startApp((await d.open()).db, { now: () => SEED_NOW });
      await seedDashboard(s.url);
    });
    after(async () => {
      await s.close();
      await s.db.close();
    });

    it('summarises the dashboard seed’s CI runs as worked out by hand', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/ci?window=30');
      const shop = r.json.repos.find((x: { repo?: string }) => x.repo === EXPECTED.ci.repo);
      assert.equal(shop.team, 'payments'); // the team of its service, checkout
      const { repo: _r, ...want } = EXPECTED.ci;
      assert.deepEqual(
        { runs: shop.report.runs, p50Minutes: shop.report.p50Minutes, p90Minutes: Math.round(shop.report.p90Minutes * 1000) / 1000, overTarget: shop.report.overTarget, minutesOverTarget: shop.report.minutesOverTarget, failed: shop.report.failed, flaky: shop.report.flaky, slowestJob: shop.report.slowestJob },
        want,
      );
    });

    it('times the first day to the first production deploy per start week, as worked out by hand', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/onboarding/first-deploy?from=2026-03-01&to=2026-03-31T12:00:00Z');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.targetMinutes, 1440);
      const { week, waiting, ...want } = EXPECTED.firstDeploy;
      const c = r.json.cohorts.find((x: { week: string }) => x.week === week);
      assert.deepEqual({ n: c.n, p50Minutes: c.p50Minutes, p90Minutes: Math.round(c.p90Minutes * 1000) / 1000, withinTarget: c.withinTarget }, want);
      assert.equal(c.waiting, waiting);
      assert.equal(r.json.waiting, 0);
      // One team's view: the search team has no new hires, so its numbers are hidden, not zero.
      const search = await call(s.url, 'GET', '/admin/v1/insights/onboarding/first-deploy?from=2026-03-01&to=2026-03-31T12:00:00Z&team=search');
      assert.equal(search.json.overall.suppressed, true);
    });

    it('ranks friction by the seed matrix, hiding items of fewer than 5 developers', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/friction');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.activeDevelopers, EXPECTED.activeDevelopers);
      assert.deepEqual(
        r.json.items.map((i: Record<string, unknown>) => ({ key: i.key, quadrant: i.quadrant, developers: i.developers, frequency: i.frequency, impactMinutes: i.impactMinutes })),
        EXPECTED.friction,
      );
      assert.equal(r.json.hiddenItems, EXPECTED.hiddenFrictionItems);
      assert.match(r.json.hiddenReason, /fewer than 5/);
      assert.deepEqual(r.json.items[2].repos, [{ repo: 'github.com/acme/shop', developers: 7, occurrences: 7, minutesLost: 70 }]);
      // The VPN report was sent after npm test failed.
      assert.deepEqual(r.json.items.map((i: { reports: number }) => i.reports), [0, 0, 1]);
    });

    it('answers NPS with n and its parts, and hides a team that could be derived', async () => {
      const all = await call(s.url, 'GET', '/admin/v1/insights/nps?surveyId=platform-nps');
      assert.equal(all.status, 200, all.text);
      const pick = (j: Record<string, unknown>) => ({ nps: j.nps, n: j.n, promoters: j.promoters, passives: j.passives, detractors: j.detractors });
      assert.deepEqual(pick(all.json), EXPECTED.nps);
      assert.deepEqual(pick((await call(s.url, 'GET', '/admin/v1/insights/nps?surveyId=platform-nps&team=payments')).json), EXPECTED.npsPayments);
      const search = await call(s.url, 'GET', '/admin/v1/insights/nps?surveyId=platform-nps&team=search');
      assert.equal(search.json.suppressed, true);
      assert.equal(search.json.nps, undefined);
      assert.equal(search.json.n, undefined);
      const before = await call(s.url, 'GET', '/admin/v1/insights/nps?surveyId=platform-nps&to=2026-03-01');
      assert.equal(before.json.suppressed, true);
      assert.equal((await call(s.url, 'GET', '/admin/v1/insights/nps?surveyId=nope')).status, 404);
      assert.equal((await call(s.url, 'GET', '/admin/v1/insights/nps')).status, 400);
    });

    it('gives survey results question by question, free text without identity', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/surveys/platform-nps');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.respondents, 13);
      assert.equal(r.json.questions[0].result.nps, 23);
      assert.equal(r.json.questions[0].result.distribution[10], 4);
      assert.deepEqual(r.json.questions[1].result.answers.map((a: { text: string }) => a.text), ['Golden path docs are great', 'Deploys are flaky on Fridays']);
      assert.ok(!r.text.includes('install-'));
      assert.deepEqual(r.json.npsByQuarter.map((q: { quarter: string; nps: number }) => [q.quarter, q.nps]), [['2026-Q1', 23]]);
      // Per team, the same cells are hidden as on /insights/nps.
      assert.equal((await call(s.url, 'GET', '/admin/v1/insights/surveys/platform-nps?team=payments')).json.questions[0].result.nps, 33);
      const search = await call(s.url, 'GET', '/admin/v1/insights/surveys/platform-nps?team=search');
      assert.equal(search.json.suppressed, true);
      assert.deepEqual(search.json.questions, []);
    });

    it('computes onboarding: first commit percentiles, the funnel and setup per repo', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/onboarding');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.firstCommit, EXPECTED.firstCommit);
      assert.equal(r.json.funnel.started, EXPECTED.funnel.started);
      assert.equal(r.json.funnel.finished, EXPECTED.funnel.finished);
      assert.equal(r.json.funnel.worstStep, EXPECTED.funnel.worstStep);
      assert.deepEqual(r.json.funnel.steps.map((x: { completion: number }) => x.completion), EXPECTED.funnel.completion);
      assert.deepEqual(r.json.setupByRepo, [{ repo: 'github.com/acme/shop', ...EXPECTED.setupShop }]);
    });

    it('computes delivery per service with the extension DORA engine, as the service route does', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/delivery');
      assert.equal(r.status, 200, r.text);
      const co = r.json.services.find((x: { service: string }) => x.service === 'checkout');
      const direct = await call(s.url, 'GET', '/admin/v1/services/checkout/dora');
      assert.deepEqual(co.report, direct.json);
      assert.equal(co.report.leadTime.medianMinutes, 120);
      assert.equal(co.report.changeFailRate.failed, 1);
      // payments has one service: its team numbers are that service's numbers.
      const team = r.json.teams.find((t: { team: string }) => t.team === 'payments').report;
      for (const k of ['deploymentFrequency', 'leadTime', 'changeFailRate', 'recoveryTime', 'reworkRate']) assert.equal(team[k].value, co.report[k].value, k);
      assert.equal(team.deploymentFrequency.deployments, 3);
    });

    it('overview: lead time, onboarding, NPS and adoption in 7 and 28 days', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/overview');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.leadTime.find((x: { service: string }) => x.service === 'checkout').medianMinutes, 120);
      assert.deepEqual(r.json.onboarding, EXPECTED.firstCommit);
      assert.equal(r.json.nps.nps, EXPECTED.nps.nps);
      assert.deepEqual(r.json.adoption.map((a: { days: number; developers: number; repos: number }) => [a.days, a.developers, a.repos]), [[7, 14, 2], [28, 14, 2]]);
      assert.equal(r.json.worstOnboardingStep, 'build');
    });

    it('lists friction reports newest first and stores a status with a changelog link', async () => {
      const list = await call(s.url, 'GET', '/admin/v1/insights/friction/reports');
      assert.equal(list.json.reports.length, 2);
      assert.equal(list.json.reports[0].text, 'The search index takes an hour to build locally');
      assert.equal(list.json.reports[0].status, 'new');
      const id = list.json.reports[1].id;
      const put = await call(s.url, 'PUT', `/admin/v1/friction/reports/${id}/status`, { body: { status: 'fixed', changelogId: 'ci-cache' } });
      assert.equal(put.status, 200, put.text);
      const again = await call(s.url, 'GET', '/admin/v1/insights/friction/reports');
      assert.deepEqual([again.json.reports[1].status, again.json.reports[1].changelogId], ['fixed', 'ci-cache']);
      assert.equal((await call(s.url, 'PUT', `/admin/v1/friction/reports/${id}/status`, { body: { status: 'done' } })).status, 400);
      assert.equal((await call(s.url, 'PUT', '/admin/v1/friction/reports/nope/status', { body: { status: 'new' } })).status, 404);
    });

    it('publishes a survey with POST /admin/v1/surveys, checked by the extension schema', async () => {
      const good = await call(s.url, 'POST', '/admin/v1/surveys', { body: { id: 'fri', template: 'friday-deploy-confidence' } });
      assert.equal(good.status, 201, good.text);
      const badOne = await call(s.url, 'POST', '/admin/v1/surveys', { body: { id: 'x', title: 'T', trigger: 'quarterly', questions: [{ id: 'q', type: 'scale', text: 'Q?' }] } });
      assert.equal(badOne.status, 400);
      assert.match(badOne.json.error.message, /labels/);
    });

    describe('accounts and sessions', () => {
      let admin: { cookie: string; csrf: string };
      before(async () => {
        admin = await signIn(s.url, { token: 'test-admin-token-0123456789' });
        for (const a of [
          { username: 'vera', password: 'viewer-password-1', role: 'viewer' },
          { username: 'pat', password: 'viewer-password-2', role: 'viewer', teams: ['payments'] },
        ]) {
          const r = await call(s.url, 'POST', '/admin/v1/accounts', { ...asCookie(admin), body: a });
          assert.equal(r.status, 201, r.text);
        }
      });

      it('signs in with the admin token, sets an HttpOnly SameSite=Strict cookie, and refuses a wrong token', async () => {
        assert.ok(admin.cookie.startsWith('dx_session='));
        const pre = await fetch(`${s.url}/auth/session`);
        const { csrf } = (await pre.json()) as { csrf: string };
        const r = await fetch(`${s.url}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: pre.headers.getSetCookie()[0]!.split(';')[0]!, 'x-csrf-token': csrf },
          body: JSON.stringify({ token: 'test-admin-token-0123456789' }),
        });
        const set = r.headers.getSetCookie().find((c) => c.startsWith('dx_session='))!;
        assert.match(set, /HttpOnly/);
        assert.match(set, /SameSite=Strict/);
        assert.equal((await signIn(s.url, { token: 'wrong-token-wrong-token' })).status, 401);
        assert.equal((await signIn(s.url, { username: 'vera', password: 'nope-nope-nope' })).status, 401);
      });

      it('stores passwords as scrypt hashes', async () => {
        const r = await s.db.query<{ password_hash: string }>("SELECT password_hash FROM accounts WHERE username = 'vera'");
        assert.match(r.rows[0]!.password_hash, /^scrypt\$16384\$8\$1\$/);
        assert.ok(!r.rows[0]!.password_hash.includes('viewer-password-1'));
      });

      it('lets a viewer read insights but no admin route', async () => {
        const v = await signIn(s.url, { username: 'vera', password: 'viewer-password-1' });
        assert.equal(v.status, 200);
        assert.equal((await call(s.url, 'GET', '/admin/v1/insights/friction', asCookie(v))).status, 200);
        for (const [m, p] of [['GET', '/admin/v1/tokens'], ['GET', '/admin/v1/accounts'], ['GET', '/admin/v1/repos'], ['GET', '/admin/v1/events']]) {
          assert.equal((await call(s.url, m!, p!, asCookie(v))).status, 403, `${m} ${p}`);
        }
        const put = await call(s.url, 'PUT', '/admin/v1/friction/reports/x/status', { ...asCookie(v), body: { status: 'new' } });
        assert.equal(put.status, 403);
        const survey = await call(s.url, 'POST', '/admin/v1/surveys', { ...asCookie(v), body: { id: 'y', template: 'platform-nps' } });
        assert.equal(survey.status, 403);
      });

      it('keeps a team-limited viewer to its teams', async () => {
        const p = await signIn(s.url, { username: 'pat', password: 'viewer-password-2' });
        assert.equal((await call(s.url, 'GET', '/admin/v1/insights/friction?team=payments', asCookie(p))).status, 200);
        assert.equal((await call(s.url, 'GET', '/admin/v1/insights/friction?team=search', asCookie(p))).status, 403);
        assert.equal((await call(s.url, 'GET', '/admin/v1/insights/friction', asCookie(p))).status, 403);
        assert.equal((await call(s.url, 'GET', '/admin/v1/insights/delivery?team=search', asCookie(p))).status, 403);
        const own = await call(s.url, 'GET', '/admin/v1/insights/friction/reports?team=payments', asCookie(p));
        assert.deepEqual(own.json.reports.map((r: { team: string }) => r.team), ['payments']);
      });

      it('refuses cookie requests that change state without the CSRF token or from another site', async () => {
        const body = { username: 'eve', password: 'eve-password-123', role: 'admin' };
        const noCsrf = await call(s.url, 'POST', '/admin/v1/accounts', { token: null, headers: { cookie: admin.cookie }, body });
        assert.equal(noCsrf.status, 403);
        assert.equal(noCsrf.json.error.code, 'csrf');
        const cross = await call(s.url, 'POST', '/admin/v1/accounts', { ...asCookie(admin, { origin: 'https://evil.example' }), body });
        assert.equal(cross.status, 403);
        const site = await call(s.url, 'POST', '/admin/v1/accounts', { ...asCookie(admin, { 'sec-fetch-site': 'cross-site' }), body });
        assert.equal(site.status, 403);
        // A classic forged HTML form post: urlencoded, no token.
        const form = await call(s.url, 'POST', '/admin/v1/accounts', { token: null, headers: { cookie: admin.cookie, origin: 'https://evil.example' }, raw: 'username=eve&password=x&role=admin', contentType: 'application/x-www-form-urlencoded' });
        assert.equal(form.status, 403);
        const login = await fetch(`${s.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'test-admin-token-0123456789' }) });
        assert.equal(login.status, 403);
        assert.equal((await call(s.url, 'GET', '/admin/v1/accounts', asCookie(admin))).json.accounts.length, 2);
      });

      it('ends a session made with an admin token when that token is revoked', async () => {
        const made = await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'temp admin', scope: 'admin' } });
        const t = await signIn(s.url, { token: made.json.token });
        assert.equal((await call(s.url, 'GET', '/admin/v1/tokens', asCookie(t))).status, 200);
        assert.equal((await call(s.url, 'DELETE', `/admin/v1/tokens/${made.json.id}`)).status, 204);
        assert.equal((await call(s.url, 'GET', '/admin/v1/tokens', asCookie(t))).status, 401);
      });

      it('signs out: the session stops working', async () => {
        const v = await signIn(s.url, { username: 'vera', password: 'viewer-password-1' });
        assert.equal((await call(s.url, 'POST', '/auth/logout', asCookie(v))).status, 204);
        assert.equal((await call(s.url, 'GET', '/admin/v1/insights/friction', asCookie(v))).status, 401);
      });

      it('slows down guessing: 10 failed sign-ins a minute from one address, then 429 (last: it blocks this address)', async () => {
        let last = 0;
        for (let i = 0; i < 12; i++) last = (await signIn(s.url, { username: 'vera', password: `guess-${i}-xxxxxxx` })).status;
        assert.equal(last, 429);
        assert.equal((await signIn(s.url, { username: 'vera', password: 'viewer-password-1' })).status, 429);
      });
    });
  });
}
