import * as fs from 'node:fs';
import { startCluster } from './scripts/pgCluster.mjs';
import { openPostgres } from './src/db/postgresDb';
import { migrate } from './src/db/migrate';
import * as I from './src/db/insights';
import { changelogInsight } from './src/db/reach';
(async () => {
  const keep = '../.bench/pg-dashboard-10000000';
  const end = JSON.parse(fs.readFileSync(keep + '/state.json', 'utf8')).end as number;
  const c = await startCluster({ keep });
  const db = await openPostgres({ url: c.url });
  try {
    let t = performance.now();
    console.log('migrated', await migrate(db), (performance.now() - t).toFixed(0));
    const orig = db.query.bind(db);
    const log: [number, string][] = [];
    (db as any).query = async (sql: string, p?: unknown[]) => { if (process.env.EXPLAIN && sql.includes(process.env.EXPLAIN)) console.log((await orig('EXPLAIN (ANALYZE, BUFFERS) ' + sql, p)).rows.map((x: any) => x['QUERY PLAN']).join('\n')); const t0 = performance.now(); const r = await orig(sql, p); log.push([performance.now() - t0, sql.replace(/\s+/g, " ").replace(/^WITH rk AS \(.*?\), /, "").slice(0, 140)]); return r; };
    for (const days of (process.argv[2] ?? '365').split(',').map(Number)) for (const team of [undefined, 'team-3']) {
      const s = { from: new Date(end - days * 86400000).toISOString(), to: new Date(end).toISOString(), minGroup: 5, ...(team ? { team } : {}), now: end };
      for (const [name, f] of [['overview', () => I.overviewInsight(db, s)], ['friction', () => I.frictionInsight(db, s)], ['changelog', () => changelogInsight(db, s as any)]] as const) {
        for (let i = 0; i < 2; i++) {
          log.length = 0; t = performance.now(); await (f as any)();
          if (i) console.log(days, team ?? 'all', name, (performance.now() - t).toFixed(0), 'ms;', log.filter((x) => x[0] > 3).map((x) => `${x[0].toFixed(0)}ms ${x[1].slice(0, 50)}`).join(' | '));
        }
      }
    }
  } finally { await db.close(); c.stop(); }
})();
