import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDate, formatDay } from '../../../src/core/common/dates';

describe('dates', () => {
  it('writes a date in the given locale, medium length', () => {
    assert.equal(formatDate(Date.UTC(2026, 2, 4, 12), 'en-US', 'UTC'), 'Mar 4, 2026');
    assert.equal(formatDate(Date.UTC(2026, 2, 4, 12), 'de', 'UTC'), '04.03.2026');
  });

  it('keeps the UTC day a feed names, whatever the time of day or offset after it', () => {
    assert.equal(formatDay('2026-09-01', 'en-US'), 'Sep 1, 2026');
    assert.equal(formatDay('2026-09-01T23:59:00-08:00', 'en-US'), 'Sep 1, 2026');
  });

  it('leaves text that is not a date as it is, and falls back on a malformed locale', () => {
    assert.equal(formatDay('next week', 'en-US'), 'next week');
    assert.equal(formatDay('2026-13-45', 'en-US'), '2026-13-45');
    assert.match(formatDay('2026-09-01', 'no such locale!!'), /2026/);
  });

  it('never throws on hostile feed text or locales', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 40 }), (text, locale) => {
        assert.equal(typeof formatDay(text, locale), 'string');
      }),
    );
  });
});
