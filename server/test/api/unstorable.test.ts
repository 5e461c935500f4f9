// A NUL character (or a lone UTF-16 surrogate) anywhere in a request's path, query or body
// is a string PostgreSQL cannot store or compare: the server answers 400 and says why,
// never 500. Ingest keeps refusing such events one by one (the batch's other events are stored).
import * as assert from 'node:assert/strict';
import { DATABASES, call, serveApp, type TestServer } from '../helpers';

for (const d of DATABASES) {
  describe(`strings PostgreSQL cannot store (${d.name})`, () => {
    let s!: TestServer;
    serveApp(d, (x) => (s = x));

    for (const [method, path, body] of [
      ['GET', '/admin/v1/insights/nps?surveyId=a%00b'],
      ['GET', '/admin/v1/insights/friction?team=a%00b'],
      ['GET', '/admin/v1/insights/surveys/a%00b'],
      ['PUT', '/admin/v1/teams/a%00b'],
      ['PUT', '/admin/v1/services/web', { team: 'a\u0000b' }],
      ['POST', '/admin/v1/surveys', { id: 'nul-survey', template: 'platform-nps', subject: 'the \u0000 platform' }],
      ['POST', '/admin/v1/surveys', { id: 'surrogate-survey', template: 'platform-nps', subject: 'half \ud800 a pair' }],
    ] as const) {
      it(`answers ${method} ${path}${body ? ` ${JSON.stringify(body)}` : ''} with 400`, async () => {
        const r = await call(s.url, method, path, body ? { body } : {});
        assert.equal(r.status, 400, r.text);
        assert.equal(r.json.error.code, 'invalidRequest');
        assert.match(r.json.error.message, /NUL character or a lone surrogate/);
      });
    }

    it('still stores the other events of a batch with one such event', async () => {
      const ev = (id: string, text: string) => ({ id, kind: 'friction.reported', schemaVersion: 1, time: new Date().toISOString(), installId: 'i-1', sessionId: 's-1', extensionVersion: '0.1.0', data: { text, context: {} } });
      const r = await call(s.url, 'POST', '/v1/events', { body: { events: [ev('nul-event-1', 'a\u0000b'), ev('fine-event-1', 'fine')] } });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.accepted, ['fine-event-1']);
      assert.equal(r.json.rejected[0].id, 'nul-event-1');
    });
  });
}
