import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CiRunsInput } from '../../src/core/ciRuns';
import { parseInput } from '../../src/core/deployments';

describe('CiRunsInput', () => {
  it('never throws on any body, and says which field is wrong', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (body) => {
        const r = parseInput(CiRunsInput, body);
        if (!r.ok) assert.ok(r.message.length > 0);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts a run as the contract defines it and refuses unknown fields', () => {
    const run = { id: '1:1', workflow: 'CI', branch: 'main', sha: 'abcdef1', attempt: 1, conclusion: 'success', startedAt: '2024-06-01T10:00:00Z', finishedAt: '2024-06-01T10:05:00Z' };
    assert.ok(parseInput(CiRunsInput, { repo: 'github.com/acme/shop', runs: [run] }).ok);
    const extra = parseInput(CiRunsInput, { repo: 'github.com/acme/shop', runs: [run], secret: 1 });
    assert.ok(!extra.ok);
    const neg = parseInput(CiRunsInput, { repo: 'r', runs: [{ ...run, attempt: 0 }] });
    assert.ok(!neg.ok && neg.message.startsWith('runs.0.attempt'));
  });
});
