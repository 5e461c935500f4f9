import { allows, bearer, hashToken, sameHash, tokenId, type Scope } from './core/tokens';
import type { Queryable } from './db/db';
import { findToken } from './db/tokens';

export type AuthResult = { ok: true; tokenId: string; scope: Scope } | { ok: false; status: 401 | 403; message: string };

/** How long a looked-up token is trusted before the database is asked again. */
export const TOKEN_CACHE_MS = 2000;

/**
 * Checks bearer tokens. DX_PLATFORM_ADMIN_TOKEN is compared in memory; every other token
 * is looked up by its id and its hash compared in constant time. Lookups are cached for
 * TOKEN_CACHE_MS, so a token revoked on another process stops working within that time.
 */
export class Authenticator {
  private readonly _cache = new Map<string, { hash: Buffer; scope: Scope; revoked: boolean; until: number }>();
  private readonly _envHash: Buffer | undefined;

  constructor(
    private readonly _db: Queryable,
    envAdminToken: string | undefined,
    private readonly _now: () => number = Date.now,
  ) {
    this._envHash = envAdminToken ? hashToken(envAdminToken) : undefined;
  }

  async check(header: string | undefined, need: Scope): Promise<AuthResult> {
    const token = bearer(header);
    if (token === undefined) return { ok: false, status: 401, message: 'missing bearer token' };
    const hash = hashToken(token);
    let scope: Scope | undefined;
    let id: string | undefined;
    if (this._envHash && sameHash(hash, this._envHash)) {
      scope = 'admin';
      id = 'env-admin';
    } else {
      id = tokenId(token);
      const row = id === undefined ? undefined : await this._lookup(id);
      if (row && !row.revoked && sameHash(hash, row.hash)) scope = row.scope;
    }
    if (scope === undefined || id === undefined) return { ok: false, status: 401, message: 'unknown or revoked token' };
    if (!allows(scope, need)) return { ok: false, status: 403, message: `this route needs a token with scope "${need}"` };
    return { ok: true, tokenId: id, scope };
  }

  /** Forget a token at once (it was revoked through this process). */
  forget(id: string): void {
    this._cache.delete(id);
  }

  private async _lookup(id: string) {
    const now = this._now();
    const hit = this._cache.get(id);
    if (hit && hit.until > now) return hit;
    const row = await findToken(this._db, id);
    if (!row) {
      this._cache.delete(id);
      return undefined;
    }
    if (this._cache.size > 10_000) this._cache.clear();
    const entry = { ...row, until: now + TOKEN_CACHE_MS };
    this._cache.set(id, entry);
    return entry;
  }
}
