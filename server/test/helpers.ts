// Test harness: every API suite runs once per database (PGlite in memory, and a fresh
// database on the PostgreSQL cluster that test/run.mjs started), over real HTTP.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { buildApp, type AppOptions } from '../src/app';
import type { Db, Queryable } from '../src/db/db';
import { migrate } from '../src/db/migrate';
import { openPglite } from '../src/db/pgliteDb';
import { openPostgres } from '../src/db/postgresDb';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestDb {
  readonly name: 'pglite' | 'postgres';
  /** A new, empty, migrated database. */
  open(): Promise<{ db: Db; url?: string }>;
}

/** Makes an empty database on the test cluster and returns its URL. */
export async function freshPostgresUrl(): Promise<string> {
  const base = process.env.DX_TEST_DATABASE_URL;
  if (!base) throw new Error('DX_TEST_DATABASE_URL is not set: run the server tests with `npm test --workspace server`');
  const name = `t_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Empties every table but schema_migrations (whatever the migrations made), numbering from the start again. */
async function emptyAll(db: Queryable): Promise<void> {
  const r = await db.query<{ t: string }>("SELECT string_agg(quote_ident(tablename), ', ') AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'");
  await db.query(`TRUNCATE ${r.rows[0]!.t} RESTART IDENTITY`);
}

// One in-memory PGlite for every suite (each costs seconds to initialize); suites get it
// emptied, and their close() leaves it open for the next one.
let sharedPglite: Promise<Db> | undefined;
after(async () => {
  if (sharedPglite) await (await sharedPglite).close();
});

export const DATABASES: TestDb[] = [
  {
    name: 'pglite',
    async open() {
      sharedPglite ??= openPglite(undefined).then(async (db) => {
        await migrate(db);
        return db;
      });
      const db = await sharedPglite;
      await emptyAll(db);
      return { db: { ...db, close: async () => undefined } };
    },
  },
  {
    name: 'postgres',
    async open() {
      const url = await freshPostgresUrl();
      const db = await openPostgres({ url });
      await migrate(db);
      return { db, url };
    },
  },
];

export interface TestServer {
  readonly url: string;
  readonly db: Db;
  close(): Promise<void>;
  /** Empties every table but schema_migrations. */
  reset(): Promise<void>;
}

/** Starts the app on `d` for a describe block (before) and stops it after; `set` receives it. */
export function serveApp(d: TestDb, set: (s: TestServer) => void): void {
  let s: TestServer | undefined;
  before(async () => {
    s = await startApp((await d.open()).db);
    set(s);
  });
  after(async () => {
    await s?.close();
    await s?.db.close();
  });
}

export async function startApp(db: Db, opts: Partial<AppOptions> = {}, listenPort = 0): Promise<TestServer> {
  const app = buildApp({ db, adminToken: ADMIN_TOKEN, logger: false, ...opts });
  await app.listen({ port: listenPort, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    async close() {
      await app.close();
    },
    async reset() {
      await emptyAll(db);
    },
  };
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function call(base: string, method: string, path: string, opts: { token?: string | null; body?: unknown; raw?: string | Buffer; contentType?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | Buffer | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  const r = await fetch(base + path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await r.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, json };
}

let seq = 0;
/** A valid event of kind task.ended (or the given overrides). */
export function event(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    id: randomUUID(),
    kind: 'task.ended',
    schemaVersion: 1,
    time: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
    installId: 'install-1',
    sessionId: 'session-1',
    repo: { id: 'a'.repeat(64), hashed: true },
    extensionVersion: '0.1.0',
    data: { exitCode: 1, name: 'build', group: 'build', source: 'Workspace', durationMs: 1234, category: 'build' },
    ...over,
  };
}
