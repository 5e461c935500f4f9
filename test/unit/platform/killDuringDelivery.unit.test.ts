import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { PlatformServer } from '../../fixtures/platformServer';
import { FileOutbox, makeEvents, tempDir } from './helpers';

function startChild(dir: string, url: string): ChildProcess {
  return spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(__dirname, 'deliverChild.ts'), dir, url], { stdio: 'ignore' });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });
}

describe('DeliveryLoop in a process killed mid-request', () => {
  let server: PlatformServer;
  let dir: string;
  const children: ChildProcess[] = [];

  before(async () => {
    server = await PlatformServer.start();
    dir = await tempDir('kill');
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('loses nothing when SIGKILLed before and after the server stored a batch', async function () {
    this.timeout(30_000);
    const events = makeEvents(40, 'kill');
    const outbox = await FileOutbox.create(dir, events);

    // 1: killed while the server holds the third request without storing it.
    server.faultFor = (n) => (n === 3 ? { kind: 'hang' } : undefined);
    let child = startChild(dir, server.url);
    children.push(child);
    await server.waitForRequests(3);
    child.kill('SIGKILL');
    await exited(child);
    const afterFirst = (await outbox.remaining()).length;
    assert.ok(afterFirst > 0 && afterFirst < 40, `some events still queued (${afterFirst})`);

    // 2: killed after the server stored a batch but before it answered.
    const next = server.requests.length + 2;
    server.faultFor = (n) => (n === next ? { kind: 'storeThenHang' } : undefined);
    child = startChild(dir, server.url);
    children.push(child);
    await server.waitForRequests(next);
    child.kill('SIGKILL');
    await exited(child);

    // 3: a clean run finishes the job.
    server.faultFor = undefined;
    child = startChild(dir, server.url);
    children.push(child);
    assert.equal(await exited(child), 0);

    assert.deepEqual(await outbox.remaining(), []);
    assert.deepEqual([...server.stored.keys()].sort(), events.map((e) => e.id).sort());
    assert.ok([...server.arrivals.values()].some((n) => n === 2), 'the stored-but-unanswered batch was resent and de-duplicated');
  });
});
