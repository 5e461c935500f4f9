import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Db, Queryable } from './db';
import { rebuildRollups } from './rollups';

// Plain SQL files, numbered, applied in order at start, each once, in one transaction.
// Plain SQL rather than a query builder: the same text runs on PGlite and PostgreSQL, a
// DBA can read it, and there is no builder dialect for PGlite to depend on.

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
/** Serializes migrations across server processes starting together on one database. */
const MIGRATION_LOCK = 74_110_001;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number.parseInt(f.slice(0, 4), 10), name: f, sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/**
 * Migrations that add rollups: once any of them is applied, the rollups are recounted from
 * the events already stored (once, after the last migration of the run, in the same transaction).
 */
const REBUILD_ROLLUPS_AFTER = new Set([200, 300, 350]);

export const LATEST_VERSION = Math.max(0, ...loadMigrations().map((m) => m.version));

/**
 * Applies the migrations not yet applied; `then` runs in the same locked transaction
 * (first-start bootstrap, so two processes never both do it). Returns the versions applied.
 */
export async function migrate(db: Db, then?: (q: Queryable) => Promise<void>, migrations = loadMigrations()): Promise<number[]> {
  return db.transaction(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
    await q.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await q.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await q.exec(m.sql);
      await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    if (applied.some((v) => REBUILD_ROLLUPS_AFTER.has(v))) await rebuildRollups(q);
    if (then) await then(q);
    return applied;
  });
}

/** The newest applied version (the table exists once migrate() ran). */
export async function schemaVersion(db: Queryable): Promise<number> {
  const r = await db.query<{ v: number | null }>('SELECT max(version)::int AS v FROM schema_migrations');
  return r.rows[0]?.v ?? 0;
}
