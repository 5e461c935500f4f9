// Starts the DX Pulse Platform server (server/) as its own process for the editor suites:
// embedded database in a temp folder, a free loopback port, a known admin token. The
// suites then sign in and deliver to the real server, not only to the fixture server.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { freePort } from '../../server/scripts/pgCluster.mjs';

/** @returns {Promise<{ url: string, adminToken: string, stop(): Promise<void> }>} */
export async function startPlatformServer(root, dataDir, port = 0) {
  port ||= await freePort();
  const adminToken = `dx-local-admin-${crypto.randomBytes(12).toString('hex')}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'src', 'main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DX_PLATFORM_DATA: dataDir, DX_PLATFORM_ADMIN_TOKEN: adminToken, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the platform server exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the platform server did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    adminToken,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const t = setTimeout(() => (child.kill('SIGKILL'), resolve()), 10_000);
        child.once('exit', () => (clearTimeout(t), resolve()));
      });
    },
  };
}
