import * as assert from 'node:assert/strict';
import { effectiveSharing, mayRecord } from '../../../src/core/privacy/gate';

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
