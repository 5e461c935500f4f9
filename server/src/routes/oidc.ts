// Sign-in through the team's identity provider (DX_PLATFORM_OIDC_*). The provider says
// who someone is; the role and teams come from the dashboard account of that name, which
// an admin makes first: nobody gets in only because the provider knows them.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseCookies, SESSION_COOKIE } from '../access';
import type { Deps } from '../app';
import { accountNameOf, authorizationUrl, newPending, type OidcConfig, type OidcPending } from '../core/oidc';
import { createSession, findAccountForLogin } from '../db/accounts';
import { HttpError } from '../httpError';
import { CSP } from './dashboard';
import { SESSION_TTL_MS } from './session';

const PENDING_COOKIE = 'dx_oidc';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

export async function oidcRoutes(app: FastifyInstance, { deps, oidc }: { deps: Deps; oidc: OidcConfig }): Promise<void> {
  let discovery: Promise<Discovery> | undefined;
  const discover = () => {
    discovery ??= (async () => {
      const r = await fetch(`${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
      if (!r.ok) throw new Error(`discovery answered ${r.status}`);
      return (await r.json()) as Discovery;
    })().catch((e: unknown) => {
      discovery = undefined;
      throw e;
    });
    return discovery;
  };
  let jwks: ReturnType<typeof import('jose').createRemoteJWKSet> | undefined;
  const base = (req: FastifyRequest) => (oidc.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/$/, '');
  const redirectUri = (req: FastifyRequest) => `${base(req)}/auth/oidc/callback`;
  // Lax, not Strict: the provider sends the browser back with a cross-site redirect.
  const pendingCookie = (req: FastifyRequest, v: string, maxAge: number) =>
    `${PENDING_COOKIE}=${v}; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${req.protocol === 'https' ? '; Secure' : ''}`;
  const page = (message: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>DX Pulse Platform</title><link rel="stylesheet" href="/app.css"></head><body><main class="signin"><h1>DX Pulse Platform</h1><p>${message}</p><p><a href="/">Back to the dashboard</a></p></main></body></html>`;

  app.get('/auth/oidc/start', async (req, reply) => {
    let d: Discovery;
    try {
      d = await discover();
    } catch (e) {
      req.log.warn({ err: e instanceof Error ? e.message : String(e), issuer: oidc.issuer }, 'OpenID provider discovery failed');
      throw new HttpError(502, 'oidcUnavailable', 'the identity provider could not be reached');
    }
    const p = newPending();
    return reply
      .header('set-cookie', pendingCookie(req, Buffer.from(JSON.stringify(p)).toString('base64url'), 600))
      .header('cache-control', 'no-store')
      .redirect(authorizationUrl(d.authorization_endpoint, oidc, redirectUri(req), p));
  });

  app.get<{ Querystring: { code?: string; state?: string; error?: string } }>(
    '/auth/oidc/callback',
    { schema: { querystring: { type: 'object', properties: { code: { type: 'string', maxLength: 2000 }, state: { type: 'string', maxLength: 200 }, error: { type: 'string', maxLength: 200 } } } } },
    async (req, reply) => {
      const html = (status: number, body: string) => reply.code(status).headers({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP, 'cache-control': 'no-store' }).send(body);
      let pending: OidcPending | undefined;
      try {
        pending = JSON.parse(Buffer.from(parseCookies(req.headers.cookie)[PENDING_COOKIE] ?? '', 'base64url').toString('utf8')) as OidcPending;
      } catch {
        pending = undefined;
      }
      reply.header('set-cookie', [pendingCookie(req, '', 0)]);
      if (!pending || !req.query.state || req.query.state !== pending.state) return html(400, page('This sign-in was not started here, or took too long. Start again.'));
      if (req.query.error || !req.query.code) return html(401, page('The identity provider did not sign you in.'));
      const d = await discover();
      const token = await fetch(d.token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(oidc.clientId)}:${encodeURIComponent(oidc.clientSecret)}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code, redirect_uri: redirectUri(req), code_verifier: pending.verifier }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await token.json().catch(() => ({}))) as { id_token?: string };
      if (!token.ok || !body.id_token) {
        req.log.warn({ status: token.status }, 'OpenID token exchange failed');
        return html(401, page('The identity provider refused the sign-in.'));
      }
      const jose = await import('jose');
      jwks ??= jose.createRemoteJWKSet(new URL(d.jwks_uri));
      let claims: Record<string, unknown>;
      try {
        claims = (await jose.jwtVerify(body.id_token, jwks, { issuer: d.issuer, audience: oidc.clientId })).payload;
      } catch (e) {
        req.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'OpenID ID token refused');
        return html(401, page('The identity provider sent a token that does not check out.'));
      }
      if (claims.nonce !== pending.nonce) return html(401, page('The identity provider sent a token for another sign-in.'));
      const name = accountNameOf(claims);
      const account = name ? await findAccountForLogin(deps.db, name) : undefined;
      if (!account) {
        req.log.info({ name }, 'OpenID sign-in without a dashboard account');
        return html(403, page('You are signed in at your identity provider, but there is no dashboard account of that name. Ask an admin to make one.'));
      }
      const { cookie } = await createSession(deps.db, { accountId: account.id, label: account.username, role: account.role, teams: account.teams }, SESSION_TTL_MS, deps.now());
      reply.header('set-cookie', [
        pendingCookie(req, '', 0),
        `${SESSION_COOKIE}=${cookie}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}${req.protocol === 'https' ? '; Secure' : ''}`,
      ]);
      // A same-origin page moves on to the dashboard, so the SameSite=Strict cookie is sent.
      return html(200, page('Signed in.').replace('<title>', '<meta http-equiv="refresh" content="0;url=/"><title>'));
    },
  );
}
