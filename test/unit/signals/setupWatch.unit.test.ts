import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { setupWatch } from '../../../src/core/signals/setupWatch';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 12);
const line = (sec: number, msg: string) => `0000000000000000000000000000000000000000 1111111111111111111111111111111111111111 Dev <dev@example.com> ${sec} +0100\t${msg}`;

describe('setupWatch', () => {
  it('times a clone opened the next day from the clone', () => {
    const cloned = NOW - 1.5 * DAY;
    assert.deepEqual(setupWatch(line(cloned / 1000, 'clone: from git@github.com:acme/shop.git'), undefined, NOW), { measurable: true, since: cloned });
  });

  it('uses the reflog file\'s creation time when the reflog time is backdated', () => {
    const created = NOW - 3_600_000;
    const r = setupWatch(line(Date.UTC(2020, 0, 1) / 1000, 'clone: from https://h/o/r'), created, NOW);
    assert.deepEqual(r, { measurable: true, since: created });
  });

  it('says why there is no setup time: not cloned, cloned long ago, no history', () => {
    assert.match((setupWatch(line(NOW / 1000, 'commit (initial): first'), undefined, NOW) as { reason: string }).reason, /created here \(git init\), not cloned/);
    assert.match((setupWatch(line((NOW - 30 * DAY) / 1000, 'clone: from x'), NOW - 30 * DAY, NOW) as { reason: string }).reason, /cloned 30 days before DX Pulse first saw it/);
    assert.match((setupWatch(undefined, undefined, NOW) as { reason: string }).reason, /not a git repository/);
    assert.equal(setupWatch('garbage', undefined, NOW).measurable, false);
  });

  it('never throws on a hostile reflog line (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 500 }), fc.option(fc.double()), (l, created) => {
      const r = setupWatch(l, created ?? undefined, NOW);
      if (r.measurable) assert.ok(r.since <= NOW);
    }));
  });
});
