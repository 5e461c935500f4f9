import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ANONYMOUS_DELAY_MAX_MS, ANONYMOUS_DELAY_MIN_MS, anonymousNotBefore, dayPrecision, isAnonymous } from '../../../src/core/privacy/anonymity';

describe('anonymity', () => {
  it('delays an anonymous event by 1 to 15 minutes, whatever the draw', () => {
    fc.assert(fc.property(fc.double(), (draw) => {
      const d = anonymousNotBefore(1_000_000, draw) - 1_000_000;
      assert.ok(d >= ANONYMOUS_DELAY_MIN_MS && d <= ANONYMOUS_DELAY_MAX_MS, String(d));
    }));
    assert.equal(anonymousNotBefore(0, 0), ANONYMOUS_DELAY_MIN_MS);
    assert.equal(anonymousNotBefore(0, 1), ANONYMOUS_DELAY_MAX_MS);
  });

  it('cuts a time to midnight UTC of its day', () => {
    assert.equal(dayPrecision(Date.UTC(2026, 11, 1, 23, 59, 59, 999)), '2026-12-01T00:00:00.000Z');
    assert.equal(dayPrecision(Date.UTC(2026, 11, 2)), '2026-12-02T00:00:00.000Z');
  });

  it('calls an event anonymous exactly when it has no install id', () => {
    assert.equal(isAnonymous({}), true);
    assert.equal(isAnonymous({ installId: 'i' }), false);
  });
});
