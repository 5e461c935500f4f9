import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { Outbox } from '../../../src/core/outbox/outbox';
import { JsonCache } from '../../../src/core/platform/cache';
import { FileLease } from '../../../src/core/platform/lease';
import { ctx, FakeClock, MemoryLog, step, tempDir } from './outboxTestKit';

// Issue #16, item 9: another account on the machine could read the outbox (friction text,
// survey answers), what was sent and the platform's answers, because everything was
// written 0644 in 0755 folders. Everything is 0600 in 0700 folders now.

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;
const posix = process.platform !== 'win32';

function allUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((n) => path.join(dir, n));
}

describe('file modes of what DX Pulse keeps on disk', function () {
  if (!posix) return;
  let umask: number;
  const dirs: string[] = [];
  before(() => {
    umask = process.umask(0o022); // the usual default, under which files used to come out 0644
  });
  after(() => {
    process.umask(umask);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('writes the outbox, its acknowledgements, drops and sent.jsonl 0600 in a 0700 folder', async () => {
    const root = tempDir('modes');
    dirs.push(root);
    const dir = path.join(root, 'storage', 'outbox');
    const clock = new FakeClock();
    const outbox = new Outbox({ dir, log: new MemoryLog(), clock, maxEvents: 10 });
    const c = ctx(clock);
    for (let i = 0; i < 30; i++) outbox.record(step(c, `s${i}`)); // past maxEvents: drops are recorded too
    outbox.flush();
    const batch = await outbox.readBatch(3);
    await outbox.acknowledge(batch.slice(0, 2).map((e) => e.id));
    outbox.seal();
    outbox.dispose();
    const names = fs.readdirSync(dir);
    assert.ok(names.includes('sent.jsonl') && names.includes('drops.jsonl'), names.join(', '));
    assert.equal(modeOf(dir), 0o700);
    assert.equal(modeOf(path.join(root, 'storage')), 0o700, 'a folder it creates on the way is private too');
    for (const f of allUnder(dir)) assert.equal(modeOf(f), fs.statSync(f).isDirectory() ? 0o700 : 0o600, f);
  });

  it('tightens an outbox folder and files an older version left readable', () => {
    const root = tempDir('modes-old');
    dirs.push(root);
    fs.mkdirSync(root, { recursive: true, mode: 0o755 });
    fs.chmodSync(root, 0o755);
    fs.writeFileSync(path.join(root, 'sent.jsonl'), '', { mode: 0o644 });
    fs.chmodSync(path.join(root, 'sent.jsonl'), 0o644);
    new Outbox({ dir: root, log: new MemoryLog(), clock: new FakeClock() }).dispose();
    assert.equal(modeOf(root), 0o700);
    assert.equal(modeOf(path.join(root, 'sent.jsonl')), 0o600);
  });

  it('writes the platform response cache and the delivery lease 0600 in 0700 folders', async () => {
    const root = tempDir('modes-cache');
    dirs.push(root);
    const cacheDir = path.join(root, 'cache');
    const cache = new JsonCache(cacheDir, 'https://x.test/', new MemoryLog());
    await cache.write('config:abc', { data: { a: 1 }, fetchedAt: 1, url: 'https://x.test/' });
    const lease = new FileLease({ dir: root, ownerId: 'w1', clock: new FakeClock(), log: new MemoryLog() });
    assert.equal(await lease.tryAcquire(), true);
    assert.equal(modeOf(cacheDir), 0o700);
    for (const f of allUnder(root)) assert.equal(modeOf(f), fs.statSync(f).isDirectory() ? 0o700 : 0o600, f);
    // the cache reads back what it wrote
    assert.deepEqual((await cache.read('config:abc', z.object({ a: z.number() })))?.data, { a: 1 });
    await lease.release();
  });
});
