import * as assert from 'node:assert/strict';
import type { Log } from '../../../src/core/common/log';
import type { EventEnvelope } from '../../../src/core/events/envelope';
import { EventRecorder } from '../../../src/core/events/recorder';

const lines: string[] = [];
const log: Log = { trace: (m) => lines.push(m), debug: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(String(m)) };

function recorder(allowed: Set<string>) {
  const out: EventEnvelope[] = [];
  const r = new EventRecorder({
    clock: { now: () => Date.parse('2026-11-25T10:00:00Z') },
    log,
    mayRecord: (k) => allowed.has(k),
    context: () => ({ installId: 'install-1', sessionId: 'session-1', extensionVersion: '0.1.0', repo: { id: 'abc', hashed: true } }),
    sink: (e) => out.push(e),
  });
  return { r, out };
}

describe('EventRecorder', () => {
  it('records a valid event with its identities when sharing allows it', () => {
    const { r, out } = recorder(new Set(['stuck.detected']));
    const e = r.record('stuck.detected', { command: 'npm test', failures: 3, windowMinutes: 15 });
    assert.ok(e);
    assert.equal(out.length, 1);
    assert.equal(out[0]!.installId, 'install-1');
    assert.equal(out[0]!.time, '2026-11-25T10:00:00.000Z');
    assert.deepEqual(out[0]!.repo, { id: 'abc', hashed: true });
  });

  it('records nothing when sharing does not allow the kind', () => {
    const { r, out } = recorder(new Set());
    assert.equal(r.record('stuck.detected', { command: 'npm test', failures: 3, windowMinutes: 15 }), undefined);
    assert.equal(out.length, 0);
  });

  it('logs and drops invalid data instead of throwing', () => {
    const { r, out } = recorder(new Set(['stuck.detected']));
    lines.length = 0;
    // @ts-expect-error deliberately invalid
    assert.equal(r.record('stuck.detected', { command: 42 }), undefined);
    assert.equal(out.length, 0);
    assert.ok(lines.some((l) => l.includes('could not record stuck.detected')));
  });
});
