import * as assert from 'node:assert/strict';
import { FeedbackStatusesResponse } from '../../../src/core/platform/contract';
import { DATABASES, call, event, serveApp, type TestServer } from '../helpers';

// GET /v1/feedback/statuses (#18, "You said, we did"): the statuses the platform team set
// on friction reports, the same whole list for every install, with an ETag.
for (const d of DATABASES) {
  describe(`GET /v1/feedback/statuses (${d.name})`, () => {
    let s: TestServer;
    serveApp(d, (x) => (s = x));
    let ingest: string;
    const report = (text: string) => event({ kind: 'friction.reported', data: { text, context: {} } });
    const ids: string[] = [];

    before(async () => {
      ingest = (await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'devs', scope: 'ingest' } })).json.token;
      const evs = [report('VPN needed for tests'), report('Slow index build'), report('Flaky deploys')];
      ids.push(...evs.map((e) => e.id as string));
      const r = await call(s.url, 'POST', '/v1/events', { token: ingest, body: { events: evs } });
      assert.equal(r.status, 200, r.text);
    });

    it('needs an ingest token', async () => {
      assert.equal((await call(s.url, 'GET', '/v1/feedback/statuses', { token: null })).status, 401);
    });

    it('lists only the statuses that were set, with the changelog entry, and answers 304 to its ETag', async () => {
      const empty = await call(s.url, 'GET', '/v1/feedback/statuses', { token: ingest });
      assert.equal(empty.status, 200, empty.text);
      assert.deepEqual(empty.json, { statuses: [] });

      const set = (id: string, body: unknown) => call(s.url, 'PUT', `/admin/v1/friction/reports/${id}/status`, { body });
      assert.equal((await set(ids[0]!, { status: 'fixed', changelogId: 'vpn-free-tests' })).status, 200);
      assert.equal((await set(ids[1]!, { status: 'planned' })).status, 200);
      assert.equal((await set(ids[2]!, { status: 'new' })).status, 200); // the default is not published
      assert.equal((await set('not-a-report', { status: 'fixed' })).status, 404);

      const r = await call(s.url, 'GET', '/v1/feedback/statuses', { token: ingest });
      assert.equal(r.status, 200, r.text);
      const parsed = FeedbackStatusesResponse.parse(r.json);
      const byId = new Map(parsed.statuses.map((x) => [x.id, x]));
      assert.equal(parsed.statuses.length, 2);
      assert.equal(byId.get(ids[0]!)?.status, 'fixed');
      assert.equal(byId.get(ids[0]!)?.changelogId, 'vpn-free-tests');
      assert.equal(byId.get(ids[1]!)?.status, 'planned');
      assert.equal(byId.get(ids[1]!)?.changelogId, undefined);
      // Nothing of the report itself: no text, team, repository or install.
      assert.deepEqual(Object.keys(byId.get(ids[0]!)!).sort(), ['changelogId', 'id', 'status', 'updatedAt']);

      const etag = r.headers.get('etag');
      assert.ok(etag);
      const again = await call(s.url, 'GET', '/v1/feedback/statuses', { token: ingest, headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);

      // A change gives a new ETag, so the old one no longer matches.
      assert.equal((await set(ids[1]!, { status: 'wontFix' })).status, 200);
      const changed = await call(s.url, 'GET', '/v1/feedback/statuses', { token: ingest, headers: { 'if-none-match': etag } });
      assert.equal(changed.status, 200);
      assert.equal(FeedbackStatusesResponse.parse(changed.json).statuses.find((x) => x.id === ids[1])?.status, 'wontFix');
    });
  });
}
