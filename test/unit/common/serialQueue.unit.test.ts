import * as assert from 'node:assert/strict';
import { SerialQueue } from '../../../src/core/common/serialQueue';
import { MemoryLog } from '../outbox/outboxTestKit';

describe('SerialQueue', () => {
  it('runs work one at a time in order, and a failure is logged without stopping what follows', async () => {
    const log = new MemoryLog();
    const q = new SerialQueue(log);
    const order: string[] = [];
    let running = 0;
    const job = (name: string, fail = false) => async () => {
      assert.equal(running++, 0, 'never two at once');
      await new Promise((r) => setImmediate(r));
      order.push(name);
      running--;
      if (fail) throw new Error(`${name} broke`);
    };
    void q.enqueue('a', job('a'));
    void q.enqueue('loading b', job('b', true));
    const last = q.enqueue('c', job('c'));
    await last;
    await q.whenIdle();
    assert.deepEqual(order, ['a', 'b', 'c']);
    assert.deepEqual(log.lines, ['error loading b failed: b broke']);
  });
});
