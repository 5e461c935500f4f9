// Named dashboard accounts and sign-in sessions. Sessions are stored by the SHA-256 of
// the cookie value, so a copy of the database holds no usable session.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from './db';

export type Role = 'admin' | 'viewer';

export interface AccountInfo {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  /** null: every team. */
  readonly teams: string[] | null;
  readonly createdAt: string;
}

interface AccountRow {
  id: string;
  username: string;
  role: Role;
  teams: string[] | null;
  password_hash: string;
  created_at: Date;
}

const info = (r: AccountRow): AccountInfo => ({ id: r.id, username: r.username, role: r.role, teams: r.teams, createdAt: r.created_at.toISOString() });

/** undefined when the username is taken. */
export async function createAccount(db: Queryable, a: { username: string; role: Role; teams: string[] | null; passwordHash: string }): Promise<AccountInfo | undefined> {
  const r = await db.query<AccountRow>(
    `INSERT INTO accounts (id, username, role, teams, password_hash) VALUES ($1, $2, $3, $4::jsonb, $5)
     ON CONFLICT (username) DO NOTHING RETURNING *`,
    [randomUUID(), a.username, a.role, a.teams === null ? null : JSON.stringify(a.teams), a.passwordHash],
  );
  return r.rows[0] && info(r.rows[0]);
}

export async function listAccounts(db: Queryable): Promise<{ accounts: AccountInfo[] }> {
  const r = await db.query<AccountRow>('SELECT * FROM accounts WHERE disabled_at IS NULL ORDER BY username');
  return { accounts: r.rows.map(info) };
}

export async function deleteAccount(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM accounts WHERE id = $1 RETURNING id', [id])).rows.length > 0;
}

export async function findAccountForLogin(db: Queryable, username: string): Promise<(AccountInfo & { passwordHash: string }) | undefined> {
  const r = await db.query<AccountRow>('SELECT * FROM accounts WHERE username = $1 AND disabled_at IS NULL', [username]);
  const row = r.rows[0];
  return row && { ...info(row), passwordHash: row.password_hash };
}

export interface SessionInfo {
  readonly accountId: string | null;
  /** The admin token signed in with, when no account was. */
  readonly tokenId?: string | null;
  readonly label: string;
  readonly role: Role;
  readonly teams: string[] | null;
  readonly csrf: string;
  readonly expiresAt: string;
}

const hashOf = (cookie: string) => createHash('sha256').update(cookie).digest();

/** Makes a session; the cookie value is returned here once. */
export async function createSession(db: Queryable, s: Omit<SessionInfo, 'csrf' | 'expiresAt'>, ttlMs: number, now: number): Promise<{ cookie: string; session: SessionInfo }> {
  const cookie = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now + ttlMs).toISOString();
  await db.query('DELETE FROM sessions WHERE expires_at < $1::timestamptz', [new Date(now).toISOString()]);
  await db.query(
    'INSERT INTO sessions (id_hash, account_id, token_id, label, role, teams, csrf, expires_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::timestamptz)',
    [hashOf(cookie), s.accountId, s.tokenId ?? null, s.label, s.role, s.teams === null ? null : JSON.stringify(s.teams), csrf, expiresAt],
  );
  return { cookie, session: { ...s, csrf, expiresAt } };
}

export async function findSession(db: Queryable, cookie: string, now: number): Promise<SessionInfo | undefined> {
  const r = await db.query<{ account_id: string | null; label: string; role: Role; teams: string[] | null; csrf: string; expires_at: Date }>(
    // A session made with a stored admin token ends when that token is revoked.
    `SELECT s.account_id, s.label, s.role, s.teams, s.csrf, s.expires_at FROM sessions s
     WHERE s.id_hash = $1 AND s.expires_at > $2::timestamptz
       AND (s.token_id IS NULL OR s.token_id = 'env-admin' OR EXISTS (SELECT 1 FROM tokens t WHERE t.id = s.token_id AND t.revoked_at IS NULL))`,
    [hashOf(cookie), new Date(now).toISOString()],
  );
  const row = r.rows[0];
  return row && { accountId: row.account_id, label: row.label, role: row.role, teams: row.teams, csrf: row.csrf, expiresAt: row.expires_at.toISOString() };
}

export async function deleteSession(db: Queryable, cookie: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [hashOf(cookie)]);
}
