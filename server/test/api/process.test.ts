// `npm run platform` as a process: one log line with its URL, the first admin token
// printed once, data kept in DX_PLATFORM_DATA across restarts, SIGTERM drains.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { event } from '../helpers';
import { freePortSync } from '../ports';

const serverDir = path.resolve(__dirname, '..', '..');

interface Proc {
  readonly child: ChildProcess;
  readonly url: string;
  stdout: string;
  exit: Promise<number | null>;
}

async function startProcess(env: Record<string, string>): Promise<Proc> {
  const port = freePortSync();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(serverDir, 'src', 'main.ts')], {
    cwd: serverDir,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const p: Proc = { child, url: `http://127.0.0.1:${port}`, stdout: '', exit: new Promise((r) => child.once('exit', (code) => r(code))) };
  child.stdout!.on('data', (b: Buffer) => (p.stdout += b.toString()));
  child.stderr!.resume();
  for (let i = 0; i < 300; i++) {
    if (p.stdout.includes('listening on')) return p;
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${p.stdout}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`did not start: ${p.stdout}`);
}

describe('the server process', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-platform-proc-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints --help and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(serverDir, 'src', 'main.ts'), '--help'], { cwd: serverDir, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    assert.equal(await new Promise((r) => child.once('exit', r)), 0);
    for (const v of ['PORT', 'HOST', 'DATABASE_URL', 'DX_PLATFORM_DATA', 'DX_PLATFORM_ADMIN_TOKEN', 'DX_PLATFORM_RETENTION_DAYS']) assert.ok(out.includes(v), v);
  });

  it('generates the first admin token once, keeps data across restarts, and drains on SIGTERM', async function () {
    this.timeout(60_000);
    const data = path.join(dir, 'data');
    const first = await startProcess({ DX_PLATFORM_DATA: data });
    let token: string;
    try {
      const lines = first.stdout.split('\n').filter((l) => l.startsWith('{'));
      assert.equal(lines.length, 1, first.stdout);
      assert.match(JSON.parse(lines[0]!).msg, new RegExp(`listening on ${first.url} \\(embedded PostgreSQL in ${data.replace(/[/.]/g, '\\$&')}\\)`));
      token = /^\s+(dxp_\S+)$/m.exec(first.stdout)![1]!;
      const ev = event();
      const r = await fetch(`${first.url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ events: [ev] }) });
      assert.equal(r.status, 200);
    } finally {
      first.child.kill('SIGTERM');
      assert.equal(await first.exit, 0);
    }

    const second = await startProcess({ DX_PLATFORM_DATA: data });
    try {
      assert.ok(!/dxp_/.test(second.stdout), 'the token is printed only at first start');
      const list = await fetch(`${second.url}/admin/v1/events`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal((await list.text()).trim().split('\n').length, 1);

      // A request still arriving when SIGTERM comes is answered before the process exits.
      const body = JSON.stringify({ events: [event()] });
      const u = new URL(`${second.url}/v1/events`);
      const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
      const status = new Promise<number>((resolve, reject) => {
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
      });
      req.write(body.slice(0, 20));
      await new Promise((r) => setTimeout(r, 200));
      second.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      req.end(body.slice(20));
      assert.equal(await status, 200);
      assert.equal(await second.exit, 0);
    } finally {
      second.child.kill('SIGKILL');
    }
  });

  it('refuses a bad setting with exit code 2 and a message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(serverDir, 'src', 'main.ts')], { cwd: serverDir, env: { ...process.env, PORT: 'eighty' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    assert.equal(await new Promise((r) => child.once('exit', r)), 2);
    assert.match(err, /PORT must be an integer/);
  });
});
