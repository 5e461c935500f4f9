// Property: whatever strings an event carries (any unicode, SQL metacharacters, quotes,
// backslashes, NUL, lone surrogates), the server either stores the envelope exactly as
// sent or rejects that event by id with a reason; it never answers 5xx, and a resend
// is always all duplicates.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DATABASES, call, event, serveApp, type TestServer } from '../helpers';

const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom("'; DROP TABLE events; --", '$1', '\\', '"', '\u0000', '\ud800', '\udc00x', '%_', '\u2028\u2029', 'e\u0301', '\u{1F600}'),
  fc.string({ unit: fc.constantFrom("'", '"', '\\', ';', '-', '$', '\u0000', 'a', '\ud83d', '\ude00'), maxLength: 20 }),
);

for (const d of DATABASES) {
  describe(`POST /v1/events properties (${d.name})`, () => {
    let s!: TestServer;
    serveApp(d, (x) => (s = x));

    it('stores any strings exactly or rejects them by id, never 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(nasty, nasty, nasty.filter((x) => x.length >= 1 && x.length <= 80)), { minLength: 1, maxLength: 5 }), async (rows) => {
          const events = rows.map(([a, b, cmd]) => event({ installId: a, sessionId: b, kind: 'terminal.commandEnded', data: { command: cmd, category: 'test', durationMs: 1 } }));
          const r = await call(s.url, 'POST', '/v1/events', { body: { events } });
          assert.ok(r.status === 200 || r.status === 400, `status ${r.status}: ${r.text}`);
          const rejected = new Set<string>((r.json.rejected ?? []).map((x: { id: string }) => x.id));
          for (const e of events) {
            const row = (await s.db.query<{ envelope: unknown }>('SELECT envelope FROM events WHERE id = $1', [e.id])).rows[0];
            if (rejected.has(e.id as string)) assert.equal(row, undefined);
            else assert.deepEqual(row?.envelope, JSON.parse(JSON.stringify(e)));
          }
          if (r.status === 200) {
            const again = await call(s.url, 'POST', '/v1/events', { body: { events } });
            assert.equal(again.json.accepted.length, 0);
          }
        }),
        { numRuns: 40 },
      );
    });
  });
}
