import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Outbox } from '../../../src/core/outbox/outbox';
import { makeEvent } from '../../../src/core/events/kinds';
import { ctx, FakeClock, MemoryLog, step, stepIds, tempDir } from './outboxTestKit';

describe('Outbox', () => {
  const dirs: string[] = [];
  const open: Outbox[] = [];
  function setup(options: Partial<ConstructorParameters<typeof Outbox>[0]> = {}) {
    const dir = options.dir ?? tempDir('outbox');
    dirs.push(dir);
    const clock = new FakeClock();
    const log = new MemoryLog();
    const outbox = new Outbox({ dir, log, clock, ...options });
    open.push(outbox);
    return { dir, clock, log, outbox, c: ctx(clock) };
  }
  afterEach(() => {
    for (const o of open.splice(0)) o.dispose();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('returns recorded events oldest first, exactly as recorded', async () => {
    const { outbox, c } = setup();
    const evs = ['a', 'b', 'c'].map((s) => step(c, s));
    for (const e of evs) outbox.record(e);
    assert.deepEqual(await outbox.readBatch(10), evs);
  });

  it('writes the first event of a tick to disk before record() returns', () => {
    const { outbox, c, dir } = setup();
    outbox.record(step(c, 'now'));
    const text = fs.readdirSync(dir).filter((n) => n.startsWith('w-')).map((n) => fs.readFileSync(path.join(dir, n), 'utf8')).join('');
    assert.match(text, /"stepId":"now"/);
  });

  it('returns a batch again until it is acknowledged', async () => {
    const { outbox, c } = setup();
    for (const s of ['a', 'b', 'c']) outbox.record(step(c, s));
    const first = await outbox.readBatch(2);
    assert.deepEqual(stepIds(first), ['a', 'b']);
    assert.deepEqual(stepIds(await outbox.readBatch(2)), ['a', 'b']);
    await outbox.acknowledge([first[0]!.id]);
    assert.deepEqual(stepIds(await outbox.readBatch(5)), ['b', 'c']);
  });

  it('removes acknowledged events for good and keeps them in the sent history', async () => {
    const { outbox, c, clock, dir } = setup();
    for (const s of ['a', 'b']) outbox.record(step(c, s));
    const batch = await outbox.readBatch(10);
    clock.advance(1000);
    await outbox.acknowledge(batch.map((e) => e.id));
    assert.deepEqual(await outbox.readBatch(10), []);
    assert.deepEqual(outbox.listPending(), []);
    const sent = outbox.listSent(10);
    assert.deepEqual(sent.map((s) => s.event), [...batch].reverse());
    assert.equal(sent[0]!.sentAt, new Date(clock.now()).toISOString());
    assert.deepEqual(fs.readdirSync(dir).filter((n) => /^[wsca]-/.test(n)), []);
  });

  it('counts rejected events as dropped and reports the drop', async () => {
    const { dir, c } = setup();
    const outbox = new Outbox({ dir, log: new MemoryLog(), makeDroppedEvent: (count, reason) => makeEvent('outbox.dropped', { count, reason }, c) });
    open.push(outbox);
    outbox.record(step(c, 'bad'));
    outbox.record(step(c, 'good'));
    const batch = await outbox.readBatch(10);
    await outbox.reject([batch[0]!.id], 'HTTP 400 schema mismatch');
    await outbox.acknowledge([batch[1]!.id]);
    const s = outbox.stats();
    assert.equal(s.droppedCount, 1);
    assert.match(s.lastDropReason!, /HTTP 400/);
    const pending = await outbox.readBatch(10);
    assert.deepEqual(pending.map((e) => [e.kind, e.data.count]), [['outbox.dropped', 1]]);
    assert.deepEqual(outbox.listSent(10).map((r) => r.event.data.stepId), ['good']);
  });

  it('does not report a refused drop report, so a refusing server cannot loop', async () => {
    const { dir, c } = setup();
    const outbox = new Outbox({ dir, log: new MemoryLog(), makeDroppedEvent: (count, reason) => makeEvent('outbox.dropped', { count, reason }, c) });
    open.push(outbox);
    outbox.record(makeEvent('outbox.dropped', { count: 3, reason: 'x' }, c));
    const batch = await outbox.readBatch(10);
    await outbox.reject(batch.map((e) => e.id), 'HTTP 400');
    assert.deepEqual(await outbox.readBatch(10), []);
    assert.equal(outbox.stats().droppedCount, 1);
  });

  it('drops the oldest undelivered events when full, counts them and records outbox.dropped', async () => {
    const { dir, c, log } = setup();
    const drops: number[] = [];
    const outbox = new Outbox({ dir, log, maxEvents: 100, makeDroppedEvent: (count, reason) => makeEvent('outbox.dropped', { count, reason }, c) });
    open.push(outbox);
    outbox.onDidDrop((d) => drops.push(d.count));
    for (let i = 0; i < 150; i++) outbox.record(step(c, `e${i}`));
    const pending = outbox.listPending();
    assert.ok(pending.length <= 100, `pending ${pending.length}`);
    const kept = pending.filter((e) => e.kind === 'onboarding.stepCompleted').map((e) => Number(String(e.data.stepId).slice(1)));
    // what is kept is the newest, in order, ending with the last recorded
    assert.equal(kept[kept.length - 1], 149);
    for (let i = 1; i < kept.length; i++) assert.equal(kept[i], kept[i - 1]! + 1);
    const dropped = drops.reduce((a, b) => a + b, 0);
    assert.equal(dropped, kept[0]!, 'every event before the oldest kept was counted as dropped');
    assert.equal(outbox.stats().droppedCount, dropped);
    const reports = pending.filter((e) => e.kind === 'outbox.dropped');
    assert.equal(reports.reduce((a, e) => a + Number(e.data.count), 0), dropped);
    assert.ok(log.lines.some((l) => /dropped \d+ event\(s\): outbox full/.test(l)));
  });

  it('bounds bytes as well as events', () => {
    const { outbox, c } = setup({ maxBytes: 20_000 });
    for (let i = 0; i < 500; i++) outbox.record(step(c, `e${i}`));
    const s = outbox.stats();
    assert.ok(s.pendingBytes <= 20_000, `pending ${s.pendingBytes} bytes`);
    assert.ok(s.droppedCount > 0);
  });

  it('skips a torn last line with a log line and delivers the complete ones', async () => {
    const { dir, log, c } = setup();
    const good = step(c, 'whole');
    fs.writeFileSync(path.join(dir, 's-1736150000000-999999-dead-0.jsonl'), JSON.stringify(good) + '\n' + JSON.stringify(step(c, 'torn')).slice(0, 40));
    const outbox = new Outbox({ dir, log });
    open.push(outbox);
    assert.deepEqual(await outbox.readBatch(10), [good]);
    assert.ok(log.lines.some((l) => /skipped 1 unreadable line/.test(l) && /cut short/.test(l)), log.lines.join('\n'));
  });

  it('skips a garbage file without crashing, then deletes it once read', async () => {
    const { dir, log, outbox, c } = setup();
    fs.writeFileSync(path.join(dir, 's-1736150000000-999999-dead-1.jsonl'), Buffer.from([0, 255, 10, 123, 10, 34, 10]));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not ours');
    fs.writeFileSync(path.join(dir, 's-1736150000000-999999-dead-2.jsonl'), '{"id":"x"}\n[1,2]\n');
    outbox.record(step(c, 'fine'));
    assert.deepEqual(stepIds(await outbox.readBatch(10)), ['fine']);
    assert.ok(log.lines.filter((l) => /unreadable/.test(l)).length >= 2);
    assert.ok(!fs.readdirSync(dir).some((n) => n.includes('dead')));
    assert.ok(fs.existsSync(path.join(dir, 'notes.txt')));
  });

  it('claims active files whose writer process is gone, and leaves those of live writers', async () => {
    const { dir, c } = setup();
    fs.writeFileSync(path.join(dir, 'w-1736150000000-424242-aaaa-0.jsonl'), JSON.stringify(step(c, 'orphan')) + '\n');
    fs.writeFileSync(path.join(dir, 'w-1736150000000-434343-bbbb-0.jsonl'), JSON.stringify(step(c, 'alive')) + '\n');
    const outbox = new Outbox({ dir, log: new MemoryLog(), isProcessAlive: (pid) => pid === 434343 });
    open.push(outbox);
    assert.deepEqual(stepIds(await outbox.readBatch(10)), ['orphan']);
    assert.deepEqual(stepIds(outbox.listPending()).sort(), ['alive', 'orphan']);
  });

  it('never hands the same sealed file to two deliverers', async () => {
    const { dir, outbox: writer, c } = setup();
    for (let i = 0; i < 10; i++) writer.record(step(c, `e${i}`));
    writer.seal();
    const a = new Outbox({ dir, log: new MemoryLog() });
    const b = new Outbox({ dir, log: new MemoryLog() });
    open.push(a, b);
    const [ba, bb] = await Promise.all([a.readBatch(100), b.readBatch(100)]);
    assert.equal(ba.length + bb.length, 10);
    assert.ok(ba.length === 0 || bb.length === 0);
  });

  it('hands unfinished claims back on dispose, remembering what was acknowledged', async () => {
    const { dir, c } = setup();
    const a = new Outbox({ dir, log: new MemoryLog() });
    for (const s of ['a', 'b', 'c']) a.record(step(c, s));
    const batch = await a.readBatch(10);
    await a.acknowledge([batch[0]!.id]);
    a.dispose();
    const b = new Outbox({ dir, log: new MemoryLog() });
    open.push(b);
    assert.deepEqual(stepIds(await b.readBatch(10)), ['b', 'c']);
  });

  it('seals its own file once it is older than sealAfterMs', async () => {
    const { dir, outbox, clock, c } = setup({ sealAfterMs: 1000 });
    outbox.record(step(c, 'a'));
    await new Promise((r) => setImmediate(r));
    clock.advance(1500);
    outbox.record(step(c, 'b'));
    assert.equal(fs.readdirSync(dir).filter((n) => n.startsWith('s-')).length, 1);
  });

  it('counts an event recorded after dispose as dropped instead of losing it silently', () => {
    const { outbox, c, dir } = setup();
    outbox.dispose();
    outbox.record(step(c, 'late'));
    const other = new Outbox({ dir, log: new MemoryLog() });
    open.push(other);
    assert.equal(other.stats().droppedCount, 1);
  });

  it('keeps the sent history bounded', async () => {
    const { outbox, c } = setup({ maxSentBytes: 8_000 });
    for (let i = 0; i < 100; i++) outbox.record(step(c, `e${i}`));
    const batch = await outbox.readBatch(100);
    await outbox.acknowledge(batch.map((e) => e.id));
    const sent = outbox.listSent(1000);
    assert.ok(sent.length > 0 && sent.length < 100, `${sent.length}`);
    assert.equal(sent[0]!.event.data.stepId, 'e99');
  });

  it('says when the sent history it lists is not every event ever sent (#17 item 19)', async () => {
    const { outbox, c } = setup({ maxSentBytes: 8_000 });
    outbox.record(step(c, 'first'));
    await outbox.acknowledge((await outbox.readBatch(10)).map((e) => e.id));
    assert.deepEqual(outbox.sentHistory(1000), { sent: outbox.listSent(1000), complete: true });
    const few = outbox.sentHistory(0);
    assert.equal(few.complete, false);
    assert.match(few.note ?? '', /only the newest 0 sent events are shown/);
    for (let i = 0; i < 100; i++) outbox.record(step(c, `e${i}`));
    await outbox.acknowledge((await outbox.readBatch(100)).map((e) => e.id));
    const trimmed = outbox.sentHistory(1000);
    assert.equal(trimmed.complete, false);
    assert.match(trimmed.note ?? '', /older sent events were removed from this machine's history to keep it under 8 KiB/);
  });
});
