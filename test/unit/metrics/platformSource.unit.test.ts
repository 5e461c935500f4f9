import * as assert from 'node:assert/strict';
import { deploymentsFromPlatform, deploymentsRequestRange } from '../../../src/core/metrics/platformSource';

describe('deploymentsFromPlatform', () => {
  const base = { service: 'payments-api', environment: 'production', commits: [{ sha: 'abcdef1', time: '2026-11-01T10:00:00Z' }], failed: false };
  it('keeps finished deploys and drops in-progress and cancelled ones', () => {
    const out = deploymentsFromPlatform({
      service: 'payments-api',
      since: '2026-10-01T00:00:00Z',
      until: '2026-11-25T00:00:00Z',
      deployments: [
        { ...base, id: 'd1', time: '2026-11-01T12:00:00Z', status: 'success' },
        { ...base, id: 'd2', time: '2026-11-02T12:00:00Z', status: 'inProgress' },
        { ...base, id: 'd3', time: '2026-11-03T12:00:00Z', status: 'cancelled' },
        { ...base, id: 'd4', time: '2026-11-04T12:00:00Z', status: 'failure' },
      ],
    });
    assert.deepEqual(out.map((d) => d.id), ['d1', 'd4']);
  });
  it('marks a deploy with incidents as failed, with their ids', () => {
    const [d] = deploymentsFromPlatform({
      service: 'payments-api',
      since: '2026-10-01T00:00:00Z',
      until: '2026-11-25T00:00:00Z',
      deployments: [{ ...base, id: 'd1', time: '2026-11-01T12:00:00Z', status: 'success', restoredAt: '2026-11-01T14:00:00Z', incidents: [{ id: 'INC-1', createdAt: '2026-11-01T12:30:00Z' }, { id: 'INC-2', createdAt: '2026-11-01T12:40:00Z' }] }],
    });
    assert.equal(d!.failed, true);
    assert.deepEqual(d!.incidentIds, ['INC-1', 'INC-2']);
    assert.equal(d!.restoredAt, '2026-11-01T14:00:00Z');
  });
});

describe('deploymentsFromPlatform unplanned', () => {
  it('keeps the optional unplanned flag, so the rework rate from a platform is not always 0', () => {
    const out = deploymentsFromPlatform({
      service: 's', since: '2026-10-01T00:00:00Z', until: '2026-11-25T00:00:00Z',
      deployments: [
        { id: 'a', service: 's', environment: 'production', time: '2026-11-01T10:00:00Z', status: 'success', commits: [], failed: false, unplanned: true },
        { id: 'b', service: 's', environment: 'production', time: '2026-11-02T10:00:00Z', status: 'success', commits: [], failed: false },
      ],
    });
    assert.equal(out[0]!.unplanned, true);
    assert.equal(out[1]!.unplanned, undefined);
  });
});

describe('deploymentsRequestRange', () => {
  it('asks for whole UTC days, the same range all day long (so the ETag can match)', () => {
    const morning = deploymentsRequestRange(Date.UTC(2026, 11, 1, 0, 0, 1));
    const night = deploymentsRequestRange(Date.UTC(2026, 11, 1, 23, 59, 59, 999));
    assert.deepEqual(morning, night);
    assert.equal(new Date(morning.until).toISOString(), '2026-12-02T00:00:00.000Z');
    assert.equal(new Date(morning.since).toISOString(), '2026-06-04T00:00:00.000Z');
    assert.equal((morning.until - morning.since) / 86_400_000, 181);
  });
});
