import * as assert from 'node:assert/strict';
import { DATABASES, startApp, type TestServer } from '../helpers';

// Behind a reverse proxy that terminates TLS (the usual deployment), the browser's origin
// is https://dx.example.com while the server sees http from the proxy. The requests below
// come from 127.0.0.1 with the headers such a proxy adds.
const FORWARDED = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'dx.example.com' };
const ORIGIN = 'https://dx.example.com';

async function signInThroughProxy(base: string): Promise<{ status: number; setCookie: string[]; cookie: string; csrf: string }> {
  const pre = await fetch(`${base}/auth/session`, { headers: FORWARDED });
  const preCookie = pre.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf } = (await pre.json()) as { csrf: string };
  const r = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { ...FORWARDED, origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', cookie: preCookie, 'x-csrf-token': csrf },
    body: JSON.stringify({ token: 'test-admin-token-0123456789' }),
  });
  const setCookie = r.headers.getSetCookie();
  const json = (await r.json()) as { csrf?: string };
  return { status: r.status, setCookie, cookie: setCookie.find((c) => c.startsWith('dx_session='))?.split(';')[0] ?? '', csrf: json.csrf ?? '' };
}

const d = DATABASES[0]!;
describe(`the dashboard behind a TLS-terminating proxy (${d.name})`, () => {
  let trusted: TestServer;
  let untrusted: TestServer;
  before(async () => {
    const db = (await d.open()).db;
    trusted = await startApp(db, { trustProxy: '127.0.0.1' });
    untrusted = await startApp(db, {});
  });
  after(async () => {
    await trusted.close();
    await untrusted.close();
    await trusted.db.close();
  });

  it('with DX_PLATFORM_TRUST_PROXY, signs in from the public https origin with Secure cookies, and changes state', async () => {
    const s = await signInThroughProxy(trusted.url);
    assert.equal(s.status, 200);
    assert.ok(s.setCookie.length > 0 && s.setCookie.every((c) => /; Secure/.test(c)), s.setCookie.join(' | '));
    const r = await fetch(`${trusted.url}/admin/v1/accounts`, {
      method: 'POST',
      headers: { ...FORWARDED, origin: ORIGIN, 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
      body: JSON.stringify({ username: 'ops', password: 'ops-password-123', role: 'viewer' }),
    });
    assert.equal(r.status, 201, await r.text());
    // Another site is still another site.
    const evil = await fetch(`${trusted.url}/admin/v1/accounts`, {
      method: 'POST',
      headers: { ...FORWARDED, origin: 'https://evil.example', 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
      body: JSON.stringify({ username: 'eve', password: 'eve-password-123', role: 'admin' }),
    });
    assert.equal(evil.status, 403);
  });

  it('without it, believes no forwarded header: the https origin is another site, and cookies are not Secure', async () => {
    const s = await signInThroughProxy(untrusted.url);
    assert.equal(s.status, 403);
    const pre = await fetch(`${untrusted.url}/auth/session`, { headers: FORWARDED });
    assert.ok(pre.headers.getSetCookie().every((c) => !/; Secure/.test(c)));
  });
});
