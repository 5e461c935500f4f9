import * as assert from 'node:assert/strict';
import { inCurrentPeriod, periodLabel, periodStart } from '../../../src/core/surveys/schedule';
import { DAY, T0 } from './helpers';

describe('periodStart', () => {
  // T0 is Wednesday 2025-05-14T12:00Z.
  const rows: [string, Parameters<typeof periodStart>[0], number][] = [
    ['weekly starts on Monday (UTC)', { kind: 'calendar', period: 'weekly' }, Date.UTC(2025, 4, 12)],
    ['monthly starts on the 1st', { kind: 'calendar', period: 'monthly' }, Date.UTC(2025, 4, 1)],
    ['quarterly starts in April for May', { kind: 'calendar', period: 'quarterly' }, Date.UTC(2025, 3, 1)],
    ['yearly starts on 1 January', { kind: 'calendar', period: 'yearly' }, Date.UTC(2025, 0, 1)],
    ['rolling looks back its days', { kind: 'rolling', days: 90 }, T0 - 90 * DAY],
  ];
  for (const [name, schedule, expected] of rows) {
    it(`gives the right start when ${name}`, () => {
      assert.equal(new Date(periodStart(schedule, T0)).toISOString(), new Date(expected).toISOString());
    });
  }

  it('treats a Sunday as the end of the week that began on Monday', () => {
    const sunday = Date.UTC(2025, 4, 18, 23, 59);
    assert.equal(periodStart({ kind: 'calendar', period: 'weekly' }, sunday), Date.UTC(2025, 4, 12));
  });
});

describe('inCurrentPeriod', () => {
  it('compares against the period boundary and counts future times as this period', () => {
    const q = { kind: 'calendar', period: 'quarterly' } as const;
    assert.equal(inCurrentPeriod(q, T0, Date.UTC(2025, 3, 1)), true);
    assert.equal(inCurrentPeriod(q, T0, Date.UTC(2025, 3, 1) - 1), false);
    assert.equal(inCurrentPeriod(q, T0, T0 + DAY), true);
    assert.equal(periodLabel(q), 'quarter');
    assert.equal(periodLabel({ kind: 'rolling', days: 30 }), '30 days');
  });
});
