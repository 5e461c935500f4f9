import * as assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Outbox } from '../../../src/core/outbox/outbox';
import { MemoryLog, stepIds, tempDir } from './outboxTestKit';

const CHILD = path.resolve(__dirname, '../../fixtures/outboxChild.ts');

function spawnChild(args: string[]): ChildProcess {
  return fork(CHILD, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}
const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));
const message = (c: ChildProcess, m: string) => new Promise<void>((r) => c.on('message', (x) => x === m && r()));

async function drain(outbox: Outbox, into: string[]): Promise<void> {
  for (let i = 0; i < 10_000; i++) {
    const batch = await outbox.readBatch(200);
    if (batch.length === 0) return;
    into.push(...stepIds(batch));
    await outbox.acknowledge(batch.map((e) => e.id));
  }
}

describe('Outbox across processes', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => (dir = tempDir('outbox-proc')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('neither loses nor duplicates events when two windows write while two windows deliver', async () => {
    const ackFile = path.join(dir, '..', `${path.basename(dir)}-acks.txt`);
    const otherDeliverer = spawnChild(['deliver', dir, ackFile]);
    await message(otherDeliverer, 'ready');
    const writers = [spawnChild(['write', dir, 'A', '1500']), spawnChild(['write', dir, 'B', '1500'])];
    const outbox = new Outbox({ dir, log: new MemoryLog() });
    const mine: string[] = [];
    let writing = true;
    void Promise.all(writers.map(exited)).then(() => (writing = false));
    for (let i = 0; i < 5000 && writing; i++) {
      const batch = await outbox.readBatch(100);
      mine.push(...stepIds(batch));
      await outbox.acknowledge(batch.map((e) => e.id));
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(writers.map(exited));
    otherDeliverer.send('stop');
    await exited(otherDeliverer);
    await drain(outbox, mine);
    outbox.dispose();
    const theirs = fs.existsSync(ackFile) ? fs.readFileSync(ackFile, 'utf8').split('\n').filter(Boolean) : [];
    fs.rmSync(ackFile, { force: true });
    const all = [...mine, ...theirs];
    const expected = [...Array(1500).keys()].flatMap((i) => [`A-${i}`, `B-${i}`]);
    assert.equal(new Set(all).size, all.length, `duplicates: ${all.length - new Set(all).size}`);
    assert.deepEqual([...all].sort(), expected.sort());
    assert.ok(mine.length > 0, 'this window delivered some');
  });

  it('recovers every complete event after a writer is killed in the middle of appending', async () => {
    const child = spawnChild(['spin', dir, 'K']);
    await message(child, 'started');
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGKILL');
    await exited(child);
    // What is on disk right now is the truth: every complete line must come back, once.
    let complete = 0;
    for (const n of fs.readdirSync(dir).filter((x) => x.endsWith('.jsonl'))) {
      const text = fs.readFileSync(path.join(dir, n), 'utf8');
      complete += text.split('\n').length - 1;
    }
    assert.ok(complete > 50);
    const log = new MemoryLog();
    const outbox = new Outbox({ dir, log });
    const got: string[] = [];
    await drain(outbox, got);
    outbox.dispose();
    assert.equal(got.length, complete);
    const n = got.map((s) => Number(s.slice(2))).sort((a, b) => a - b);
    n.forEach((v, i) => assert.equal(v, i, 'events 0..n-1 with no gap'));
    assert.equal(fs.readdirSync(dir).filter((x) => x.endsWith('.jsonl') && x !== 'sent.jsonl').length, 0);
  });
});
