import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Rows } from './db';
import { classify } from './db';

/** Embedded PostgreSQL persisted in `dataDir` (or in memory when undefined). */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;
  const wrap = (q: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<Rows<T>> {
      try {
        const r = await q.query<T>(sql, params as unknown[]);
        return { rows: r.rows };
      } catch (e) {
        return classify(e);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await q.exec(sql);
      } catch (e) {
        classify(e);
      }
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
