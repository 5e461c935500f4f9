// Property: whatever strings the new kinds carry (entry ids, survey ids, queries, teams,
// what a deprecation found), ingest stores or refuses them by id, and the Changelog and
// Surveys routes answer 200 with the same numbers from the rollups as from a raw recount.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DATABASES, call, event, serveApp, type TestServer } from '../helpers';
import { findUnstorableString } from '../../src/core/jsonBody';
import { changelogInsight, surveyPrompts } from '../../src/db/reach';

const nasty = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  fc.constantFrom("'; DROP TABLE rollup_entries; --", '$1', '\\', '"', '%_', '\u2028', 'e\u0301', '\u{1F600}', 'VPN ', ' vpn'),
);

for (const d of DATABASES) {
  describe(`the new kinds through ingest and the dashboard (${d.name})`, () => {
    let s!: TestServer;
    serveApp(d, (x) => (s = x));

    it('stores or refuses any strings, and the routes answer the same from rollups and raw events', async function () {
      this.timeout(120_000);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(nasty, nasty, fc.nat(3)), { minLength: 1, maxLength: 6 }), async (rows) => {
          const events = rows.flatMap(([a, b, n], i) => [
            event({ kind: 'docs.opened', installId: `i${i}`, data: { entryId: a, entryKind: 'doc' } }),
            event({ kind: 'deprecation.affected', installId: `i${i}`, data: { entryId: a, found: [{ rule: 'image', name: b, version: b }] } }),
            event({ kind: n === 0 ? 'deprecation.resolved' : 'docs.searched', installId: `i${i}`, data: n === 0 ? { entryId: a } : { query: b, results: n - 1, opened: false } }),
            event({ kind: 'survey.dismissed', installId: undefined, sessionId: undefined, repo: undefined, data: { surveyId: a, anonymous: true, choice: 'never' } }),
            event({ kind: 'survey.answered', installId: undefined, sessionId: undefined, repo: undefined, data: { surveyId: a, anonymous: true, team: b, answers: [{ questionId: 'nps', value: n }] } }),
          ]);
          const r = await call(s.url, 'POST', '/v1/events', { body: { events } });
          assert.ok(r.status === 200 || r.status === 400, `status ${r.status}: ${r.text}`);
          const c = await call(s.url, 'GET', '/admin/v1/insights/changelog?from=2025-12-01&to=2026-02-01');
          assert.equal(c.status, 200, c.text);
          const p = { from: '2025-12-31T12:00:00.000Z', to: '2026-01-02T12:00:00.000Z', minGroup: 3, now: Date.UTC(2026, 0, 2) };
          assert.deepEqual(await changelogInsight(s.db, p), await changelogInsight(s.db, { ...p, rollups: false }));
          // A survey id as the route passes it on: one the server could store (no NUL, no lone surrogate).
          const id = rows.map((x) => x[0]).find((x) => findUnstorableString(x) === undefined) ?? 'no-such-survey';
          assert.deepEqual(await surveyPrompts(s.db, p, id), await surveyPrompts(s.db, { ...p, rollups: false }, id));
        }),
        { numRuns: 15 },
      );
    });
  });
}
