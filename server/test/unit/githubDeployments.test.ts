import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DeploymentInput } from '../../src/core/deployments';
import { githubDeploymentInputs } from '../../src/core/githubDeployments';

// What GitHub's answers become after the extension's source read them: any strings and
// times, including the ones that are not times.
const time = fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constant(Number.NaN), fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
const deployment = fc.record({
  id: fc.string({ maxLength: 30 }),
  service: fc.oneof(fc.constant('shop'), fc.string({ maxLength: 250 })),
  environment: fc.oneof(fc.constant('production'), fc.string({ maxLength: 250 })),
  time,
  status: fc.constantFrom('success' as const, 'failure' as const),
  commits: fc.array(fc.record({ sha: fc.oneof(fc.stringMatching(/^[0-9a-f]{40}$/), fc.string()), time }), { maxLength: 5 }),
  failed: fc.boolean(),
  restoredAt: fc.option(time, { nil: undefined }),
});

describe('githubDeploymentInputs', () => {
  it('never throws, and stores only deployments the admin API itself would accept', () => {
    fc.assert(
      fc.property(fc.array(deployment, { maxLength: 20 }), (list) => {
        const r = githubDeploymentInputs(list, 'acme', 'shop');
        assert.equal(r.inputs.length + r.skipped, list.length);
        for (const d of r.inputs) {
          assert.ok(DeploymentInput.safeParse(d).success);
          assert.ok(d.id.startsWith('github:acme/shop:'));
          for (const c of d.commits ?? []) assert.match(c.sha, /^[0-9a-f]{7,64}$/i);
        }
      }),
    );
  });

  it('keeps a well-formed deployment whole', () => {
    const t = Date.UTC(2026, 0, 2);
    const r = githubDeploymentInputs([{ id: '7', service: 'shop', environment: 'production', time: t, status: 'success', commits: [{ sha: 'a'.repeat(40), time: t - 60_000 }], failed: true, restoredAt: t + 60_000 }], 'acme', 'shop');
    assert.deepEqual(r, {
      skipped: 0,
      inputs: [{ id: 'github:acme/shop:7', service: 'shop', environment: 'production', time: new Date(t).toISOString(), status: 'success', commits: [{ sha: 'a'.repeat(40), time: new Date(t - 60_000).toISOString() }], failed: true, restoredAt: new Date(t + 60_000).toISOString() }],
    });
  });
});
