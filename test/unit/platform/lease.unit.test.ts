import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { FileLease } from '../../../src/core/platform/lease';
import { ArrayLog, FakeClock, tempDir } from './helpers';

describe('FileLease', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('lease');
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  function lease(ownerId: string, clock: FakeClock, pid = process.pid, alive = true): FileLease {
    return new FileLease({ dir, ownerId, clock, log: new ArrayLog(), ttlMs: 60_000, pid, isPidAlive: () => alive });
  }

  it('lets one window hold it at a time and renews it', async () => {
    const clock = new FakeClock();
    const a = lease('a', clock);
    const b = lease('b', clock);
    assert.equal(await a.tryAcquire(), true);
    assert.equal(await b.tryAcquire(), false);
    clock.advance(45_000);
    assert.equal(await a.tryAcquire(), true, 'renewed');
    clock.advance(45_000);
    assert.equal(await b.tryAcquire(), false, 'still valid after renewal');
    const onDisk = JSON.parse(await fs.readFile(path.join(dir, 'delivery.lease.json'), 'utf8'));
    assert.equal(onDisk.owner, 'a');
    assert.equal(onDisk.expiresAt, clock.now() - 45_000 + 60_000);
  });

  it('is taken over when it expires', async () => {
    const clock = new FakeClock();
    const a = lease('a', clock);
    const b = lease('b', clock);
    assert.equal(await a.tryAcquire(), true);
    clock.advance(60_001);
    assert.equal(await b.tryAcquire(), true);
    assert.equal(await a.tryAcquire(), false, 'the old holder notices');
  });

  it('is taken over at once when the holder process is dead', async () => {
    const clock = new FakeClock();
    const dead = new FileLease({ dir, ownerId: 'a', clock, log: new ArrayLog(), pid: 999_999 });
    assert.equal(await dead.tryAcquire(), true);
    const b = new FileLease({ dir, ownerId: 'b', clock, log: new ArrayLog(), isPidAlive: (pid) => pid !== 999_999 });
    assert.equal(await b.tryAcquire(), true);
  });

  it('is free again after release and survives a corrupt lease file', async () => {
    const clock = new FakeClock();
    const a = lease('a', clock);
    const b = lease('b', clock);
    assert.equal(await a.tryAcquire(), true);
    await a.release();
    assert.equal(await b.tryAcquire(), true);
    await fs.writeFile(path.join(dir, 'delivery.lease.json'), 'garbage');
    assert.equal(await a.tryAcquire(), true);
  });

  it('excludes another process and passes to this one when that process is killed', async function () {
    this.timeout(20_000);
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(__dirname, 'leaseChild.ts'), dir], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
      assert.equal(first, 'held');
      const me = new FileLease({ dir, ownerId: 'parent', clock: { now: () => Date.now() }, log: new ArrayLog(), ttlMs: 60_000 });
      assert.equal(await me.tryAcquire(), false);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      assert.equal(await me.tryAcquire(), true, 'a dead holder does not block until expiry');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
