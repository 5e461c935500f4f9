// Platform ingest: 100-event batches from 8 concurrent clients over loopback, against the
// server in its own process, on a throwaway PostgreSQL and on PGlite; and, for the ratio,
// the raw multi-row INSERT ... ON CONFLICT DO NOTHING of the same rows into the same
// database in the same run. Run alone: npx tsx -e "import('./server/bench/platformIngest.bench.ts').then(m=>m.run()).then(r=>console.log(r))"
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { startCluster } from '../scripts/pgCluster.mjs';
import { BENCH_TOKEN, startBenchServer, type BenchResult } from './benchServer';


const CLIENTS = 8;
const BATCH = 100;
const BATCHES = Number(process.env.DX_BENCH_PLATFORM_BATCHES ?? 400); // 40,000 events
const WARMUP_BATCHES = 40;

function makeEvents(n: number): Record<string, unknown>[] {
  const t0 = Date.UTC(2026, 0, 1);
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    kind: 'task.ended',
    schemaVersion: 1,
    time: new Date(t0 + i * 1000).toISOString(),
    installId: `install-${i % 500}`,
    sessionId: `session-${i % 2000}`,
    repo: { id: 'a'.repeat(64), hashed: true },
    extensionVersion: '0.1.0',
    data: { exitCode: i % 3, name: 'build', group: 'build', source: 'Workspace', durationMs: 1000 + (i % 5000), category: 'build' },
  }));
}


/** Sends `batches` batches from CLIENTS concurrent clients; returns events/s and per-request latencies. */
async function load(send: (batch: Record<string, unknown>[]) => Promise<void>, batches: number): Promise<{ perS: number; latencies: number[] }> {
  const all = Array.from({ length: batches }, () => makeEvents(BATCH));
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < all.length) {
        const b = all[next++]!;
        const s = performance.now();
        await send(b);
        latencies.push(performance.now() - s);
      }
    }),
  );
  return { perS: (batches * BATCH) / ((performance.now() - t0) / 1000), latencies };
}

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

function httpSender(url: string) {
  return async (events: Record<string, unknown>[]) => {
    const r = await fetch(`${url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
    const j = (await r.json()) as { accepted?: string[] };
    if (r.status !== 200 || j.accepted?.length !== events.length) throw new Error(`ingest answered ${r.status}`);
  };
}

const COLS = ['id', 'kind', 'schema_version', 'time', 'install_id', 'session_id', 'repo_id', 'repo_hashed', 'extension_version', 'token_id', 'envelope'];

/** The floor the server is measured against: the same rows, straight into the same table. */
function rawSender(pool: pg.Pool) {
  return async (events: Record<string, unknown>[]) => {
    const params: unknown[] = [];
    const rows = events.map((e, i) => {
      const repo = e.repo as { id: string; hashed: boolean };
      params.push(e.id, e.kind, e.schemaVersion, e.time, e.installId, e.sessionId, repo.id, repo.hashed, e.extensionVersion, null, JSON.stringify(e));
      return `(${COLS.map((_, c) => `$${i * COLS.length + c + 1}`).join(', ')})`;
    });
    await pool.query(`INSERT INTO events (${COLS.join(', ')}) VALUES ${rows.join(', ')} ON CONFLICT (id) DO NOTHING`, params);
  };
}

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const cluster = await startCluster({ log: (m) => process.stderr.write(`${m}\n`) });
  let server: ChildProcess | undefined;
  const pool = new pg.Pool({ connectionString: cluster.url, max: CLIENTS });
  try {
    const s = await startBenchServer({ DATABASE_URL: cluster.url });
    server = s.child;
    const send = httpSender(s.url);
    await load(send, WARMUP_BATCHES);
    const rawSend = rawSender(pool);
    await load(rawSend, WARMUP_BATCHES);
    // Alternate so neither side gets the emptier table or the quieter machine.
    const api1 = await load(send, BATCHES / 2);
    const raw1 = await load(rawSend, BATCHES / 2);
    const api2 = await load(send, BATCHES / 2);
    const raw2 = await load(rawSend, BATCHES / 2);
    const apiPerS = (api1.perS + api2.perS) / 2;
    const rawPerS = (raw1.perS + raw2.perS) / 2;
    out.push({ name: 'platform_ingest_events_per_s', value: apiPerS, unit: 'events/s' });
    out.push({ name: 'platform_ingest_ratio', value: apiPerS / rawPerS, unit: 'ratio' });
    out.push({ name: 'platform_ingest_p99_ms', value: p99([...api1.latencies, ...api2.latencies]), unit: 'ms' });
  } finally {
    server?.kill('SIGKILL');
    await pool.end();
    cluster.stop();
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-platform-bench-'));
  try {
    const s = await startBenchServer({ DX_PLATFORM_DATA: path.join(dir, 'data') });
    server = s.child;
    const send = httpSender(s.url);
    await load(send, WARMUP_BATCHES);
    const r = await load(send, BATCHES / 2);
    out.push({ name: 'platform_ingest_pglite_events_per_s', value: r.perS, unit: 'events/s' });
  } finally {
    server?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
