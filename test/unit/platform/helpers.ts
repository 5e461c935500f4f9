import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../src/core/common/clock';
import type { Log } from '../../../src/core/common/log';
import type { EventEnvelope } from '../../../src/core/events/envelope';
import type { OutboxSource } from '../../../src/core/outbox/types';

// Test helpers for the platform suite (not a test file: mocha only runs *.unit.test.ts).

export function makeEvents(n: number, prefix = 'ev'): EventEnvelope[] {
  const out: EventEnvelope[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      id: `${prefix}-${String(i).padStart(6, '0')}-${randomUUID().slice(0, 8)}`,
      kind: 'task.ended',
      schemaVersion: 1,
      time: new Date(Date.UTC(2025, 0, 1, 0, 0, i % 60)).toISOString(),
      installId: 'install-1',
      sessionId: 'session-1',
      repo: { id: 'a'.repeat(64), hashed: true },
      extensionVersion: '0.1.0',
      data: { task: 'build', exitCode: i % 3, durationMs: 1234 },
    });
  }
  return out;
}

/** The OutboxSource contract in memory. */
export class MemoryOutbox implements OutboxSource {
  readonly pending = new Map<string, EventEnvelope>();
  readonly rejected = new Map<string, string>();
  acknowledged = 0;

  constructor(events: readonly EventEnvelope[] = []) {
    for (const e of events) this.pending.set(e.id, e);
  }

  async readBatch(max: number): Promise<EventEnvelope[]> {
    const out: EventEnvelope[] = [];
    for (const e of this.pending.values()) {
      if (out.length >= max) break;
      out.push(e);
    }
    return out;
  }

  async acknowledge(ids: readonly string[]): Promise<void> {
    for (const id of ids) if (this.pending.delete(id)) this.acknowledged++;
  }

  async reject(ids: readonly string[], reason: string): Promise<void> {
    for (const id of ids) {
      this.pending.delete(id);
      this.rejected.set(id, reason);
    }
  }
}

/**
 * A crash-safe OutboxSource for the kill test: events in events.jsonl, every
 * acknowledged or rejected id appended to done.log before the call returns.
 */
export class FileOutbox implements OutboxSource {
  constructor(private readonly dir: string) {}

  static async create(dir: string, events: readonly EventEnvelope[]): Promise<FileOutbox> {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'events.jsonl'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    await fs.writeFile(path.join(dir, 'done.log'), '');
    return new FileOutbox(dir);
  }

  async remaining(): Promise<EventEnvelope[]> {
    const events = (await fs.readFile(path.join(this.dir, 'events.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as EventEnvelope);
    const done = new Set((await fs.readFile(path.join(this.dir, 'done.log'), 'utf8')).split('\n').filter(Boolean));
    return events.filter((e) => !done.has(e.id));
  }

  async readBatch(max: number): Promise<EventEnvelope[]> {
    return (await this.remaining()).slice(0, max);
  }

  async acknowledge(ids: readonly string[]): Promise<void> {
    await this.append(ids);
  }

  async reject(ids: readonly string[]): Promise<void> {
    await this.append(ids);
  }

  private async append(ids: readonly string[]): Promise<void> {
    const fh = await fs.open(path.join(this.dir, 'done.log'), 'a');
    try {
      await fh.appendFile(ids.map((id) => id + '\n').join(''));
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
}

export class FakeClock implements Clock {
  constructor(public t = Date.UTC(2025, 0, 1)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export class ArrayLog implements Log {
  readonly lines: string[] = [];
  trace(m: string): void {
    this.lines.push(`trace ${m}`);
  }
  debug(m: string): void {
    this.lines.push(`debug ${m}`);
  }
  info(m: string): void {
    this.lines.push(`info ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn ${m}`);
  }
  error(m: string | Error): void {
    this.lines.push(`error ${typeof m === 'string' ? m : m.message}`);
  }
}

export async function tempDir(name: string): Promise<string> {
  const os = await import('node:os');
  return fs.mkdtemp(path.join(os.tmpdir(), `dxpulse-${name}-`));
}
