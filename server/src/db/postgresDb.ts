import pg from 'pg';
import type { Db, Queryable, Rows } from './db';
import { classify, isUnavailable } from './db';

export interface PostgresOptions {
  readonly url: string;
  /** Connections in the pool. */
  readonly max?: number;
  /** Called with errors of idle connections (e.g. the server restarted) so they are logged, not thrown. */
  readonly onIdleError?: (e: Error) => void;
}

/** A pool on a PostgreSQL server (15 or later). */
export async function openPostgres(opts: PostgresOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    // A statement that runs this long means the database is in trouble: answer 503.
    query_timeout: 30_000,
    // No JIT compilation: the dashboard's reads are short, and compiling them (PostgreSQL
    // judges them by row estimates) costs more than it saves, up to a third of a read. A
    // SET on each new connection, not a startup option, so poolers such as PgBouncer accept it.
    onConnect: async (c) => void (await c.query('SET jit = off')),
  });
  pool.on('error', (e) => opts.onIdleError?.(e));
  const wrap = (c: { query: pg.Pool['query'] }): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<Rows<T>> {
      try {
        const r = await c.query(sql, params as unknown[]);
        return { rows: r.rows as T[] };
      } catch (e) {
        return classify(e);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await c.query(sql);
      } catch (e) {
        classify(e);
      }
    },
  });
  const base = wrap(pool);
  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        return classify(e);
      }
      const q = wrap(client);
      let broken = false;
      try {
        await q.query('BEGIN');
        const out = await fn(q);
        await q.query('COMMIT');
        return out;
      } catch (e) {
        broken = isUnavailable(e);
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        // A connection that failed is dropped, not handed to the next request.
        client.release(broken || undefined);
      }
    },
    close: () => pool.end(),
  };
}
