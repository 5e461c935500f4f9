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
    assert.equal(mayRecord('off', 'activity.day'), false);
  });
  it('records the automatic kinds at signals, and survey prompts only where answers may go', () => {
    for (const k of ['activity.day', 'docs.opened', 'docs.searched', 'deprecation.affected', 'deprecation.resolved']) assert.equal(mayRecord('signals', k), true, k);
    for (const k of ['survey.shown', 'survey.dismissed', 'survey.answered']) {
      assert.equal(mayRecord('signals', k), false, k);
      assert.equal(mayRecord('all', k), true, k);
    }
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
  const all = { signals: true, surveys: true, onboarding: true, docs: true };
  it('drops a kind whose feature is turned off', () => {
    assert.equal(featureAllows({ ...all, signals: false }, 'task.ended'), false);
    assert.equal(featureAllows({ ...all, surveys: false }, 'survey.answered'), false);
    assert.equal(featureAllows({ ...all, onboarding: false }, 'onboarding.stepCompleted'), false);
    assert.equal(featureAllows({ ...all, surveys: false }, 'survey.shown'), false);
    assert.equal(featureAllows({ ...all, docs: false }, 'docs.opened'), false);
    assert.equal(featureAllows({ ...all, docs: false }, 'deprecation.affected'), false);
  });
  it('records activity.day whatever the features: it is the denominator of every other count', () => {
    assert.equal(featureAllows({ signals: false, surveys: false, onboarding: false, docs: false }, 'activity.day'), true);
  });
  it('keeps what the developer sends on purpose, and drop counts, whatever the features', () => {
    const none = { signals: false, surveys: false, onboarding: false, docs: false };
    assert.equal(featureAllows(none, 'friction.reported'), true);
    assert.equal(featureAllows(none, 'outbox.dropped'), true);
  });
});
