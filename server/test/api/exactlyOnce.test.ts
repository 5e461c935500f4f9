// Exactly once under faults: concurrent clients that resend, two server processes on one
// PostgreSQL, one SIGKILLed mid-run and restarted, PostgreSQL itself restarted once.
// Every acknowledged id must be stored once, and no id may be accepted twice; the rollups
// count each stored event once.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import pg from 'pg';
import { restartClusterAsync } from '../../scripts/pgCluster.mjs';
import { ADMIN_TOKEN, DATABASES, event, freshPostgresUrl, startApp } from '../helpers';
import { freePortSync } from '../ports';

const CLIENTS = 4;
const BATCHES_PER_CLIENT = 50; // 20,000 events, as issue 11 asks
const BATCH = 100;
const RESEND_SHARE = 0.2;

interface Tally {
  acked: Set<string>;
  acceptedTwice: string[];
  accepted: Set<string>;
  posts: number;
  failures: number;
}

async function postUntilStored(urls: () => string[], events: unknown[], t: Tally, pick: number): Promise<void> {
  const body = JSON.stringify({ events });
  for (let attempt = 0; ; attempt++) {
    const url = urls()[(pick + attempt) % urls().length]!;
    t.posts++;
    try {
      const r = await fetch(`${url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
      if (r.status === 200) {
        const j = (await r.json()) as { accepted: string[]; duplicates: string[]; rejected: unknown[] };
        assert.equal(j.rejected.length, 0);
        for (const id of j.accepted) {
          if (t.accepted.has(id)) t.acceptedTwice.push(id);
          t.accepted.add(id);
          t.acked.add(id);
        }
        for (const id of j.duplicates) t.acked.add(id);
        return;
      }
      await r.arrayBuffer();
      assert.ok([429, 503].includes(r.status), `unexpected status ${r.status}`);
    } catch (e) {
      if (e instanceof assert.AssertionError) throw e;
      // connection refused or reset: the process was killed; try again (maybe elsewhere)
    }
    t.failures++;
    await new Promise((res) => setTimeout(res, Math.min(50 * 2 ** Math.min(attempt, 4), 500)));
  }
}

async function runClients(urls: () => string[], t: Tally, onProgress: (done: number) => void, batchesPerClient = BATCHES_PER_CLIENT): Promise<string[]> {
  const sent: string[] = [];
  let done = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let b = 0; b < batchesPerClient; b++) {
        const events = Array.from({ length: BATCH }, () => event());
        for (const e of events) sent.push(e.id as string);
        await postUntilStored(urls, events, t, c + b);
        // A resend, as after a timeout whose answer was lost.
        if (((c * 31 + b * 17) % 100) / 100 < RESEND_SHARE) await postUntilStored(urls, events, t, c + b + 1);
        onProgress(++done);
      }
    }),
  );
  return sent;
}

const tally = (): Tally => ({ acked: new Set(), acceptedTwice: [], accepted: new Set(), posts: 0, failures: 0 });

describe('exactly once', () => {
  it('holds on PGlite with concurrent clients and resends (one process)', async () => {
    const { db } = await DATABASES[0]!.open();
    const s = await startApp(db);
    try {
      const t = tally();
      // Smaller than the PostgreSQL run: one embedded database in one process, no faults.
      const sent = await runClients(() => [s.url], t, () => undefined, 10);
      assert.deepEqual(t.acceptedTwice, []);
      assert.equal(t.acked.size, sent.length);
      const r = await db.query<{ n: number; d: number }>('SELECT count(*)::integer AS n, count(DISTINCT id)::integer AS d FROM events');
      assert.deepEqual(r.rows[0], { n: sent.length, d: sent.length });
      const counted = await db.query<{ n: number }>('SELECT sum(events)::integer AS n FROM rollup_activity');
      assert.equal(counted.rows[0]!.n, sent.length);
    } finally {
      await s.close();
      await db.close();
    }
  });

  it('holds with two server processes on one PostgreSQL, one SIGKILLed and PostgreSQL restarted', async function () {
    this.timeout(90_000);
    const info = JSON.parse(process.env.DX_TEST_PG ?? 'null');
    assert.ok(info, 'run through test/run.mjs, which starts PostgreSQL');
    const url = await freshPostgresUrl();
    const serverDir = path.resolve(__dirname, '..', '..');
    const ports = [freePortSync(), freePortSync()];
    const procs: (ChildProcess | undefined)[] = [];
    const start = async (i: number) => {
      // The server itself, not tsx's CLI (which would run it in a child that SIGKILL misses).
      const p = spawn(process.execPath, ['--import', 'tsx', path.join(serverDir, 'src', 'main.ts')], {
        cwd: serverDir,
        env: { ...process.env, DATABASE_URL: url, PORT: String(ports[i]), DX_PLATFORM_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'error' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      procs[i] = p;
      for (let k = 0; k < 200; k++) {
        const ok = await fetch(`http://127.0.0.1:${ports[i]}/readyz`).then((r) => r.ok, () => false);
        if (ok) return;
        if (p.exitCode !== null) throw new Error(`server ${i} exited with ${p.exitCode}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`server ${i} did not become ready`);
    };
    try {
      await Promise.all([start(0), start(1)]);
      const urls = () => ports.map((p) => `http://127.0.0.1:${p}`);
      const t = tally();
      const total = CLIENTS * BATCHES_PER_CLIENT;
      let killed = false;
      let restartedPg = false;
      const faults: Promise<void>[] = [];
      const sent = await runClients(urls, t, (done) => {
        if (!killed && done >= total / 3) {
          killed = true;
          procs[0]!.kill('SIGKILL');
          faults.push(new Promise<void>((r) => setTimeout(r, 300)).then(() => start(0)));
        }
        if (!restartedPg && done >= (2 * total) / 3) {
          restartedPg = true;
          faults.push(restartClusterAsync(info));
        }
      });
      await Promise.all(faults);
      assert.ok(killed && restartedPg);
      assert.deepEqual(t.acceptedTwice, []);
      assert.equal(t.acked.size, sent.length, 'every event was acknowledged in the end');
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const r = await c.query('SELECT count(*)::integer AS n, count(DISTINCT id)::integer AS d, count(*) FILTER (WHERE id = ANY($1::text[]))::integer AS a FROM events', [[...t.acked]]);
        assert.deepEqual(r.rows[0], { n: sent.length, d: sent.length, a: t.acked.size });
        // The daily rollups, written in the same statement, counted each stored event once too.
        const counted = await c.query('SELECT sum(events)::integer AS n FROM rollup_activity');
        assert.equal(counted.rows[0].n, sent.length);
      } finally {
        await c.end();
      }
      assert.ok(t.failures > 0, 'the faults were felt by the clients');
    } finally {
      for (const p of procs) p?.kill('SIGKILL');
    }
  });
});
