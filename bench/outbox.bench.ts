import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Log } from '../src/core/common/log';
import { makeEvent, type EventContext } from '../src/core/events/kinds';
import type { EventEnvelope } from '../src/core/events/envelope';
import { Outbox } from '../src/core/outbox/outbox';
import { median, type BenchResult } from './types';

const quiet: Log = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
const N = 100_000;
const ROUNDS = 3;

function events(n: number): EventEnvelope[] {
  const ctx: EventContext = {
    clock: { now: () => Date.now() }, installId: '0d6c2a4e-8b1f-4c3d-a2e5-7f9b1c3d5e70', sessionId: 'c5e2a9f1-3d4b-4e6a-8c7d-1b2a3f4e5d60',
    repo: { id: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', hashed: true }, extensionVersion: '0.1.0',
  };
  return Array.from({ length: n }, (_, i) => makeEvent('task.ended', { exitCode: i % 3, name: 'build', group: 'build', source: 'Workspace', durationMs: i, category: 'build' }, ctx));
}

/** Milliseconds to record all events in one burst (one tick), flush included. */
function timeOutbox(dir: string, evs: readonly EventEnvelope[]): number {
  const outbox = new Outbox({ dir, log: quiet, maxBytes: 1 << 30, maxEvents: 10_000_000, sealAfterMs: 3_600_000 });
  const t = process.hrtime.bigint();
  for (const e of evs) outbox.record(e);
  outbox.flush();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  outbox.dispose();
  return ms;
}

/** Microseconds per event when every event is recorded in a tick of its own (each written before record() returns). */
async function timeIsolated(dir: string, evs: readonly EventEnvelope[]): Promise<number> {
  const outbox = new Outbox({ dir, log: quiet, maxBytes: 1 << 30, maxEvents: 10_000_000, sealAfterMs: 3_600_000 });
  let total = 0n;
  for (const e of evs) {
    const t = process.hrtime.bigint();
    outbox.record(e);
    total += process.hrtime.bigint() - t;
    await new Promise<void>((r) => queueMicrotask(r));
  }
  outbox.dispose();
  return Number(total) / 1e3 / evs.length;
}

/** Milliseconds for a plain O_APPEND write of the same bytes, one write per event. */
function timeRaw(file: string, lines: readonly string[]): number {
  const fd = fs.openSync(file, 'a');
  const t = process.hrtime.bigint();
  for (const l of lines) fs.writeSync(fd, l);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  fs.closeSync(fd);
  return ms;
}

export async function run(): Promise<BenchResult[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dxp-bench-outbox-'));
  try {
    const evs = events(N);
    const lines = evs.map((e) => JSON.stringify(e) + '\n');
    const outboxMs: number[] = [];
    const rawMs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      outboxMs.push(timeOutbox(path.join(root, `o${r}`), evs));
      rawMs.push(timeRaw(path.join(root, `raw${r}.jsonl`), lines));
    }
    const isolated = await timeIsolated(path.join(root, 'iso'), evs.slice(0, 20_000));
    return [
      { name: 'record_us_per_event', value: round((median(outboxMs) * 1000) / N), unit: 'us' },
      { name: 'record_us_per_event_isolated', value: round(isolated), unit: 'us' },
      { name: 'outbox_append_ratio', value: round(median(outboxMs) / median(rawMs)), unit: 'x' },
    ];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const round = (v: number) => Math.round(v * 1000) / 1000;
