import * as assert from 'node:assert/strict';
import type { ChecklistState, StepStatus } from '../../../src/core/onboarding/evaluator';
import { newTimeline, parseTimeline, recordEvaluation, recordFirstCommit, summarizeTimeline } from '../../../src/core/onboarding/timeline';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

function state(statuses: Record<string, StepStatus>): ChecklistState {
  const steps = Object.entries(statuses).map(([id, status]) => ({ id, title: id, status, blockedBy: [], detail: '', dependsOn: 'manual' as const }));
  const done = steps.filter((s) => s.status === 'done').length;
  return { steps, done, total: steps.length, complete: done === steps.length, watch: { kinds: [], files: [], tools: [] } };
}

describe('onboarding timeline', () => {
  it('measures time per step from when it was unblocked, setup time and time to first commit', () => {
    let tl = newTimeline(T0);
    tl = recordEvaluation(tl, state({ node: 'pending', deps: 'blocked', build: 'blocked' }), T0);
    tl = recordEvaluation(tl, state({ node: 'done', deps: 'pending', build: 'blocked' }), T0 + 10 * MIN);
    tl = recordEvaluation(tl, state({ node: 'done', deps: 'done', build: 'pending' }), T0 + 15 * MIN);
    tl = recordFirstCommit(tl, T0 + 50 * MIN);
    tl = recordEvaluation(tl, state({ node: 'done', deps: 'done', build: 'done' }), T0 + 95 * MIN);
    const sum = summarizeTimeline(tl, T0 + 200 * MIN, ['node', 'deps', 'build']);
    assert.deepEqual(sum.perStep, [
      { id: 'node', ms: 10 * MIN, done: true },
      { id: 'deps', ms: 5 * MIN, done: true },
      { id: 'build', ms: 80 * MIN, done: true },
    ]);
    assert.equal(sum.setupMs, 95 * MIN);
    assert.equal(sum.timeToFirstCommitMs, 50 * MIN);
    assert.deepEqual(sum.stuckOn, { id: 'build', ms: 80 * MIN, done: true });
  });

  it('counts an open step up to now and leaves setup time undefined while incomplete', () => {
    let tl = newTimeline(T0);
    tl = recordEvaluation(tl, state({ a: 'done', b: 'pending' }), T0 + MIN);
    const sum = summarizeTimeline(tl, T0 + 61 * MIN);
    assert.equal(sum.setupMs, undefined);
    assert.equal(sum.timeToFirstCommitMs, undefined);
    assert.deepEqual(sum.stuckOn, { id: 'b', ms: 60 * MIN, done: false });
  });

  it('keeps completion when a step later goes back to pending', () => {
    let tl = newTimeline(T0);
    tl = recordEvaluation(tl, state({ a: 'done' }), T0 + MIN);
    tl = recordEvaluation(tl, state({ a: 'pending' }), T0 + 2 * MIN);
    assert.equal(tl.steps.a!.completedAt, T0 + MIN);
    assert.equal(tl.completedAt, T0 + MIN);
  });

  it('returns the same object when an evaluation changes nothing', () => {
    const tl = recordEvaluation(newTimeline(T0), state({ a: 'pending' }), T0);
    assert.equal(recordEvaluation(tl, state({ a: 'pending' }), T0 + MIN), tl);
  });

  it('keeps the first commit time once recorded', () => {
    const tl = recordFirstCommit(recordFirstCommit(newTimeline(T0), T0 + MIN), T0 + 5 * MIN);
    assert.equal(tl.firstCommitAt, T0 + MIN);
  });

  it('round-trips through JSON and rejects junk', () => {
    const tl = recordEvaluation(newTimeline(T0), state({ a: 'done', b: 'blocked' }), T0 + MIN);
    assert.deepEqual(parseTimeline(JSON.parse(JSON.stringify(tl))), tl);
    assert.equal(parseTimeline({ version: 2 }), undefined);
    assert.equal(parseTimeline('nope'), undefined);
  });
});
