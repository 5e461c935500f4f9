import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { ADMIN_TOKEN, DATABASES, call, event, startApp, type TestServer, serveApp } from '../helpers';
import { openPostgres } from '../../src/db/postgresDb';
import { freePortSync } from '../ports';

async function count(s: TestServer): Promise<number> {
  return (await s.db.query<{ n: number }>('SELECT count(*)::integer AS n FROM events')).rows[0]!.n;
}

async function ingestToken(s: TestServer): Promise<string> {
  const r = await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'team', scope: 'ingest' } });
  assert.equal(r.status, 201);
  return r.json.token as string;
}

const post = (s: TestServer, body: unknown, token?: string) => call(s.url, 'POST', '/v1/events', { body, ...(token ? { token } : {}) });

for (const d of DATABASES) {
  describe(`POST /v1/events (${d.name})`, () => {
    let s!: TestServer;
    serveApp(d, (x) => (s = x));
    beforeEach(() => s.reset());

    it('stores a batch once and answers a resend with duplicates', async () => {
      const token = await ingestToken(s);
      const events = [event(), event(), event()];
      const first = await post(s, { events }, token);
      assert.equal(first.status, 200);
      assert.deepEqual(first.json, { accepted: events.map((e) => e.id), duplicates: [], rejected: [] });
      const again = await post(s, { events }, token);
      assert.deepEqual(again.json, { accepted: [], duplicates: events.map((e) => e.id), rejected: [] });
      assert.equal(await count(s), 3);
    });

    it('keeps the envelope exactly as received, with its columns', async () => {
      const e = event({ installId: 'i-9', sessionId: 's-9', repo: { id: 'github.com/acme/shop', hashed: false } });
      await post(s, { events: [e] });
      const row = (await s.db.query<Record<string, unknown>>('SELECT kind, install_id, repo_id, repo_hashed, envelope, token_id FROM events')).rows[0]!;
      assert.deepEqual(row.envelope, e);
      assert.equal(row.kind, 'task.ended');
      assert.equal(row.install_id, 'i-9');
      assert.equal(row.repo_id, 'github.com/acme/shop');
      assert.equal(row.repo_hashed, false);
      assert.equal(row.token_id, 'env-admin');
    });

    it('counts an id repeated inside one batch once, the repeat as a duplicate', async () => {
      const e = event();
      const r = await post(s, { events: [e, e] });
      assert.deepEqual(r.json, { accepted: [e.id], duplicates: [e.id], rejected: [] });
      assert.equal(await count(s), 1);
    });

    it('stores the good events of a batch and names the bad ones with a reason', async () => {
      const good = event();
      const bad = event({ data: { exitCode: 'one', name: 'b', group: 'build', source: 'x', durationMs: 1, category: 'build' } });
      const r = await post(s, { events: [good, bad] });
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.accepted, [good.id]);
      assert.equal(r.json.rejected[0].id, bad.id);
      assert.match(r.json.rejected[0].reason, /^data\.exitCode: /);
      assert.equal(await count(s), 1);
    });

    const refused: Array<[string, Record<string, unknown>, RegExp]> = [
      ['an unknown kind', event({ kind: 'made.up' }), /unknown event kind 'made.up'/],
      ['a wrong schemaVersion', event({ schemaVersion: 2 }), /^schemaVersion: task.ended version 2 is not known/],
      ['a missing id', { ...event(), id: undefined }, /^id: /],
      ['a short id', event({ id: 'abc' }), /^id: /],
      ['a time without a zone', event({ time: '2026-01-01T10:00:00' }), /^time: /],
      ['an impossible date', event({ time: '2026-02-30T10:00:00Z' }), /^time: /],
      ['a year PostgreSQL cannot store', event({ time: '0000-01-01T00:00:00Z' }), /^time: /],
      ['a NUL character', event({ installId: 'a\u0000b' }), /NUL character or a lone surrogate/],
      ['a lone surrogate', event({ sessionId: 'x\ud800y' }), /NUL character or a lone surrogate/],
      [
        'an anonymous answer with identity',
        event({ kind: 'survey.answered', data: { surveyId: 's', anonymous: true, answers: [] } }),
        /anonymous event must not carry/,
      ],
      ['data that is an array', event({ data: [1, 2] }), /^data: /],
    ];
    for (const [what, e, reason] of refused) {
      it(`refuses ${what} with 400, naming the event, storing nothing`, async () => {
        const r = await post(s, { events: [e] });
        assert.equal(r.status, 400, r.text);
        assert.equal(r.json.error.code, 'invalidEvents');
        assert.equal(r.json.rejected.length, 1);
        assert.match(r.json.rejected[0].reason, reason);
        assert.equal(await count(s), 0);
      });
    }

    it('stores unicode edge cases as they came: emoji, combining marks, RTL, BOM', async () => {
      const name = '\u{1F680}e\u0301\u202E\uFEFF\u4E2D';
      const e = event({ data: { exitCode: 0, name, group: 'build', source: 'Ws', durationMs: 1, category: 'build' } });
      assert.equal((await post(s, { events: [e] })).status, 200);
      const row = (await s.db.query<{ n: string }>("SELECT envelope->'data'->>'name' AS n FROM events")).rows[0]!;
      assert.equal(row.n, name);
    });

    it('stores SQL metacharacters in every string verbatim', async () => {
      const evil = `'; DROP TABLE events; -- " \\ $1 %_ \` ) OR 1=1`;
      const e = event({
        id: `id-${evil}`.slice(0, 64),
        installId: evil,
        sessionId: evil,
        repo: { id: evil, hashed: false },
        extensionVersion: evil,
        data: { exitCode: 0, name: evil.slice(0, 120), group: 'build', source: evil.slice(0, 60), durationMs: 1, category: 'build' },
      });
      const r = await post(s, { events: [e] });
      assert.equal(r.status, 200, r.text);
      const row = (await s.db.query<{ envelope: unknown }>('SELECT envelope FROM events WHERE id = $1', [e.id])).rows[0]!;
      assert.deepEqual(row.envelope, e);
    });

    it('refuses malformed JSON with 400 badJson', async () => {
      const r = await call(s.url, 'POST', '/v1/events', { raw: '{"events": [' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.code, 'badJson');
    });

    it('refuses a body that is not JSON by content type with 415', async () => {
      const r = await call(s.url, 'POST', '/v1/events', { raw: JSON.stringify({ events: [event()] }), contentType: 'text/plain' });
      assert.equal(r.status, 415);
      assert.equal(r.json.error.code, 'unsupportedMediaType');
      assert.equal(await count(s), 0);
    });

    it('refuses 10,000-deep nesting with 400 tooDeep', async () => {
      const deep = '['.repeat(10_000) + ']'.repeat(10_000);
      const r = await call(s.url, 'POST', '/v1/events', { raw: `{"events":[${JSON.stringify(event()).slice(0, -1)},"x":${deep}}]}` });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.code, 'tooDeep');
    });

    for (const key of ['__proto__', 'constructor', 'prototype']) {
      it(`refuses a "${key}" key anywhere with 400 forbiddenKey`, async () => {
        const raw = JSON.stringify({ events: [event()] }).replace('"data":{', `"data":{"${key}":{"polluted":true},`);
        const r = await call(s.url, 'POST', '/v1/events', { raw });
        assert.equal(r.status, 400);
        assert.equal(r.json.error.code, 'forbiddenKey');
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
        assert.equal(await count(s), 0);
      });
    }

    it('refuses an empty batch and one over 1000 events with 400', async () => {
      assert.equal((await post(s, { events: [] })).status, 400);
      const many = Array.from({ length: 1001 }, () => ({ id: 'x' }));
      assert.equal((await post(s, { events: many })).status, 400);
      assert.equal((await post(s, [event()])).status, 400);
    });

    it('refuses a 50 MB body with 413 before reading it', async () => {
      const raw = Buffer.alloc(50 * 1024 * 1024, 0x20);
      const r = await call(s.url, 'POST', '/v1/events', { raw }).catch((e: unknown) => e);
      // The server may answer and close while the client is still writing; either way nothing is stored.
      if (!(r instanceof Error)) {
        assert.equal((r as { status: number }).status, 413);
        assert.equal((r as { json: { error: { code: string } } }).json.error.code, 'tooLarge');
      }
      assert.equal(await count(s), 0);
    });

    it('refuses a request without a token, with a wrong one or a revoked one with 401', async () => {
      const token = await ingestToken(s);
      assert.equal((await post(s, { events: [event()] }, token)).status, 200);
      assert.equal((await call(s.url, 'POST', '/v1/events', { body: { events: [event()] }, token: null })).status, 401);
      assert.equal((await post(s, { events: [event()] }, `${token.slice(0, -2)}xx`)).status, 401);
      assert.equal((await post(s, { events: [event()] }, 'not-a-token')).status, 401);
      const id = (await call(s.url, 'GET', '/admin/v1/tokens')).json.tokens[0].id as string;
      assert.equal((await call(s.url, 'DELETE', `/admin/v1/tokens/${id}`)).status, 204);
      const r = await post(s, { events: [event()] }, token);
      assert.equal(r.status, 401);
      assert.equal(r.json.error.code, 'unauthorized');
      assert.equal(await count(s), 1);
    });
  });
}

