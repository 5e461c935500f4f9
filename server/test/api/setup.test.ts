import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DeploymentsResponse, DocsResponse, RepoConfig } from '../../../src/core/platform/contract';
import { runMaintenance } from '../../src/db/events';
import { DATABASES, call, event, startApp, type TestServer } from '../helpers';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const SHOP = 'github.com/acme/shop';

const survey = {
  title: 'How are builds?',
  trigger: { on: 'buildSucceeded', count: 5 },
  questions: [{ id: 'speed', type: 'scale', text: 'How happy are you with build speed?', labels: { low: 'Unhappy', high: 'Happy' } }],
};

for (const d of DATABASES) {
  describe(`platform setup and the v1 GET endpoints (${d.name})`, () => {
    let s: TestServer;
    let ingest: string;
    const now = Date.UTC(2026, 2, 31, 12);
    before(async () => {
      s = await startApp((await d.open()).db, { now: () => now });
    });
    after(async () => {
      await s.close();
      await s.db.close();
    });
    beforeEach(async () => {
      await s.reset();
      ingest = (await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'devs', scope: 'ingest' } })).json.token;
    });

    it('hashes uploaded repository URLs with the extension normalization, every form to one id', async () => {
      const r = await call(s.url, 'POST', '/admin/v1/repos', {
        body: {
          repos: [
            { url: 'git@github.com:Acme/Shop.git', service: 'checkout', team: 'payments' },
            { url: 'https://user:tok@GitHub.com/acme/shop' },
            { url: 'ssh://git@gitlab.example.com:2222/group/sub/api.git' },
            { url: 'not a url' },
          ],
        },
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.json.repos.map((x: { id: string; name: string }) => [x.id, x.name]),
        [
          [sha(SHOP), SHOP],
          [sha('gitlab.example.com/group/sub/api'), 'gitlab.example.com/group/sub/api'],
        ],
      );
      assert.equal(r.json.invalid[0].url, 'not a url');
      assert.ok(!JSON.stringify((await call(s.url, 'GET', '/admin/v1/repos')).json).includes('tok'));
    });

    it('registers a repo from its catalog-info.yaml: service from the Component, team from its owner', async () => {
      const catalogInfo = [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: checkout',
        '  annotations:',
        '    github.com/project-slug: Acme/Shop',
        'spec:',
        '  type: service',
        '  owner: group:default/payments',
        '  lifecycle: production',
      ].join('\n');
      const r = await call(s.url, 'POST', '/admin/v1/repos/catalog-info', { body: { catalogInfo } });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { id: sha(SHOP), name: SHOP, service: 'checkout', team: 'payments' });
      assert.deepEqual((await call(s.url, 'GET', '/admin/v1/services')).json.services, [{ name: 'checkout', team: 'payments', environment: 'production' }]);
      const bad = await call(s.url, 'POST', '/admin/v1/repos/catalog-info', { body: { catalogInfo: 'kind: Group\nmetadata: {name: x}' } });
      assert.equal(bad.status, 400);
      assert.match(bad.json.error.message, /no "kind: Component"/);
    });

    it('serves a repo config layered org < team < repo, by hash or by name, with ETag and 304', async () => {
      await call(s.url, 'PUT', '/admin/v1/services/checkout', { body: { team: 'payments', environment: 'prod' } });
      await call(s.url, 'POST', '/admin/v1/repos', { body: { repos: [{ url: `https://${SHOP}`, service: 'checkout' }] } });
      assert.equal((await call(s.url, 'PUT', '/admin/v1/config/org', { body: { features: { surveys: false, docs: true } } })).status, 200);
      await call(s.url, 'PUT', '/admin/v1/config/teams/payments', { body: { features: { surveys: true } } });
      await call(s.url, 'PUT', `/admin/v1/config/repos/${encodeURIComponent(SHOP)}`, { body: { docSources: [{ type: 'url', kind: 'doc', location: 'https://dev.example.com/gp', title: 'Golden path' }] } });
      assert.equal((await call(s.url, 'PUT', '/admin/v1/surveys/build-pulse', { body: survey })).status, 200);

      const r = await call(s.url, 'GET', `/v1/repos/${sha(SHOP)}/config`, { token: ingest });
      assert.equal(r.status, 200, r.text);
      assert.ok(RepoConfig.safeParse(r.json).success);
      assert.deepEqual(r.json.features, { surveys: true, docs: true });
      assert.deepEqual(r.json.metrics, { service: 'checkout', team: 'payments', environment: 'prod' });
      assert.equal(r.json.surveys[0].id, 'build-pulse');
      assert.equal(r.json.docSources[0].title, 'Golden path');
      const etag = r.headers.get('etag')!;
      assert.ok(etag);
      const again = await call(s.url, 'GET', `/v1/repos/${sha(SHOP)}/config`, { token: ingest, headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      const byName = await call(s.url, 'GET', `/v1/repos/${encodeURIComponent(SHOP)}/config`, { token: ingest });
      assert.equal(byName.status, 200);
      assert.equal(byName.json.repoId, SHOP);
      await call(s.url, 'PUT', '/admin/v1/config/org', { body: { features: { surveys: false, docs: false } } });
      const changed = await call(s.url, 'GET', `/v1/repos/${sha(SHOP)}/config`, { token: ingest, headers: { 'if-none-match': etag } });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), etag);
    });

    it('takes an empty JSON body as an empty object (curl -X PUT with the header) and lists teams and services', async () => {
      assert.equal((await call(s.url, 'PUT', '/admin/v1/teams/payments', { raw: '' })).status, 200);
      assert.equal((await call(s.url, 'PUT', '/admin/v1/services/checkout', { raw: '' })).status, 200);
      assert.deepEqual((await call(s.url, 'GET', '/admin/v1/teams')).json, { teams: [{ name: 'payments' }] });
      assert.deepEqual((await call(s.url, 'GET', '/admin/v1/services')).json, { services: [{ name: 'checkout', team: null, environment: 'production' }] });
      assert.equal((await call(s.url, 'POST', '/v1/events', { raw: '' })).status, 400);
    });

    it('answers 404 for an unregistered repo, and 401 without a token', async () => {
      assert.equal((await call(s.url, 'GET', `/v1/repos/${sha('x/y/z')}/config`, { token: ingest })).status, 404);
      assert.equal((await call(s.url, 'GET', `/v1/repos/${sha('x/y/z')}/config`, { token: null })).status, 401);
    });

    it('refuses a survey or a config layer the extension could not read, saying why', async () => {
      const r = await call(s.url, 'PUT', '/admin/v1/surveys/bad', { body: { ...survey, questions: [] } });
      assert.equal(r.status, 400);
      assert.match(r.json.error.message, /at least one question/);
      assert.equal((await call(s.url, 'PUT', '/admin/v1/surveys/other', { body: { ...survey, id: 'mismatch' } })).status, 400);
      // Template references are resolved as the extension resolves them, not only shape-checked.
      const unknown = await call(s.url, 'PUT', '/admin/v1/surveys/t1', { body: { template: 'nope' } });
      assert.equal(unknown.status, 400);
      assert.match(unknown.json.error.message, /unknown survey template 'nope'/);
      const subject = await call(s.url, 'PUT', '/admin/v1/surveys/t2', { body: { template: 'friday-deploy-confidence', subject: 'the platform' } });
      assert.equal(subject.status, 400);
      assert.match(subject.json.error.message, /'subject' only applies to NPS templates/);
      const dates = await call(s.url, 'PUT', '/admin/v1/surveys/t3', { body: { template: 'platform-nps', startDate: '2026-06-01', endDate: '2026-05-01' } });
      assert.equal(dates.status, 400);
      assert.match(dates.json.error.message, /endDate is before startDate/);
      assert.equal((await call(s.url, 'PUT', '/admin/v1/config/org', { body: { features: { surveys: 'yes' } } })).status, 400);
      assert.equal((await call(s.url, 'PUT', '/admin/v1/config/org', { body: { unknown: 1 } })).status, 400);
      assert.deepEqual((await call(s.url, 'GET', '/admin/v1/surveys')).json.surveys, []);
    });

    it('stores docs entries, warns on short deprecation notice, and serves each repo its audience', async () => {
      await call(s.url, 'POST', '/admin/v1/repos', { body: { repos: [{ url: `https://${SHOP}`, team: 'payments' }] } });
      const noDate = await call(s.url, 'POST', '/admin/v1/docs', {
        body: { entry: { id: 'dep-1', kind: 'changelog', title: 'Old deploy', url: 'https://dev.example.com/c/1', tags: [], type: 'deprecation', publishedAt: '2026-03-01T00:00:00Z' } },
      });
      assert.equal(noDate.status, 400);
      const soon = await call(s.url, 'POST', '/admin/v1/docs', {
        body: {
          entry: { id: 'dep-1', kind: 'changelog', title: 'Old deploy', url: 'https://dev.example.com/c/1', tags: ['deploy'], type: 'deprecation', publishedAt: '2026-03-01T00:00:00Z', removalDate: '2026-03-15', migration: 'Use dx deploy.', affects: [{ action: 'acme/deploy', versions: '<2' }] },
        },
      });
      assert.equal(soon.status, 201);
      assert.match(soon.json.warnings[0], /14 day\(s\) after publication/);
      await call(s.url, 'POST', '/admin/v1/docs', {
        body: { entry: { id: 'team-only', kind: 'doc', title: 'Payments runbook', markdown: '# Runbook', tags: [], publishedAt: '2026-03-02T00:00:00Z' }, audience: { teams: ['payments'] } },
      });
      await call(s.url, 'POST', '/admin/v1/docs', {
        body: { entry: { id: 'other-team', kind: 'doc', title: 'Search runbook', markdown: '# x', tags: [], publishedAt: '2026-03-03T00:00:00Z' }, audience: { teams: ['search'] } },
      });
      const mine = await call(s.url, 'GET', `/v1/repos/${sha(SHOP)}/docs`, { token: ingest });
      assert.ok(DocsResponse.safeParse(mine.json).success);
      assert.deepEqual(mine.json.entries.map((e: { id: string }) => e.id), ['team-only', 'dep-1']);
      // What it affects is served as posted (optional v1 field).
      assert.deepEqual(mine.json.entries[1].affects, [{ action: 'acme/deploy', versions: '<2' }]);
      const stranger = await call(s.url, 'GET', `/v1/repos/${sha('x/y/z')}/docs`, { token: ingest });
      assert.deepEqual(stranger.json.entries.map((e: { id: string }) => e.id), ['dep-1']);
      const etag = mine.headers.get('etag')!;
      assert.equal((await call(s.url, 'GET', `/v1/repos/${sha(SHOP)}/docs`, { token: ingest, headers: { 'if-none-match': etag } })).status, 304);
    });

    it('serves deployments with incidents linked by id, and the DORA report from the extension engine', async () => {
      await call(s.url, 'PUT', '/admin/v1/services/checkout', { body: { team: 'payments' } });
      const dep = (id: string, day: number, extra: Record<string, unknown> = {}) =>
        call(s.url, 'POST', '/admin/v1/deployments', {
          body: { id, service: 'checkout', time: new Date(Date.UTC(2026, 2, day, 12)).toISOString(), status: 'success', commits: [{ sha: 'abcdef1', time: new Date(Date.UTC(2026, 2, day, 8)).toISOString() }], ...extra },
        });
      assert.equal((await dep('d1', 10)).status, 200);
      await dep('d2', 20);
      await dep('d3', 25, { status: 'cancelled' });
      await dep('d4', 21, { unplanned: true });
      const orphan = await call(s.url, 'POST', '/admin/v1/incidents', { body: { id: 'INC-0', deploymentId: 'nope', createdAt: '2026-03-20T13:00:00Z' } });
      assert.equal(orphan.status, 404);
      assert.equal(orphan.json.error.code, 'unknownDeployment');
      await call(s.url, 'POST', '/admin/v1/incidents', { body: { id: 'INC-1', deploymentId: 'd2', createdAt: '2026-03-20T13:00:00Z' } });
      // The same incident posted again (resolved now) updates it; it never counts twice.
      await call(s.url, 'POST', '/admin/v1/incidents', { body: { id: 'INC-1', deploymentId: 'd2', createdAt: '2026-03-20T13:00:00Z', resolvedAt: '2026-03-20T15:00:00Z' } });
      const r = await call(s.url, 'GET', '/v1/services/checkout/deployments?since=2026-03-01T00:00:00Z&until=2026-04-01T00:00:00Z', { token: ingest });
      assert.equal(r.status, 200, r.text);
      assert.ok(DeploymentsResponse.safeParse(r.json).success, r.text);
      assert.equal(r.json.team, 'payments');
      assert.deepEqual(r.json.deployments.map((x: { id: string }) => x.id), ['d1', 'd2', 'd4', 'd3']);
      const d2 = r.json.deployments[1];
      assert.equal(d2.failed, true);
      assert.equal(d2.restoredAt, '2026-03-20T15:00:00.000Z');
      assert.equal(d2.incidents.length, 1);
      assert.equal(r.json.deployments[0].failed, false);
      // Served to the extension too (optional v1 field), so its rework rate is not 0.
      assert.equal(r.json.deployments[2].unplanned, true);
      assert.equal(r.json.deployments[0].unplanned, undefined);
      const etag = r.headers.get('etag')!;
      assert.equal((await call(s.url, 'GET', '/v1/services/checkout/deployments?since=2026-03-01T00:00:00Z&until=2026-04-01T00:00:00Z', { token: ingest, headers: { 'if-none-match': etag } })).status, 304);
      assert.equal((await call(s.url, 'GET', '/v1/services/unknown/deployments', { token: ingest })).status, 404);
      assert.equal((await call(s.url, 'GET', '/v1/services/checkout/deployments?since=yesterday', { token: ingest })).status, 400);

      const dora = await call(s.url, 'GET', '/admin/v1/services/checkout/dora?window=30');
      assert.equal(dora.status, 200, dora.text);
      assert.equal(dora.json.deploymentFrequency.deployments, 3);
      assert.equal(dora.json.reworkRate.unplanned, 1);
      assert.equal(dora.json.changeFailRate.failed, 1);
      assert.equal(dora.json.recoveryTime.medianMinutes, 180);
    });

    it('exports raw events as NDJSON filtered by kind and time', async () => {
      const a = event({ time: '2026-01-01T00:00:00.000Z' });
      const b = event({ time: '2026-01-02T00:00:00.000Z', kind: 'stuck.helpChosen', data: { choice: 'help' } });
      const c = event({ time: '2026-01-03T00:00:00.000Z' });
      await call(s.url, 'POST', '/v1/events', { body: { events: [a, b, c] }, token: ingest });
      const all = await call(s.url, 'GET', '/admin/v1/events');
      assert.equal(all.status, 200);
      assert.match(all.headers.get('content-type')!, /application\/x-ndjson/);
      assert.deepEqual(all.text.trim().split('\n').map((l) => JSON.parse(l)), [a, b, c]);
      const tasks = await call(s.url, 'GET', '/admin/v1/events?kind=task.ended&since=2026-01-02T00:00:00Z');
      assert.deepEqual(tasks.text.trim().split('\n').map((l) => JSON.parse(l).id), [c.id]);
      assert.equal((await call(s.url, 'GET', '/admin/v1/events?since=soon')).status, 400);
      assert.equal((await call(s.url, 'GET', '/admin/v1/events', { token: ingest })).status, 403);
    });

    it('deletes raw events past retention and keeps their daily counts', async () => {
      const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
      const old = [event({ time: day(500) }), event({ time: day(500) })];
      const fresh = event({ time: day(0) });
      await call(s.url, 'POST', '/v1/events', { body: { events: [...old, fresh] }, token: ingest });
      const r = await runMaintenance(s.db, 400);
      assert.equal(r.deleted, 2);
      const left = (await s.db.query<{ id: string }>('SELECT id FROM events')).rows.map((x) => x.id);
      assert.deepEqual(left, [fresh.id]);
      const oldDay = day(500).slice(0, 10);
      const counts = await call(s.url, 'GET', `/admin/v1/events/daily?since=${oldDay}&until=${day(-1).slice(0, 10)}`);
      assert.deepEqual(counts.json.days[0], { day: oldDay, kind: 'task.ended', events: 2 });
      assert.equal(counts.json.days.at(-1).events, 1);
    });
  });
}
