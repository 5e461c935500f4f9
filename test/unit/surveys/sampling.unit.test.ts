import * as assert from 'node:assert/strict';
import type { SurveySettings } from '../../../src/core/surveys/eligibility';
import { checkEligibility } from '../../../src/core/surveys/eligibility';
import { clampProbability, drawFor, ensureSampleDraws, hashDraw, isSampledIn } from '../../../src/core/surveys/sampling';
import { emptyHistory, recordAnswered, recordPrompted } from '../../../src/core/surveys/state';
import { HOUR, T0, survey } from './helpers';

describe('hashDraw', () => {
  it('is the same for the same install and survey, and in [0, 1)', () => {
    assert.equal(hashDraw('install-1', 'pulse'), hashDraw('install-1', 'pulse'));
    assert.notEqual(hashDraw('install-1', 'pulse'), hashDraw('install-2', 'pulse'));
    assert.notEqual(hashDraw('install-1', 'pulse'), hashDraw('install-1', 'other'));
    for (let i = 0; i < 200; i++) {
      const d = hashDraw(`install-${i}`, 'pulse');
      assert.ok(d >= 0 && d < 1);
    }
  });

  it('samples close to the probability over many installs', () => {
    let inSample = 0;
    const n = 4000;
    for (let i = 0; i < n; i++) if (isSampledIn(hashDraw(`install-${i}`, 'pulse'), 0.15)) inSample++;
    assert.ok(Math.abs(inSample / n - 0.15) < 0.03, `sampled ${inSample} of ${n}`);
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
    let h = ensureSampleDraws(emptyHistory(), ['a', 'b'], 'install-1', random);
    assert.equal(h.surveys.a?.draw, 0.1);
    assert.equal(h.surveys.b?.draw, 0.9);
    h = ensureSampleDraws(h, ['a', 'b', 'c'], 'install-1', random);
    assert.equal(h.surveys.a?.draw, 0.1);
    assert.equal(h.surveys.b?.draw, 0.9);
    assert.equal(h.surveys.c?.draw, 0.5);
  });

  it('falls back to the hash draw without a random, and survives a random that returns 1', () => {
    const h = ensureSampleDraws(emptyHistory(), ['a', 'b'], 'install-1', undefined);
    assert.equal(h.surveys.a?.draw, hashDraw('install-1', 'a'));
    const edge = ensureSampleDraws(emptyHistory(), ['a'], 'install-1', () => 1);
    assert.ok((edge.surveys.a?.draw ?? 1) < 1);
  });

  it('keeps the draw through prompts and answers, so the verdict is sticky', () => {
    let h = ensureSampleDraws(emptyHistory(), ['pulse'], 'install-1', () => 0.3);
    h = recordAnswered(recordPrompted(h, 'pulse', T0), 'pulse', T0);
    assert.equal(drawFor(h, 'install-1', 'pulse'), 0.3);
  });

  it('adds installs when sampling rises without re-rolling anyone', () => {
    const settings: SurveySettings = { enabled: true, installId: 'install-1' };
    const moment = { now: T0, sessionStartedAt: T0 - HOUR, debugging: false, inFailureStreak: false, userIsNewHire: false };
    const h = ensureSampleDraws(emptyHistory(), ['pulse'], 'install-1', () => 0.3);
    const at = (sampling: number) => {
      const r = checkEligibility(moment, h, settings, survey({ sampling }));
      return r.eligible ? 'eligible' : r.reason;
    };
    assert.equal(at(0.2), 'notSampled');
    assert.equal(at(0.2), 'notSampled');
    assert.equal(at(0.5), 'eligible');
  });
});
