// GET /admin/v1/insights/friction/themes over reports posted as the extension posts them.
import * as assert from 'node:assert/strict';
import { DATABASES, call, event, startApp, type TestServer } from '../helpers';
import { adminCall, SEARCH, SHOP, seedTeams } from '../dashboardSeed';

const NOW = Date.UTC(2026, 2, 27, 12);
const at = (minutes: number) => new Date(NOW - 86_400_000 + minutes * 60_000).toISOString();

for (const d of DATABASES) {
  describe(`friction report themes (${d.name})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startApp((await d.open()).db, { now: () => NOW });
      await s.reset();
      await seedTeams(s.url);
      const ingest = (await adminCall(s.url)('POST', '/admin/v1/tokens', { name: 'themes', scope: 'ingest' })).token as string;
      const report = (install: string, repo: string, text: string, minute: number) =>
        event({ kind: 'friction.reported', installId: install, repo: { id: repo, hashed: false }, time: at(minute), data: { text, context: {} } });
      const events = [
        // Five developers of payments about the VPN (one of them twice), four of search about the index.
        report('p1', SHOP, 'Integration tests need the VPN and nobody said so', 1),
        report('p2', SHOP, 'VPN drops during npm install', 2),
        report('p3', SHOP, 'the vpn is required for the test database', 3),
        report('p4', SHOP, 'Without VPN the build hangs', 4),
        report('p5', SHOP, 'VPN!!! again', 5),
        report('p5', SHOP, 'vpn vpn vpn', 6),
        report('s1', SEARCH, 'search index takes an hour', 7),
        report('s2', SEARCH, 'rebuilding the search index is slow', 8),
        report('s3', SEARCH, 'search index out of date', 9),
        report('s4', SEARCH, 'search index broken', 10),
      ];
      const r = await call(s.url, 'POST', '/v1/events', { token: ingest, body: { events } });
      assert.equal(r.status, 200, r.text);
    });
    after(async () => {
      await s.close();
      await s.db.close();
    });

    it('names what five or more developers wrote about, counting developers once', async () => {
      const r = await call(s.url, 'GET', '/admin/v1/insights/friction/themes?days=7');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.minGroup, 5);
      assert.equal(r.json.reports, 10);
      // "search index" comes from 4 developers: under the minimum group, never shown.
      assert.deepEqual(
        r.json.themes.map((t: { term: string; developers: number; reports: number }) => [t.term, t.developers, t.reports]),
        [['vpn', 5, 6]],
      );
    });

    it('keeps a team to its own reports', async () => {
      const pay = await call(s.url, 'GET', '/admin/v1/insights/friction/themes?days=7&team=payments');
      assert.deepEqual(pay.json.themes.map((t: { term: string }) => t.term), ['vpn']);
      assert.equal(pay.json.reports, 6);
      const search = await call(s.url, 'GET', '/admin/v1/insights/friction/themes?days=7&team=search');
      assert.deepEqual(search.json.themes, []);
      assert.equal(search.json.reports, 4);
    });
  });
}
