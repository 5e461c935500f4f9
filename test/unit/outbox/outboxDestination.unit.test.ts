import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Outbox } from '../../../src/core/outbox/outbox';
import { DropLedger } from '../../../src/core/outbox/outboxLedgers';
import { destinationKey } from '../../../src/core/platform/destination';
import { ctx, FakeClock, MemoryLog, step, stepIds, tempDir } from './outboxTestKit';

describe('Outbox destinations and delays (security)', () => {
  const dirs: string[] = [];
  const open: Outbox[] = [];
  function setup(dest: { value: string }, dir = tempDir('outbox-dest'), clock = new FakeClock()) {
    dirs.push(dir);
    const outbox = new Outbox({ dir, log: new MemoryLog(), clock, destination: () => dest.value });
    open.push(outbox);
    return { dir, clock, outbox, c: ctx(clock) };
  }
  afterEach(() => {
    for (const o of open.splice(0)) o.dispose();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('never sends events recorded for one destination to another, and counts them as dropped', async () => {
    const dest = { value: destinationKey({ url: 'https://dx.example.com' }) };
    const { outbox, c } = setup(dest);
    outbox.record(step(c, 'for-the-platform'));
    // A window (or the user) adds an OTLP sink: the queued event must not go there.
    dest.value = destinationKey({ url: 'https://dx.example.com', otlpEndpoint: 'https://collector.attacker.example' });
    outbox.record(step(c, 'for-both'));
    assert.deepEqual(stepIds(await outbox.readBatch(10)), ['for-both']);
    assert.equal(outbox.stats().droppedCount, 1);
    assert.match(outbox.stats().lastDropReason ?? '', /another destination/);
  });

  it('applies the destination of the window that delivers to events every window wrote', async () => {
    const dir = tempDir('outbox-dest-shared');
    const a = { value: destinationKey({ url: 'https://dx.example.com' }) };
    const b = { value: destinationKey({ url: 'https://other.example.com' }) };
    const writer = setup(b, dir);
    writer.outbox.record(step(writer.c, 'other-window'));
    writer.outbox.seal();
    const deliverer = setup(a, dir);
    deliverer.outbox.record(step(deliverer.c, 'own'));
    assert.deepEqual(stepIds(await deliverer.outbox.readBatch(10)), ['own']);
  });

  it('keeps events recorded with no destination away from the first one configured', async () => {
    const dest = { value: destinationKey({}) };
    assert.equal(dest.value, 'none');
    const { outbox, c } = setup(dest);
    outbox.record(step(c, 'before'));
    dest.value = destinationKey({ url: 'https://dx.example.com/' });
    outbox.record(step(c, 'after'));
    assert.deepEqual(stepIds(await outbox.readBatch(10)), ['after']);
  });

  it('treats the same URL written differently as one destination', () => {
    assert.equal(destinationKey({ url: 'https://DX.example.com/dx/' }), destinationKey({ url: 'https://dx.example.com/dx' }));
    assert.notEqual(destinationKey({ url: 'https://dx.example.com/dx' }), destinationKey({ url: 'https://dx.example.com/dx-evil' }));
  });

  it('delivers lines from before destinations were stamped to the current one', async () => {
    const dest = { value: destinationKey({ url: 'https://dx.example.com' }) };
    const { outbox, c, dir, clock } = setup(dest);
    const legacy = step(c, 'legacy');
    fs.writeFileSync(path.join(dir, `s-${String(clock.now()).padStart(13, '0')}-1-abc-0.jsonl`), JSON.stringify(legacy) + '\n');
    assert.deepEqual(stepIds(await outbox.readBatch(10)), ['legacy']);
  });

  it('holds an event back until its notBefore time, then sends it exactly as recorded (no meta)', async () => {
    const dest = { value: 'none' };
    const { outbox, c, clock } = setup(dest);
    const held = step(c, 'held');
    outbox.record(held, { notBefore: clock.now() + 60_000 });
    outbox.record(step(c, 'now'));
    assert.deepEqual(stepIds(await outbox.readBatch(10)), ['now']);
    clock.advance(60_000);
    const batch = await outbox.readBatch(10);
    assert.deepEqual(stepIds(batch), ['held', 'now'], 'oldest first once due');
    assert.deepEqual(batch[0], held);
    assert.equal(JSON.stringify(batch[0]).includes('$outbox'), false);
    assert.equal(outbox.listPending().length, 2, 'held events are listed in Show Collected Data');
  });
});

describe('Outbox sealing and discarding', () => {
  const dirs: string[] = [];
  const open: Outbox[] = [];
  afterEach(() => {
    for (const o of open.splice(0)) o.dispose();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  function make(options: Partial<ConstructorParameters<typeof Outbox>[0]> = {}) {
    const dir = tempDir('outbox-seal');
    dirs.push(dir);
    const outbox = new Outbox({ dir, log: new MemoryLog(), ...options });
    open.push(outbox);
    return { dir, outbox };
  }

  it('seals its file on time even when nothing more is recorded, so another window can deliver it', async () => {
    const { dir, outbox } = make({ sealAfterMs: 50 });
    outbox.record(step(ctx(new FakeClock()), 'last'));
    assert.ok(fs.readdirSync(dir).some((n) => n.startsWith('w-')));
    await new Promise((r) => setTimeout(r, 300));
    const names = fs.readdirSync(dir);
    assert.ok(names.some((n) => n.startsWith('s-')), names.join(', '));
    assert.ok(!names.some((n) => n.startsWith('w-')), names.join(', '));
  });

  it('discards every unsent event it can claim when sharing is turned off, and counts them', async () => {
    const clock = new FakeClock();
    const { outbox } = make({ clock });
    for (const s of ['a', 'b', 'c']) outbox.record(step(ctx(clock), s));
    assert.equal(outbox.discardPending('sharing was turned off'), 3);
    assert.deepEqual(await outbox.readBatch(10), []);
    assert.equal(outbox.listPending().length, 0);
    assert.equal(outbox.stats().droppedCount, 3);
    assert.equal(outbox.discardPending('again'), 0);
  });
});

describe('DropLedger', () => {
  it('compacts drops.jsonl into one line past its size, keeping the total and the last reason', () => {
    const dir = tempDir('drops');
    try {
      const ledger = new DropLedger(dir, 2048);
      for (let i = 0; i < 200; i++) ledger.add(new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), 2, `reason ${i}`);
      const text = fs.readFileSync(path.join(dir, 'drops.jsonl'), 'utf8');
      assert.ok(text.length <= 2048 + 200, `${text.length} bytes`);
      assert.deepEqual(ledger.summary(), { count: 400, lastReason: 'reason 199', lastTime: '2026-01-01T00:03:19.000Z' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
