// What the server benchmarks share: the server in its own process, on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { freePort } from '../scripts/pgCluster.mjs';

export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

export const BENCH_TOKEN = 'bench-admin-token-0123456789';
const serverDir = path.resolve(__dirname, '..');

/** Starts src/main.ts with the given environment and waits for /readyz. */
export async function startBenchServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(serverDir, 'src', 'main.ts')], {
    cwd: serverDir,
    env: { ...process.env, PORT: String(port), DX_PLATFORM_ADMIN_TOKEN: BENCH_TOKEN, LOG_LEVEL: 'error', DX_PLATFORM_MAX_IN_FLIGHT: '256', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('platform server did not start');
}
