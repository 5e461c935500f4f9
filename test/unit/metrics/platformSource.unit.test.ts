import * as assert from 'node:assert/strict';
import { deploymentsFromPlatform } from '../../../src/core/metrics/platformSource';

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
