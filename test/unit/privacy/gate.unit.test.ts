import * as assert from 'node:assert/strict';
import { effectiveSharing, featureAllows, mayRecord } from '../../../src/core/privacy/gate';

describe('effectiveSharing', () => {
  it('is off whenever VS Code telemetry is off, whatever else says', () => {
    assert.equal(effectiveSharing(false), 'off');
    assert.equal(effectiveSharing(false, 'all', 'all'), 'off');
  });
  it('follows the most restrictive narrower level', () => {
    assert.equal(effectiveSharing(true), 'all');
    assert.equal(effectiveSharing(true, 'all'), 'all');
    assert.equal(effectiveSharing(true, 'signals'), 'signals');
    assert.equal(effectiveSharing(true, 'all', 'signals', undefined), 'signals');
    assert.equal(effectiveSharing(true, 'signals', 'off'), 'off');
  });
});

describe('mayRecord', () => {
  it('records nothing when off', () => {
    assert.equal(mayRecord('off', 'task.ended'), false);
  });
  it('records only automatic signals at the signals level', () => {
    assert.equal(mayRecord('signals', 'task.ended'), true);
    assert.equal(mayRecord('signals', 'stuck.detected'), true);
    assert.equal(mayRecord('signals', 'friction.reported'), false);
    assert.equal(mayRecord('signals', 'survey.answered'), false);
  });
  it('records everything at the all level', () => {
    assert.equal(mayRecord('all', 'survey.answered'), true);
  });
});

describe('featureAllows', () => {
  const all = { signals: true, surveys: true, onboarding: true };
  it('drops a kind whose feature is turned off', () => {
    assert.equal(featureAllows({ ...all, signals: false }, 'task.ended'), false);
    assert.equal(featureAllows({ ...all, surveys: false }, 'survey.answered'), false);
    assert.equal(featureAllows({ ...all, onboarding: false }, 'onboarding.stepCompleted'), false);
  });
  it('keeps what the developer sends on purpose, and drop counts, whatever the features', () => {
    const none = { signals: false, surveys: false, onboarding: false };
    assert.equal(featureAllows(none, 'friction.reported'), true);
    assert.equal(featureAllows(none, 'outbox.dropped'), true);
  });
});
