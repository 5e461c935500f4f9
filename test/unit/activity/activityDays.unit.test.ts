import * as assert from 'node:assert/strict';
import { ActivityDays, parseActivityState, type ActivityState } from '../../../src/core/activity/activityDays';
import type { EventEnvelope } from '../../../src/core/events/envelope';
import { makeEvent } from '../../../src/core/events/kinds';
import { FakeClock, MemoryLog } from '../outbox/outboxTestKit';

const H = 3_600_000;

/** One install: a shared store (globalState) and a recorder that can be switched off. */
function install(clock = new FakeClock()) {
  let stored: unknown;
  const sent: EventEnvelope[] = [];
  const sharing = { on: true };
  const session = () =>
    new ActivityDays({
      store: { get: () => structuredClone(stored), update: async (v: ActivityState) => void (stored = structuredClone(v)) },
      clock,
      record: (data) => {
        if (!sharing.on) return undefined;
        const e = makeEvent('activity.day', data, { clock, installId: 'i1', sessionId: 's1', extensionVersion: '0.2.0', repo: { id: 'r', hashed: true } });
        sent.push(e);
        return e;
      },
      log: new MemoryLog(),
    });
  return { clock, sent, sharing, session, stored: () => stored };
}

describe('ActivityDays', () => {
  it('sends one activity.day per repository and UTC day, however often the editor is used', async () => {
    const t = install();
    const s = t.session();
    await s.used('github.com/acme/shop');
    await s.used('github.com/acme/shop');
    t.clock.advance(5 * H);
    await s.used('github.com/acme/shop');
    await s.used('github.com/acme/api');
    assert.deepEqual(t.sent.map((e) => e.data), [{ day: '2025-01-06' }, { day: '2025-01-06' }]);
    assert.equal(t.sent[0]!.kind, 'activity.day');
  });

  it('sends again after UTC midnight, and not again after a restart the same day', async () => {
    const t = install(new FakeClock(Date.UTC(2025, 0, 6, 23, 30)));
    await t.session().used('github.com/acme/shop');
    // A restart (a new session over the same store), still before midnight.
    await t.session().used('github.com/acme/shop');
    t.clock.advance(H);
    await t.session().used('github.com/acme/shop');
    await t.session().used('github.com/acme/shop');
    assert.deepEqual(t.sent.map((e) => e.data), [{ day: '2025-01-06' }, { day: '2025-01-07' }]);
  });

  it('marks nothing while sharing is off, so the day is sent once sharing is back on', async () => {
    const t = install();
    const s = t.session();
    t.sharing.on = false;
    assert.equal(await s.used('github.com/acme/shop'), undefined);
    assert.equal(t.stored(), undefined);
    t.sharing.on = true;
    assert.ok(await s.used('github.com/acme/shop'));
    assert.equal(t.sent.length, 1);
  });

  it('two windows asking at once send the day once', async () => {
    const t = install();
    const s = t.session();
    await Promise.all([s.used('github.com/acme/shop'), s.used('github.com/acme/shop')]);
    assert.equal(t.sent.length, 1);
  });

  it('forgets repositories not used for 60 days, and reads an unreadable store as empty', async () => {
    const t = install();
    await t.session().used('old');
    t.clock.advance(61 * 24 * H);
    await t.session().used('new');
    assert.deepEqual(Object.keys((t.stored() as ActivityState).lastDay), ['new']);
    assert.deepEqual(parseActivityState({ version: 9 }), { version: 1, lastDay: {} });
    assert.deepEqual(parseActivityState('junk'), { version: 1, lastDay: {} });
  });
});
