import * as assert from 'node:assert/strict';
import { platformJsonSchemas } from '../../../src/core/platform/jsonSchemas';

describe('platformJsonSchemas', () => {
  it('generates a JSON Schema for every contract schema, with required fields', () => {
    const schemas = platformJsonSchemas();
    assert.deepEqual(Object.keys(schemas).sort(), [
      'ApiError.schema.json', 'DeploymentsResponse.schema.json', 'DocsResponse.schema.json',
      'PostEventsRequest.schema.json', 'PostEventsResponse.schema.json', 'RepoConfig.schema.json',
    ]);
    const post = schemas['PostEventsRequest.schema.json'] as { properties: { events: { maxItems: number; items: { required: string[] } } } };
    assert.equal(post.properties.events.maxItems, 1000);
    assert.ok(post.properties.events.items.required.includes('id'));
    const cfg = schemas['RepoConfig.schema.json'] as { required: string[] };
    assert.deepEqual([...cfg.required].sort(), ['docSources', 'features', 'repoId', 'surveys']);
  });
});
