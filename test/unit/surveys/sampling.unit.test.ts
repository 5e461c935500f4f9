import * as assert from 'node:assert/strict';
import type { SurveySettings } from '../../../src/core/surveys/eligibility';
import { checkEligibility } from '../../../src/core/surveys/eligibility';
import { secureDraw } from '../../../src/core/common/random';
import { clampProbability, drawFor, ensureSampleDraws, isSampledIn } from '../../../src/core/surveys/sampling';
import { emptyHistory, recordAnswered, recordPrompted } from '../../../src/core/surveys/state';
import { HOUR, T0, survey } from './helpers';

describe('secureDraw', () => {
  it('is in [0, 1), differs between calls, and samples close to the probability', () => {
    const draws = Array.from({ length: 4000 }, () => secureDraw());
    assert.ok(draws.every((d) => d >= 0 && d < 1));
    assert.ok(new Set(draws).size > 3990);
    const inSample = draws.filter((d) => isSampledIn(d, 0.15)).length;
    assert.ok(Math.abs(inSample / draws.length - 0.15) < 0.03, `sampled ${inSample} of ${draws.length}`);
  });

  it('cannot be recomputed from the install and survey ids (security: a platform could pick one install)', () => {
    // Two fresh installs with the same ids (state lost, or a platform replaying ids) draw independently.
    const a = ensureSampleDraws(emptyHistory(), ['pulse']).surveys.pulse?.draw;
    const b = ensureSampleDraws(emptyHistory(), ['pulse']).surveys.pulse?.draw;
    assert.notEqual(a, b);
  });
});

describe('clampProbability', () => {
  it('treats invalid probabilities as 0 and clamps to [0, 1]', () => {
    assert.equal(clampProbability(Number.NaN), 0);
    assert.equal(clampProbability(-0.5), 0);
    assert.equal(clampProbability(0.25), 0.25);
    assert.equal(clampProbability(7), 1);
    assert.equal(clampProbability(Number.POSITIVE_INFINITY), 0);
  });
});

describe('ensureSampleDraws', () => {
  it('draws once per survey with the injected random and never re-draws', () => {
    const values = [0.1, 0.9, 0.5];
    const random = () => values.shift() ?? 0.77;
    let h = ensureSampleDraws(emptyHistory(), ['a', 'b'], random);
    assert.equal(h.surveys.a?.draw, 0.1);
    assert.equal(h.surveys.b?.draw, 0.9);
    h = ensureSampleDraws(h, ['a', 'b', 'c'], random);
    assert.equal(h.surveys.a?.draw, 0.1);
    assert.equal(h.surveys.b?.draw, 0.9);
    assert.equal(h.surveys.c?.draw, 0.5);
  });

  it('draws from the secure source without a random, and survives a random that returns 1 or NaN', () => {
    const h = ensureSampleDraws(emptyHistory(), ['a', 'b']);
    assert.ok(h.surveys.a?.draw !== undefined && h.surveys.b?.draw !== undefined);
    const nan = ensureSampleDraws(emptyHistory(), ['a'], () => Number.NaN);
    assert.ok((nan.surveys.a?.draw ?? 1) < 1);
    const edge = ensureSampleDraws(emptyHistory(), ['a'], () => 1);
    assert.ok((edge.surveys.a?.draw ?? 1) < 1);
  });

  it('keeps the draw through prompts and answers, so the verdict is sticky', () => {
    let h = ensureSampleDraws(emptyHistory(), ['pulse'], () => 0.3);
    h = recordAnswered(recordPrompted(h, 'pulse', T0), 'pulse', T0);
    assert.equal(drawFor(h, 'pulse'), 0.3);
  });

  it('adds installs when sampling rises without re-rolling anyone', () => {
    const settings: SurveySettings = { enabled: true };
    const moment = { now: T0, sessionStartedAt: T0 - HOUR, debugging: false, inFailureStreak: false, userIsNewHire: false };
    const h = ensureSampleDraws(emptyHistory(), ['pulse'], () => 0.3);
    const at = (sampling: number) => {
      const r = checkEligibility(moment, h, settings, survey({ sampling }));
      return r.eligible ? 'eligible' : r.reason;
    };
    assert.equal(at(0.2), 'notSampled');
    assert.equal(at(0.2), 'notSampled');
    assert.equal(at(0.5), 'eligible');
  });

  it('samples in only surveys for everyone before a draw is made', () => {
    const settings: SurveySettings = { enabled: true };
    const moment = { now: T0, sessionStartedAt: T0 - HOUR, debugging: false, inFailureStreak: false, userIsNewHire: false };
    const at = (sampling: number) => {
      const r = checkEligibility(moment, emptyHistory(), settings, survey({ sampling }));
      return r.eligible ? 'eligible' : r.reason;
    };
    assert.equal(at(1), 'eligible');
    assert.equal(at(0.99), 'notSampled');
  });
});
