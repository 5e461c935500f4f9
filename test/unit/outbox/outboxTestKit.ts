import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Log } from '../../../src/core/common/log';
import { makeEvent, type EventContext } from '../../../src/core/events/kinds';
import type { EventEnvelope } from '../../../src/core/events/envelope';

export class MemoryLog implements Log {
  readonly lines: string[] = [];
  trace(m: string) { this.lines.push(`trace ${m}`); }
  debug(m: string) { this.lines.push(`debug ${m}`); }
  info(m: string) { this.lines.push(`info ${m}`); }
  warn(m: string) { this.lines.push(`warn ${m}`); }
  error(m: string | Error) { this.lines.push(`error ${String(m)}`); }
}

export class FakeClock {
  constructor(public t = Date.UTC(2025, 0, 6, 9, 0, 0)) {}
  now() { return this.t; }
  advance(ms: number) { this.t += ms; }
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `dxp-${prefix}-`));
}

export function ctx(clock: FakeClock): EventContext {
  return { clock, installId: 'install-1', sessionId: 'session-1', repo: { id: 'abc123', hashed: true }, extensionVersion: '0.1.0' };
}

export function step(c: EventContext, stepId: string): EventEnvelope {
  return makeEvent('onboarding.stepCompleted', { stepId, durationMs: 1 }, c);
}

export const stepIds = (events: readonly EventEnvelope[]) => events.map((e) => String(e.data.stepId));
