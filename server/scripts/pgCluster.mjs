// A throwaway PostgreSQL cluster in a temp folder on a free port, for tests and benchmarks.
// Uses Debian's postgresql package (installed with apt-get when initdb is missing).
// PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function findBinDir() {
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(base, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return path.dirname(fs.realpathSync(which.stdout.trim()));
  return undefined;
}

function ensurePostgres(log) {
  let bin = findBinDir();
  if (bin) return bin;
  if (process.getuid?.() !== 0) throw new Error('PostgreSQL is not installed (no initdb). Run: sudo apt-get install -y --no-install-recommends postgresql');
  log('[pg] initdb not found: installing Debian\'s postgresql package');
  execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  bin = findBinDir();
  if (!bin) throw new Error('postgresql installed, but initdb is still missing');
  return bin;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster; returns { url, dir, restart(), stop() }. With `keep` (a folder), the
 * cluster lives there and outlives the process: made on the first start, started again
 * as it was on the next, and stop() only stops it (the benchmarks keep their data so).
 * `settings`: more server settings (name: value), e.g. { shared_buffers: '1GB' }.
 */
export async function startCluster({ log = (m) => process.stderr.write(`${m}\n`), keep, settings = {} } = {}) {
  const bin = ensurePostgres(log);
  const asRoot = process.getuid?.() === 0;
  if (keep) fs.mkdirSync(keep, { recursive: true });
  const dir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'dx-platform-pg-'));
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (tool, args) => {
    const cmd = asRoot ? 'runuser' : path.join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
    const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const port = await freePort();
  const data = path.join(dir, 'data');
  if (!fs.existsSync(path.join(data, 'PG_VERSION'))) run('initdb', ['-D', data, '-A', 'trust', '-U', 'dx', '--no-sync']);
  else if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
    // Left running by a process that was killed: stop it (its port is stale).
    try {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch {
      fs.rmSync(path.join(data, 'postmaster.pid'), { force: true });
    }
  }
  // Durability settings off: throwaway test data, and the 2-core machine is shared.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200${Object.entries(settings).map(([k, v]) => ` -c ${k}=${v}`).join('')}`;
  const start = () => run('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
  start();
  const url = `postgres://dx@127.0.0.1:${port}/postgres`;
  return {
    url,
    dir,
    /** What another process needs to restart this cluster (restartCluster below). */
    info: { bin, dir, data, opts, asRoot },
    /** Stops the server fast (open connections are cut) and starts it again. */
    restart() {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      start();
    },
    stopServer() {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    startServer: start,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', keep ? 'fast' : 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function runAs(info, tool, args) {
  const cmd = info.asRoot ? 'runuser' : path.join(info.bin, tool);
  const argv = info.asRoot ? ['-u', 'postgres', '--', path.join(info.bin, tool), ...args] : args;
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: info.dir });
  if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
}

/** Restarts a cluster started by another process, from its `info`. */
export function restartCluster(info) {
  runAs(info, 'pg_ctl', ['-D', info.data, '-m', 'fast', '-w', 'stop']);
  runAs(info, 'pg_ctl', ['-D', info.data, '-o', info.opts, '-l', path.join(info.dir, 'log'), '-w', 'start']);
}

/** Like restartCluster, without blocking the caller's event loop (clients keep sending meanwhile). */
export async function restartClusterAsync(info) {
  const run = (tool, args) =>
    promisify(execFile)(info.asRoot ? 'runuser' : path.join(info.bin, tool), info.asRoot ? ['-u', 'postgres', '--', path.join(info.bin, tool), ...args] : args, { cwd: info.dir });
  await run('pg_ctl', ['-D', info.data, '-m', 'fast', '-w', 'stop']);
  await new Promise((r) => setTimeout(r, 300));
  await run('pg_ctl', ['-D', info.data, '-o', info.opts, '-l', path.join(info.dir, 'log'), '-w', 'start']);
}
