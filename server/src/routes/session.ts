// Dashboard sign-in: with an admin token (the first start, before any account exists) or
// a named account's password. The session lives in an HttpOnly, SameSite=Strict cookie;
// the CSRF token the page must echo comes from GET /auth/session.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkSameOrigin, CSRF_HEADER, LOGIN_CSRF_COOKIE, parseCookies, sameSecret, SESSION_COOKIE } from '../access';
import type { Deps } from '../app';
import { verifyPassword } from '../core/passwords';
import { createSession, deleteSession, findAccountForLogin, type SessionInfo } from '../db/accounts';
import { listTeams } from '../db/catalog';
import { HttpError } from '../httpError';

export const SESSION_TTL_MS = 12 * 60 * 60_000;

function cookie(req: FastifyRequest, name: string, value: string, maxAgeS: number): string {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure}`;
}

// A password check for an unknown user costs the same as for a known one.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** At most MAX_FAILURES failed sign-ins per client address per minute. */
export const MAX_FAILURES = 10;
class Throttle {
  private readonly _failures = new Map<string, number[]>();
  blocked(key: string, now: number): boolean {
    const recent = (this._failures.get(key) ?? []).filter((t) => t > now - 60_000);
    this._failures.set(key, recent);
    return recent.length >= MAX_FAILURES;
  }
  failed(key: string, now: number): void {
    if (this._failures.size > 10_000) this._failures.clear();
    this._failures.set(key, [...(this._failures.get(key) ?? []), now]);
  }
}

export async function sessionRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const throttle = new Throttle();
  // The teams the page may offer: an account's own, else every team.
  const signedIn = async (s: SessionInfo) => ({
    signedIn: true,
    label: s.label,
    role: s.role,
    teams: s.teams,
    visibleTeams: s.teams ?? (await listTeams(deps.db)).teams.map((t) => t.name),
    csrf: s.csrf,
    expiresAt: s.expiresAt,
    minGroup: deps.minGroup,
  });
  const setCookies = (reply: FastifyReply, cookies: string[]) => reply.header('set-cookie', cookies).header('cache-control', 'no-store');

  app.get('/auth/session', async (req, reply) => {
    const s = await deps.access.session(req);
    if (s) {
      setCookies(reply, []);
      return signedIn(s);
    }
    // Double-submit token for the sign-in form itself (no session yet to hold one).
    const csrf = randomBytes(24).toString('base64url');
    setCookies(reply, [cookie(req, LOGIN_CSRF_COOKIE, csrf, 3600)]);
    return { signedIn: false, csrf, oidc: deps.oidc };
  });

  app.post<{ Body: { token?: string; username?: string; password?: string } }>(
    '/auth/login',
    {
      onRequest: async (req) => {
        checkSameOrigin(req);
        const sent = req.headers[CSRF_HEADER];
        if (!sameSecret(typeof sent === 'string' ? sent : undefined, parseCookies(req.headers.cookie)[LOGIN_CSRF_COOKIE])) {
          throw new HttpError(403, 'csrf', 'missing or wrong CSRF token: load the sign-in page again');
        }
      },
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { token: { type: 'string', minLength: 1, maxLength: 500 }, username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 500 } },
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const key = req.ip;
      if (throttle.blocked(key, deps.now())) throw new HttpError(429, 'tooManyAttempts', 'too many failed sign-ins; wait a minute', {}, { 'retry-after': '60' });
      let who: { accountId: string | null; tokenId?: string; label: string; role: 'admin' | 'viewer'; teams: string[] | null } | undefined;
      if (b.token !== undefined) {
        const r = await deps.auth.check(`Bearer ${b.token}`, 'admin');
        if (r.ok) who = { accountId: null, tokenId: r.tokenId, label: 'admin token', role: 'admin', teams: null };
      } else if (b.username !== undefined && b.password !== undefined) {
        const a = await findAccountForLogin(deps.db, b.username);
        const ok = await verifyPassword(b.password, a?.passwordHash ?? DUMMY_HASH);
        if (a && ok) who = { accountId: a.id, label: a.username, role: a.role, teams: a.teams };
      } else {
        throw new HttpError(400, 'invalidRequest', 'give a token, or a username and password');
      }
      if (!who) {
        throttle.failed(key, deps.now());
        req.log.info({ username: b.username ?? null }, 'dashboard sign-in refused');
        throw new HttpError(401, 'unauthorized', 'wrong token, username or password');
      }
      const { cookie: value, session } = await createSession(deps.db, who, SESSION_TTL_MS, deps.now());
      setCookies(reply, [cookie(req, SESSION_COOKIE, value, SESSION_TTL_MS / 1000), cookie(req, LOGIN_CSRF_COOKIE, '', 0)]);
      return signedIn(session);
    },
  );

  app.post('/auth/logout', async (req, reply) => {
    const s = await deps.access.session(req);
    if (s) {
      checkSameOrigin(req);
      if (!sameSecret(req.headers[CSRF_HEADER] as string | undefined, s.csrf)) throw new HttpError(403, 'csrf', 'missing or wrong CSRF token');
      await deleteSession(deps.db, parseCookies(req.headers.cookie)[SESSION_COOKIE]!);
    }
    setCookies(reply, [cookie(req, SESSION_COOKIE, '', 0)]);
    return reply.code(204).send();
  });
}
