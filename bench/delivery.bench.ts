import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { BenchResult } from './types';
import { AxiosTransport } from '../src/host/http';
import { PlatformClient } from '../src/core/platform/client';
import { DeliveryLoop } from '../src/core/platform/delivery';
import { PlatformSink } from '../src/core/platform/sink';
import type { Log } from '../src/core/common/log';
import { MemoryOutbox, makeEvents } from '../test/unit/platform/helpers';

// The fixture server runs in its own process so its memory (it keeps every event)
// and its validation work are not counted as the client's.
async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const fixture = path.join(__dirname, '..', 'test', 'fixtures', 'platformServer.ts');
  const code = `require(${JSON.stringify(fixture)}).PlatformServer.start().then(s => process.stdout.write(s.url + '\\n'))`;
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (c) => reject(new Error(`fixture server exited with ${c}`)));
  });
  return { url, child };
}

const quiet: Log = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

async function deliverAll(url: string, outbox: MemoryOutbox, batchSize: number, onBatch?: () => void): Promise<number> {
  const count = outbox.pending.size;
  const clock = { now: () => Date.now() };
  const client = new PlatformClient({ baseUrl: url, getToken: async () => 'test-token', transport: new AxiosTransport(), log: quiet, clock });
  const sink = new PlatformSink(client);
  const counting = onBatch ? { name: sink.name, send: (e: Parameters<typeof sink.send>[0], s: AbortSignal) => (onBatch(), sink.send(e, s)) } : sink;
  const loop = new DeliveryLoop({ outbox, sink: counting, log: quiet, clock, isAllowed: () => true, batchSize, maxEventsPerCycle: count + 1 });
  const t0 = performance.now();
  const r = await loop.drainOnce();
  const ms = performance.now() - t0;
  loop.dispose();
  if (r.stoppedBy !== 'empty' || outbox.pending.size !== 0) throw new Error(`delivery stopped early: ${r.stoppedBy}`);
  return ms;
}

export async function run(): Promise<BenchResult[]> {
  const { url, child } = await startServer();
  try {
    await deliverAll(url, new MemoryOutbox(makeEvents(2_000, 'warm')), 1000); // JIT, sockets
    const n = 50_000;
    const ms = await deliverAll(url, new MemoryOutbox(makeEvents(n, 'bench')), 1000);

    // The queue itself lives on disk in the product; build it before measuring so the
    // figure is what delivering costs, not what holding 100k objects in memory costs.
    const big = new MemoryOutbox(makeEvents(100_000, 'rss'));
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    await deliverAll(url, big, 1000, () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    });
    peak = Math.max(peak, process.memoryUsage().rss);
    return [
      { name: 'delivery_events_per_s', value: Math.round(n / (ms / 1000)), unit: 'events/s' },
      // Peak RSS growth over the process once the 100k events were queued.
      { name: 'delivery_rss_mb', value: Math.round(((peak - base) / 1024 / 1024) * 10) / 10, unit: 'MB' },
    ];
  } finally {
    child.kill();
  }
}
