import * as assert from 'node:assert/strict';
import { DATABASES, call, serveApp, type TestServer } from '../helpers';

for (const d of DATABASES) {
  describe(`health (${d.name})`, () => {
    let s!: TestServer;
    serveApp(d, (x) => (s = x));

    it('answers /healthz without a token', async () => {
      const r = await call(s.url, 'GET', '/healthz', { token: null });
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { status: 'ok' });
    });

    it('answers /readyz with the schema version once migrated', async () => {
      const r = await call(s.url, 'GET', '/readyz', { token: null });
      assert.equal(r.status, 200);
      assert.equal(r.json.status, 'ready');
      assert.equal(r.json.database, d.name);
    });

    it('answers an unknown route with 404 in the ApiError shape', async () => {
      const r = await call(s.url, 'GET', '/v1/nope');
      assert.equal(r.status, 404);
      assert.equal(r.json.error.code, 'notFound');
    });
  });
}
