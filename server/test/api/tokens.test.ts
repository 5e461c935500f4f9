import * as assert from 'node:assert/strict';
import { DATABASES, call, serveApp, type TestServer } from '../helpers';

for (const d of DATABASES) {
  describe(`admin tokens (${d.name})`, () => {
    let s!: TestServer;
    serveApp(d, (x) => (s = x));
    beforeEach(() => s.reset());

    it('creates a token, shows it once, lists it without secret, and revokes it', async () => {
      const made = await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'payments', scope: 'ingest' } });
      assert.equal(made.status, 201);
      assert.match(made.json.token, /^dxp_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
      assert.equal(made.json.scope, 'ingest');
      const list = await call(s.url, 'GET', '/admin/v1/tokens');
      assert.deepEqual(Object.keys(list.json.tokens[0]).sort(), ['createdAt', 'id', 'name', 'scope']);
      assert.ok(!list.text.includes(made.json.token.slice(21)));
      assert.equal((await call(s.url, 'DELETE', `/admin/v1/tokens/${made.json.id}`)).status, 204);
      assert.equal((await call(s.url, 'DELETE', `/admin/v1/tokens/${made.json.id}`)).status, 404);
      assert.ok((await call(s.url, 'GET', '/admin/v1/tokens')).json.tokens[0].revokedAt);
    });

    it('stores only the SHA-256 of a token', async () => {
      const made = await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'x', scope: 'admin' } });
      const rows = (await s.db.query<Record<string, unknown>>('SELECT * FROM tokens')).rows;
      assert.ok(!JSON.stringify(rows).includes(made.json.token));
      assert.equal((rows[0]!.hash as Uint8Array).length, 32);
    });

    it('refuses an ingest token on an admin route with 403', async () => {
      const made = await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'team', scope: 'ingest' } });
      const r = await call(s.url, 'GET', '/admin/v1/tokens', { token: made.json.token });
      assert.equal(r.status, 403);
      assert.equal(r.json.error.code, 'forbidden');
    });

    it('lets a made admin token do admin work, and refuses no token with 401', async () => {
      const made = await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'ops', scope: 'admin' } });
      assert.equal((await call(s.url, 'GET', '/admin/v1/tokens', { token: made.json.token })).status, 200);
      assert.equal((await call(s.url, 'GET', '/admin/v1/tokens', { token: null })).status, 401);
    });

    it('refuses a bad scope or extra fields with 400', async () => {
      assert.equal((await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'x', scope: 'root' } })).status, 400);
      assert.equal((await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'x', scope: 'admin', token: 'mine' } })).status, 400);
      assert.equal((await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: '', scope: 'admin' } })).status, 400);
    });
  });
}
