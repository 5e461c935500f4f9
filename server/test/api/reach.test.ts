// The dashboard's use of the events added in #18, against both databases: adoption from
// activity.day, entry reach and deprecations on the Changelog route, survey prompts and NPS
// per team, and the onboarding funnel's times since the checklist appeared. Every number
// is hand-computed in test/reachSeed.ts; rollups and a raw recount must agree.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DATABASES, call, startApp, type TestServer } from '../helpers';
import { adminCall, SEARCH, SEED_NOW, SHOP, seedTeams } from '../dashboardSeed';
import { REACH, seedReach } from '../reachSeed';
import { changelogInsight, surveyPrompts } from '../../src/db/reach';
import { rebuildRollups } from '../../src/db/rollups';

for (const d of DATABASES) {
  describe(`dashboard reach (${d.name})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startApp((await d.open()).db, { now: () => SEED_NOW });
      await seedTeams(s.url);
      await seedReach(s.url);
    });
    after(async () => {
      await s.close();
      await s.db.close();
    });

    it('counts developers who only sent activity.day as active: the friction matrix divides by them', async () => {
      const f = await call(s.url, 'GET', '/admin/v1/insights/friction');
      assert.equal(f.status, 200, f.text);
      assert.equal(f.json.activeDevelopers, REACH.activeDevelopers);
      const npm = f.json.items.find((i: { key: string }) => i.key === 'command:npm test');
      assert.deepEqual({ developers: npm.developers, frequency: npm.frequency, impactMinutes: npm.impactMinutes, quadrant: npm.quadrant }, REACH.npmTest);
      const o = await call(s.url, 'GET', '/admin/v1/insights/overview');
      assert.deepEqual(o.json.adoption.map((a: { days: number; developers: number; repos: number }) => [a.days, a.developers, a.repos]), [[7, 9, 2], [28, 9, 2]]);
    });

    it('shows each entry\'s reach, hiding counts below the minimum group, and the repositories a deprecation still affects', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/changelog');
      assert.equal(r.status, 200, r.text);
      const node = r.json.entries.find((e: { id: string }) => e.id === 'node-16');
      assert.deepEqual({ notified: node.notified, opened: node.opened, reached: node.reached, daysLeft: node.daysLeft }, { notified: 6, opened: 5, reached: 7, daysLeft: 30 });
      assert.deepEqual(node.stillAffected.list.map((x: { repo: string }) => x.repo), REACH.node16.stillAffected);
      assert.equal(node.stillAffected.list[0].team, 'payments');
      const ci = r.json.entries.find((e: { id: string }) => e.id === 'ci-cache');
      assert.deepEqual({ notified: ci.notified, opened: ci.opened, reached: ci.reached }, REACH.ciCache);
      assert.equal(ci.stillAffected, null, 'a feature entry tracks no repositories');
      assert.match(r.json.hiddenReason, /fewer than 5 developers/);
      assert.deepEqual(r.json.searches, REACH.searches);
      assert.ok(!r.text.includes('secret'), 'a question one developer asked is not shown');
      assert.ok(!r.text.includes('install-'));
    });

    it('limits the still-affected repositories to the team asked for', async () => {
      const search = await call(s.url, 'GET', '/admin/v1/insights/changelog?team=search');
      assert.deepEqual(search.json.entries.find((e: { id: string }) => e.id === 'node-16').stillAffected, { repos: 0, list: [] });
      const payments = await call(s.url, 'GET', '/admin/v1/insights/changelog?team=payments');
      // Within payments: r1..r5 notified, r1 r2 r3 opened (3: hidden), reached 5.
      const node = payments.json.entries.find((e: { id: string }) => e.id === 'node-16');
      assert.deepEqual([node.notified, node.opened, node.reached, node.stillAffected.repos], [5, null, 5, 1]);
    });

    it('gives a survey\'s response rate and dismissals, and NPS per team from the team on anonymous answers', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/surveys/dx-pulse');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.prompts, REACH.prompts);
      assert.deepEqual(
        r.json.npsByTeam.map((t: { team: string; nps?: number; n?: number; suppressed?: boolean }) => (t.suppressed ? { team: t.team, suppressed: true } : { team: t.team, nps: t.nps, n: t.n })),
        REACH.npsByTeam,
      );
      const all = await call(s.url, 'GET', '/admin/v1/insights/nps?surveyId=dx-pulse');
      assert.deepEqual({ nps: all.json.nps, n: all.json.n, promoters: all.json.promoters, passives: all.json.passives, detractors: all.json.detractors }, REACH.nps);
      const pay = await call(s.url, 'GET', '/admin/v1/insights/nps?surveyId=dx-pulse&team=payments');
      assert.deepEqual([pay.json.nps, pay.json.n], [33, 6]);
      assert.equal((await call(s.url, 'GET', '/admin/v1/insights/nps?surveyId=dx-pulse&team=search')).json.suppressed, true);
      // Per team, prompts are not split: anonymous prompts carry no repository.
      const team = await call(s.url, 'GET', '/admin/v1/insights/surveys/dx-pulse?team=payments');
      assert.equal(team.json.prompts.perTeam, false);
    });

    it('times the onboarding funnel from the checklist\'s first appearance and names the stall step', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/onboarding');
      assert.equal(r.status, 200, r.text);
      const f = r.json.funnel;
      assert.deepEqual(f.steps.map((x: { medianMinutesFromStart: number | null }) => x.medianMinutesFromStart), REACH.funnel.fromStart);
      assert.deepEqual(f.steps.map((x: { medianMinutesOnStep: number | null }) => x.medianMinutesOnStep), REACH.funnel.onStep);
      assert.equal(f.stallStep, REACH.funnel.stallStep);
      assert.equal(f.worstStep, REACH.funnel.worstStep);
      const o = await call(s.url, 'GET', '/admin/v1/insights/overview');
      assert.equal(o.json.stallOnboardingStep, 'build');
    });

    it('answers the same from the rollups, from a raw recount, and after a rebuild', async () => {
      const p = { from: '2026-03-10T06:00:00.000Z', to: '2026-03-31T12:00:00.000Z', minGroup: 5, now: SEED_NOW };
      const rolled = await changelogInsight(s.db, p);
      assert.deepEqual(rolled, await changelogInsight(s.db, { ...p, rollups: false }));
      assert.deepEqual(await surveyPrompts(s.db, p, 'dx-pulse'), await surveyPrompts(s.db, { ...p, rollups: false }, 'dx-pulse'));
      await s.db.transaction((q) => rebuildRollups(q));
      assert.deepEqual(await changelogInsight(s.db, p), rolled);
      assert.deepEqual(await surveyPrompts(s.db, p, 'dx-pulse'), REACH.prompts);
    });

    it('orders affected and resolved by time: a late old report changes nothing, a newer one reopens the repository', async () => {
      const ok = adminCall(s.url);
      const token = (await ok('POST', '/admin/v1/tokens', { name: 'late', scope: 'ingest' })).token as string;
      const late = (time: string) => ({
        id: randomUUID(), kind: 'deprecation.affected', schemaVersion: 1, time, installId: 'install-r8', sessionId: 'x', repo: { id: SEARCH, hashed: false }, extensionVersion: '0.2.0',
        data: { entryId: 'node-16', found: [{ rule: 'image', name: 'node', version: '16' }] },
      });
      const still = async () => (await call(s.url, 'GET', '/admin/v1/insights/changelog')).json.entries.find((e: { id: string }) => e.id === 'node-16').stillAffected.list.map((x: { repo: string }) => x.repo);
      // Observed before search was resolved (at 10:00 on 2026-03-25, plus minutes), delivered after.
      const old = late('2026-03-25T10:01:00.000Z');
      assert.equal((await call(s.url, 'POST', '/v1/events', { token, body: { events: [old] } })).status, 200);
      assert.deepEqual(await still(), [SHOP]);
      // The same batch again: a duplicate, nothing changes.
      assert.deepEqual((await call(s.url, 'POST', '/v1/events', { token, body: { events: [old] } })).json.duplicates, [old.id]);
      assert.deepEqual(await still(), [SHOP]);
      await call(s.url, 'POST', '/v1/events', { token, body: { events: [late('2026-03-28T09:00:00.000Z')] } });
      assert.deepEqual(await still(), [SEARCH, SHOP]);
    });
  });
}
