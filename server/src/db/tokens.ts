import { newToken, type Scope } from '../core/tokens';
import type { Queryable } from './db';

export interface TokenInfo {
  readonly id: string;
  readonly name: string;
  readonly scope: Scope;
  readonly createdAt: string;
  readonly revokedAt?: string;
}

interface TokenRow {
  id: string;
  name: string;
  scope: Scope;
  created_at: Date;
  revoked_at: Date | null;
}

const info = (r: TokenRow): TokenInfo => ({
  id: r.id,
  name: r.name,
  scope: r.scope,
  createdAt: r.created_at.toISOString(),
  ...(r.revoked_at ? { revokedAt: r.revoked_at.toISOString() } : {}),
});

/** Makes a token; the secret is returned here once and never stored. */
export async function createToken(db: Queryable, name: string, scope: Scope): Promise<TokenInfo & { token: string }> {
  const t = newToken();
  const r = await db.query<TokenRow>('INSERT INTO tokens (id, name, scope, hash) VALUES ($1, $2, $3, $4) RETURNING *', [t.id, name, scope, t.hash]);
  return { ...info(r.rows[0]!), token: t.token };
}

export async function listTokens(db: Queryable): Promise<{ tokens: TokenInfo[] }> {
  const r = await db.query<TokenRow>('SELECT id, name, scope, created_at, revoked_at FROM tokens ORDER BY created_at, id');
  return { tokens: r.rows.map(info) };
}

/** True when the token existed and was not yet revoked. */
export async function revokeToken(db: Queryable, id: string): Promise<boolean> {
  const r = await db.query('UPDATE tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id]);
  return r.rows.length > 0;
}

export async function findToken(db: Queryable, id: string): Promise<{ hash: Buffer; scope: Scope; revoked: boolean } | undefined> {
  const r = await db.query<{ hash: Uint8Array; scope: Scope; revoked: boolean }>('SELECT hash, scope, revoked_at IS NOT NULL AS revoked FROM tokens WHERE id = $1', [id]);
  const row = r.rows[0];
  return row && { hash: Buffer.from(row.hash), scope: row.scope, revoked: row.revoked };
}

/** First start without DX_PLATFORM_ADMIN_TOKEN: makes an admin token when none is active. */
export async function bootstrapAdminToken(db: Queryable): Promise<string | undefined> {
  const r = await db.query<{ n: number }>("SELECT count(*)::integer AS n FROM tokens WHERE scope = 'admin' AND revoked_at IS NULL");
  if ((r.rows[0]?.n ?? 0) > 0) return undefined;
  return (await createToken(db, 'first admin (generated at first start)', 'admin')).token;
}