describe('POST /v1/events under load and faults', () => {
  it('sheds load with 429 and Retry-After past the in-flight bound', async () => {
    const { db } = await DATABASES[0]!.open();
    const s = await startApp(db, { maxInFlight: 1 });
    try {
      const body = JSON.stringify({ events: [event()] });
      const url = new URL(`${s.url}/v1/events`);
      // The first request holds its slot: its body is still arriving.
      const held = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
      const heldAnswer = new Promise<number>((resolve, reject) => {
        held.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        held.on('error', reject);
      });
      held.write(body.slice(0, 10));
      await new Promise((r) => setTimeout(r, 100));
      const shed = await call(s.url, 'POST', '/v1/events', { body: { events: [event()] } });
      assert.equal(shed.status, 429);
      assert.equal(shed.headers.get('retry-after'), '1');
      assert.equal(shed.json.error.code, 'overloaded');
      held.end(body.slice(10));
      assert.equal(await heldAnswer, 200);
      assert.equal((await call(s.url, 'POST', '/v1/events', { body: { events: [event()] } })).status, 200);
    } finally {
      await s.close();
      await db.close();
    }
  });

  it('answers 503 with Retry-After when PostgreSQL is unreachable, and 503 on /readyz', async () => {
    const db = await openPostgres({ url: `postgres://dx@127.0.0.1:${freePortSync()}/postgres` });
    const s = await startApp(db);
    try {
      const r = await call(s.url, 'POST', '/v1/events', { body: { events: [event()] } });
      assert.equal(r.status, 503);
      assert.equal(r.headers.get('retry-after'), '5');
      assert.equal(r.json.error.code, 'unavailable');
      assert.equal((await call(s.url, 'GET', '/readyz', { token: null })).status, 503);
      // The env admin token needs no database, so a valid ingest token fails the same way.
      assert.equal((await call(s.url, 'POST', '/v1/events', { body: { events: [event()] }, token: `dxp_${'0'.repeat(16)}_${'a'.repeat(43)}` })).status, 503);
    } finally {
      await s.close();
      await db.close();
    }
  });
});
