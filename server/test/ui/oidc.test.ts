// OpenID Connect sign-in against a real provider on loopback (the oidc-provider package,
// its development login pages), in Chromium: the provider says who, the dashboard
// account of that name says what they may see.
import * as assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { freePortSync } from '../ports';
import { DATABASES, call, startApp, type TestServer } from '../helpers';
import { launchBrowser } from './browser';

describe('dashboard sign-in with OpenID Connect', function () {
  this.timeout(120_000);
  let s: TestServer;
  let idp: Server;
  let browser: Browser;

  before(async () => {
    const port = freePortSync();
    const issuer = `http://127.0.0.1:${freePortSync()}`;
    // Untyped package (no declarations): its one constructor, typed here.
    const specifier = 'oidc-provider';
    const { default: Provider } = (await import(specifier)) as { default: new (issuer: string, conf: object) => { listen(port: number, cb: () => void): Server } };
    const provider = new Provider(issuer, {
      clients: [{ client_id: 'dx-dashboard', client_secret: 'dx-dashboard-secret-0123456789', redirect_uris: [`http://127.0.0.1:${port}/auth/oidc/callback`] }],
    });
    await new Promise<void>((r) => {
      idp = provider.listen(Number(new URL(issuer).port), r);
    });
    s = await startApp((await DATABASES[0]!.open()).db, { oidc: { issuer, clientId: 'dx-dashboard', clientSecret: 'dx-dashboard-secret-0123456789' } }, port);
    assert.equal((await call(s.url, 'POST', '/admin/v1/accounts', { body: { username: 'alice', password: 'unused-password-123', role: 'viewer', teams: ['payments'] } })).status, 201);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    idp?.close();
    await s?.close();
  });

  async function signInAt(login: string) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(s.url);
    await page.getByRole('link', { name: 'Sign in with your identity provider' }).click();
    // oidc-provider's development login and consent pages.
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('anything');
    await page.locator('button[type=submit]').click();
    const consent = page.locator('button[type=submit]');
    if (await consent.count()) await consent.first().click();
    return { ctx, page };
  }

  it('signs in the account the provider names, with its role and teams', async () => {
    const { ctx, page } = await signInAt('alice');
    await page.getByRole('navigation', { name: 'Pages' }).waitFor();
    assert.match((await page.locator('.who').textContent())!, /alice \(viewer\)/);
    assert.deepEqual(await page.getByLabel('Team').locator('option').allTextContents(), ['payments']);
    const cookies = await ctx.cookies(s.url);
    const session = cookies.find((c) => c.name === 'dx_session')!;
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    await ctx.close();
  });

  it('refuses someone the provider knows but the dashboard has no account for', async () => {
    const { ctx, page } = await signInAt('mallory');
    await page.getByText('there is no dashboard account of that name').waitFor();
    assert.equal((await ctx.cookies(s.url)).some((c) => c.name === 'dx_session'), false);
    await ctx.close();
  });

  it('refuses a callback whose state this browser did not start', async () => {
    const r = await fetch(`${s.url}/auth/oidc/callback?code=x&state=forged`);
    assert.equal(r.status, 400);
  });

  it('offers the provider only when configured', async () => {
    assert.equal(((await (await fetch(`${s.url}/auth/session`)).json()) as { oidc?: boolean }).oidc, true);
  });
});
