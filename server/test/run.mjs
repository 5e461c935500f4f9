// `npm test --workspace server`: starts a throwaway PostgreSQL, runs every server suite
// (each API suite against PGlite and that PostgreSQL), then removes the cluster.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster } from '../scripts/pgCluster.mjs';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const t0 = Date.now();
const cluster = await startCluster();
process.stderr.write(`[server tests] PostgreSQL on ${cluster.url} (${Date.now() - t0} ms)\n`);
let status = 1;
try {
  const mocha = path.join(serverDir, '..', 'node_modules', 'mocha', 'bin', 'mocha.js');
  const r = spawnSync(process.execPath, [mocha, '--config', path.join(serverDir, '.mocharc.json'), ...process.argv.slice(2)], {
    cwd: serverDir,
    stdio: 'inherit',
    env: { ...process.env, DX_TEST_DATABASE_URL: cluster.url, DX_TEST_PG: JSON.stringify(cluster.info) },
  });
  status = r.status ?? 1;
} finally {
  cluster.stop();
}
process.stderr.write(`[server tests] done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
process.exit(status);
