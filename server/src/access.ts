// Who is asking: a bearer token (scripts, CI) or a dashboard session cookie. Cookie
// requests that change state must also carry the session's CSRF token in a header and,
// when the browser says where they come from, come from this origin: a form on another
// site can send neither, and SameSite=Strict keeps the cookie off cross-site requests.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Authenticator } from './auth';
import type { Queryable } from './db/db';
import { findSession, type Role, type SessionInfo } from './db/accounts';
import { HttpError } from './httpError';

export const SESSION_COOKIE = 'dx_session';
export const LOGIN_CSRF_COOKIE = 'dx_login_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface Principal {
  readonly via: 'token' | 'session';
  readonly label: string;
  readonly role: Role;
  /** null: every team. */
  readonly teams: readonly string[] | null;
  readonly accountId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    if (!(k in out)) {
      try {
        out[k] = decodeURIComponent(v);
      } catch {
        out[k] = v;
      }
    }
  }
  return out;
}

export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses a state-changing cookie request from another site (Origin or Sec-Fetch-Site say so). */
export function checkSameOrigin(req: FastifyRequest): void {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') throw new HttpError(403, 'crossSite', 'cross-site requests are refused');
  const origin = req.headers.origin;
  // req.host is the Host header, or X-Forwarded-Host from a trusted proxy (DX_PLATFORM_TRUST_PROXY).
  if (origin !== undefined && origin !== `${req.protocol}://${req.host}`) throw new HttpError(403, 'crossSite', 'cross-site requests are refused');
}

export class Access {
  constructor(
    private readonly _db: Queryable,
    private readonly _auth: Authenticator,
    private readonly _now: () => number,
  ) {}

  async session(req: FastifyRequest): Promise<SessionInfo | undefined> {
    const cookie = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    return cookie ? findSession(this._db, cookie, this._now()) : undefined;
  }

  /** Sets req.principal or throws 401/403. `need`: the role the route needs. */
  async require(req: FastifyRequest, need: Role): Promise<Principal> {
    let p: Principal;
    if (req.headers.authorization !== undefined) {
      const r = await this._auth.check(req.headers.authorization, 'admin');
      if (!r.ok) throw new HttpError(r.status, r.status === 401 ? 'unauthorized' : 'forbidden', r.message);
      req.tokenId = r.tokenId;
      p = { via: 'token', label: `token ${r.tokenId}`, role: 'admin', teams: null, accountId: null };
    } else {
      const s = await this.session(req);
      if (!s) throw new HttpError(401, 'unauthorized', 'sign in, or send an admin bearer token');
      if (!SAFE.has(req.method)) {
        checkSameOrigin(req);
        const sent = req.headers[CSRF_HEADER];
        if (!sameSecret(typeof sent === 'string' ? sent : undefined, s.csrf)) throw new HttpError(403, 'csrf', 'missing or wrong CSRF token');
      }
      p = { via: 'session', label: s.label, role: s.role, teams: s.teams, accountId: s.accountId };
    }
    if (need === 'admin' && p.role !== 'admin') throw new HttpError(403, 'forbidden', 'this needs an admin account');
    req.principal = p;
    return p;
  }
}

/**
 * The teams a request may read: undefined for all (no limit, no team asked), else the
 * one team asked. A team-limited principal must name one of its teams.
 */
export function teamScope(p: Principal, asked: string | undefined): string | undefined {
  if (p.teams === null) return asked;
  if (asked === undefined) throw new HttpError(403, 'teamRequired', `this account sees only the teams ${p.teams.join(', ')}: pass team=`);
  if (!p.teams.includes(asked)) throw new HttpError(403, 'forbidden', `this account may not see team "${asked}"`);
  return asked;
}
