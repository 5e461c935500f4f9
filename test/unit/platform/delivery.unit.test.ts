import * as assert from 'node:assert/strict';
import { AxiosTransport } from '../../../src/host/http';
import { PlatformClient } from '../../../src/core/platform/client';
import { DeliveryLoop, type DeliveryHealth, type DeliveryOptions } from '../../../src/core/platform/delivery';
import { PlatformSink } from '../../../src/core/platform/sink';
import { PlatformServer } from '../../fixtures/platformServer';
import { ArrayLog, FakeClock, MemoryOutbox, makeEvents } from './helpers';

describe('DeliveryLoop', () => {
  let server: PlatformServer;
  const transport = new AxiosTransport();
  const loops: DeliveryLoop[] = [];

  before(async () => {
    server = await PlatformServer.start();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.token = 'test-token';
    server.faults.length = 0;
    server.faultFor = undefined;
    server.badIds.clear();
    server.nameBadEvents = true;
    server.stored.clear();
    server.arrivals.clear();
    server.requests.length = 0;
  });
  afterEach(() => {
    for (const l of loops.splice(0)) l.dispose();
  });

  function setup(events: number, opts: Partial<DeliveryOptions> & { timeoutMs?: number } = {}) {
    const clock = new FakeClock();
    const log = new ArrayLog();
    const outbox = new MemoryOutbox(makeEvents(events));
    const client = new PlatformClient({ baseUrl: server.url, getToken: async () => 'test-token', transport, log, clock, timeoutMs: opts.timeoutMs ?? 2000 });
    const healths: DeliveryHealth[] = [];
    const loop = new DeliveryLoop({ outbox, sink: new PlatformSink(client), log, clock, isAllowed: () => true, random: () => 0.5, offlineAfterMs: 0, batchSize: 10, ...opts });
    loops.push(loop);
    loop.onDidChangeHealth((h) => healths.push(h));
    return { clock, log, outbox, loop, healths };
  }

  it('delivers in batches and removes events only after the acknowledgement', async () => {
    const { outbox, loop } = setup(25);
    const r = await loop.drainOnce();
    assert.deepEqual(r, { delivered: 25, dropped: 0, stoppedBy: 'empty' });
    assert.equal(outbox.pending.size, 0);
    assert.equal(server.stored.size, 25);
    assert.deepEqual(server.requests.map((q) => q.eventIds.length), [10, 10, 5]);
  });

  it('sends each anonymous answer in a request of its own, never beside identified events (security)', async () => {
    const { outbox, loop } = setup(0);
    const identified = makeEvents(4, 'id');
    const anon = makeEvents(3, 'anon').map(({ installId: _i, sessionId: _s, repo: _r, ...e }) => ({ ...e, kind: 'survey.answered', data: { surveyId: 's', anonymous: true, answers: [] } }));
    for (const e of [identified[0]!, anon[0]!, identified[1]!, anon[1]!, anon[2]!, identified[2]!, identified[3]!]) outbox.pending.set(e.id, e);
    assert.deepEqual(await loop.drainOnce(), { delivered: 7, dropped: 0, stoppedBy: 'empty' });
    const anonIds = new Set(anon.map((e) => e.id));
    for (const q of server.requests) {
      if (q.eventIds.some((id) => anonIds.has(id))) assert.equal(q.eventIds.length, 1, `an anonymous answer shared a request: ${q.eventIds.join(', ')}`);
    }
    assert.equal(server.requests.length, 4);
    assert.equal(server.stored.size, 7);
  });

  it('never sends events that sharing no longer allows, and removes them without alarming anyone', async () => {
    // Sharing was narrowed after five of the six events were queued: ids ev-000000..4.
    const narrowed = (id: string) => /^ev-00000[0-4]-/.test(id);
    const { outbox, loop } = setup(6, { maySend: (e) => !narrowed(e.id) });
    const blocked = [...outbox.pending.keys()].filter(narrowed);
    assert.equal(blocked.length, 5);
    assert.deepEqual(await loop.drainOnce(), { delivered: 1, dropped: 5, stoppedBy: 'empty' });
    assert.equal(server.stored.size, 1);
    for (const id of blocked) {
      assert.ok(!server.stored.has(id), 'a blocked event never reaches the server');
      assert.match(outbox.rejected.get(id) ?? '', /sharing was narrowed/);
    }
    assert.equal(loop.health.state, 'healthy');
  });

  it('keeps events queued and backs off exponentially with full jitter on 500', async () => {
    const { outbox, loop, clock, healths } = setup(5, { backoffBaseMs: 1000 });
    server.faults.push({ kind: 'status', status: 500 }, { kind: 'status', status: 503 });
    assert.equal((await loop.drainOnce()).stoppedBy, 'retry');
    assert.equal(outbox.pending.size, 5);
    assert.equal(loop.health.state, 'offline');
    assert.equal((await loop.drainOnce()).stoppedBy, 'waiting');
    clock.advance(500); // 0.5 * 1000
    assert.equal((await loop.drainOnce()).stoppedBy, 'retry');
    clock.advance(999); // 0.5 * 2000 = 1000
    assert.equal((await loop.drainOnce()).stoppedBy, 'waiting');
    clock.advance(1);
    assert.equal((await loop.drainOnce()).stoppedBy, 'empty');
    assert.equal(outbox.pending.size, 0);
    assert.equal(healths[0]?.state, 'offline');
    assert.equal(healths.at(-1)?.state, 'healthy');
  });

  it('honours 429 Retry-After in seconds and as an HTTP-date', async () => {
    const { loop, clock } = setup(3);
    server.faults.push({ kind: 'status', status: 429, retryAfter: '7' });
    await loop.drainOnce();
    clock.advance(6999);
    assert.equal((await loop.drainOnce()).stoppedBy, 'waiting');
    clock.advance(1);
    server.faults.push({ kind: 'status', status: 429, retryAfter: new Date(clock.now() + 120_000).toUTCString() });
    assert.equal((await loop.drainOnce()).stoppedBy, 'retry');
    clock.advance(119_000);
    assert.equal((await loop.drainOnce()).stoppedBy, 'waiting');
    clock.advance(1000);
    assert.equal((await loop.drainOnce()).stoppedBy, 'empty');
  });

  it('retries after timeouts and connection resets, and the server de-duplicates resends', async () => {
    const { outbox, loop, clock } = setup(10, { timeoutMs: 150 });
    server.faults.push({ kind: 'hang' }, { kind: 'reset' }, { kind: 'storeThenReset' }, { kind: 'slowBody', chunks: 3, chunkDelayMs: 10 });
    for (let i = 0; i < 3; i++) {
      assert.equal((await loop.drainOnce()).stoppedBy, 'retry');
      clock.advance(10 * 60_000);
    }
    assert.equal((await loop.drainOnce()).stoppedBy, 'empty');
    assert.equal(outbox.pending.size, 0);
    assert.equal(server.stored.size, 10);
    assert.ok([...server.arrivals.values()].every((n) => n === 2), 'stored once, sent twice');
  });

  for (const named of [true, false]) {
    it(`isolates one bad event by splitting a 400 batch (server ${named ? 'names' : 'does not name'} it)`, async () => {
      const { outbox, loop, log, healths } = setup(10);
      const bad = [...outbox.pending.keys()][6]!;
      server.badIds.add(bad);
      server.nameBadEvents = named;
      const r = await loop.drainOnce();
      assert.deepEqual(r, { delivered: 9, dropped: 1, stoppedBy: 'empty' });
      assert.equal(server.stored.size, 9);
      assert.ok(!server.stored.has(bad));
      assert.match(outbox.rejected.get(bad) ?? '', /poisoned|400/);
      assert.ok(log.lines.some((l) => l.includes('dropped 1 event') && l.includes(bad)));
      assert.deepEqual(healths.at(-1), { state: 'dropping', count: 1, lastReason: outbox.rejected.get(bad) });
      loop.acknowledgeDrops();
      assert.equal(loop.health.state, 'healthy');
    });
  }

  it('stops on 401 until credentials change', async () => {
    const { outbox, loop } = setup(3);
    const saved = server.token;
    server.token = 'rotated-on-the-server';
    assert.equal((await loop.drainOnce()).stoppedBy, 'authFailed');
    assert.equal(loop.health.state, 'authFailed');
    const before = server.requests.length;
    assert.equal((await loop.drainOnce()).stoppedBy, 'authFailed');
    assert.equal(server.requests.length, before, 'nothing sent while auth failed');
    server.token = saved; // the user signs in again with the right token
    loop.credentialsChanged();
    assert.equal((await loop.drainOnce()).stoppedBy, 'empty');
    assert.equal(outbox.pending.size, 0);
  });

  it('sends nothing while the telemetry gate is closed and resumes when it opens', async () => {
    let allowed = false;
    const { outbox, loop } = setup(5, { isAllowed: () => allowed });
    assert.equal((await loop.drainOnce()).stoppedBy, 'notAllowed');
    assert.equal(server.requests.length, 0);
    allowed = true;
    assert.equal((await loop.drainOnce()).stoppedBy, 'empty');
    assert.equal(outbox.pending.size, 0);
  });

  it('cancels the request in flight the moment telemetry is turned off', async () => {
    let allowed = true;
    const { outbox, loop } = setup(5, { isAllowed: () => allowed });
    server.faults.push({ kind: 'hang' });
    const pending = loop.drainOnce();
    await server.waitForRequests(1);
    allowed = false;
    loop.allowedChanged();
    assert.equal((await pending).stoppedBy, 'aborted');
    assert.equal(outbox.pending.size, 5);
    assert.equal(loop.health.state, 'healthy', 'our own cancel is not an outage');
  });

  it('flushes within the time bound even when the server hangs', async () => {
    const { outbox, loop } = setup(5);
    server.faults.push({ kind: 'hang' });
    const started = Date.now();
    const r = await loop.flush(200);
    assert.equal(r.stoppedBy, 'aborted');
    assert.ok(Date.now() - started < 2000);
    assert.equal(outbox.pending.size, 5);
  });

  it('splits a batch that is over the byte limit before sending', async () => {
    const { outbox, loop } = setup(8, { maxBatchBytes: 2000 });
    const r = await loop.drainOnce();
    assert.equal(r.delivered, 8);
    assert.equal(outbox.pending.size, 0);
    assert.ok(server.requests.every((q) => q.eventIds.length <= 4));
  });

  it('delivers 10,000 events through a long run of faults: each id stored once, outbox empty', async function () {
    this.timeout(60_000);
    const outbox = new MemoryOutbox(makeEvents(10_000, 'bulk'));
    const poisoned = [...outbox.pending.keys()].filter((_, i) => i % 3333 === 1234);
    for (const id of poisoned) server.badIds.add(id);
    // A deterministic schedule mixing every failure mode, about one request in two failing.
    server.faultFor = (n) => {
      switch (n % 12) {
        case 1: return { kind: 'status', status: 500 };
        case 3: return { kind: 'reset' };
        case 5: return { kind: 'status', status: 429, retryAfter: '1' };
        case 7: return { kind: 'storeThenReset' };
        case 9: return { kind: 'hang' };
        case 10: return { kind: 'status', status: 503 };
        case 11: return { kind: 'slowBody', chunks: 2, chunkDelayMs: 5 };
        default: return undefined;
      }
    };
    const log = new ArrayLog();
    const clock = { now: () => Date.now() };
    const client = new PlatformClient({ baseUrl: server.url, getToken: async () => server.token, transport, log, clock, timeoutMs: 100 });
    const loop = new DeliveryLoop({
      outbox, sink: new PlatformSink(client), log, clock, isAllowed: () => true,
      batchSize: 100, intervalMs: 5, backoffBaseMs: 2, backoffMaxMs: 20, maxRetryAfterMs: 10, // scaled-down time
    });
    loops.push(loop);
    loop.start();
    for (let i = 0; i < 5000 && outbox.pending.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(outbox.pending.size, 0, 'outbox ends empty');
    assert.equal(server.stored.size, 10_000 - poisoned.length);
    assert.deepEqual([...outbox.rejected.keys()].sort(), poisoned.sort());
    assert.equal(outbox.acknowledged, 10_000 - poisoned.length);
    assert.ok([...server.arrivals.values()].some((n) => n > 1), 'the schedule did cause resends');
    assert.equal(loop.droppedTotal, poisoned.length);
  });
});
