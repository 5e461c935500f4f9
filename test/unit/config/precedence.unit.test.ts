import * as assert from 'node:assert/strict';
import { featureOffReason, mergeConfigLayers } from '../../../src/core/config/precedence';

describe('featureOffReason', () => {
  it('names the layer that turned a feature off', () => {
    const off = (layer: 'repo' | 'platform') => mergeConfigLayers({ [layer]: { features: { docs: false } }, editorTelemetryEnabled: true });
    assert.equal(featureOffReason('docs', off('repo').sources), 'features.docs is false in this repository’s .dx/pulse.yaml');
    assert.equal(featureOffReason('docs', off('platform').sources), 'features.docs is false in your platform’s configuration for this repository');
    const both = mergeConfigLayers({ repo: { features: { docs: false } }, platform: { features: { docs: true } }, editorTelemetryEnabled: true });
    assert.equal(featureOffReason('docs', both.sources), 'features.docs is false in this repository’s .dx/pulse.yaml');
  });
});
