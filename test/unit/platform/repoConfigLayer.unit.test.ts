import * as assert from 'node:assert/strict';
import { mergeConfigLayers } from '../../../src/core/config/precedence';
import { RepoConfig } from '../../../src/core/platform/contract';
import { repoConfigToLayer } from '../../../src/core/platform/repoConfigLayer';

describe('repoConfigToLayer', () => {
  // Through the contract's own schema, as the client would hand it over.
  const rc = RepoConfig.parse({
    repoId: 'github.com/acme/shop',
    features: { surveys: false, docs: true },
    surveys: [{ id: 'platform-nps', template: 'platform-nps' }, { id: 'broken', questions: 'not a list' }],
    docSources: [
      { type: 'platform', kind: 'doc' },
      { type: 'url', kind: 'doc', location: 'https://docs.example.com/golden-path', title: 'Golden path' },
      { type: 'url', kind: 'changelog', location: 'https://platform.example.com/CHANGELOG.md' },
      { type: 'url', kind: 'changelog', location: 'https://platform.example.com/feed.json' },
    ],
    metrics: { service: 'shop', environment: 'prod' },
  });

  it('maps features, surveys, docs sources and the environment, skipping a bad survey with its reason', () => {
    const { layer, problems } = repoConfigToLayer(rc);
    assert.deepEqual(layer.features, { surveys: false, docs: true });
    assert.equal(layer.surveys?.length, 1);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /"broken"/);
    assert.deepEqual(layer.docs?.links, [{ title: 'Golden path', url: 'https://docs.example.com/golden-path' }]);
    assert.deepEqual(layer.docs?.sources, [
      { type: 'markdownChangelog', url: 'https://platform.example.com/CHANGELOG.md' },
      { type: 'feed', url: 'https://platform.example.com/feed.json' },
    ]);
    assert.deepEqual(layer.metrics, { service: 'shop', environment: 'prod' });
  });

  it('reads a platform changelog at a .md path as Keep-a-Changelog, whatever its query (#17 item 8)', () => {
    const { layer } = repoConfigToLayer(
      RepoConfig.parse({ repoId: 'x', features: {}, surveys: [], docSources: [{ type: 'url', kind: 'changelog', location: 'https://gitlab.example.com/p/-/raw/main/CHANGELOG.md?inline=false' }] }),
    );
    assert.equal(layer.docs?.sources?.[0]?.type, 'markdownChangelog');
  });

  it('is a layer the repo file and the user can override', () => {
    const { layer } = repoConfigToLayer(rc);
    const merged = mergeConfigLayers({ platform: layer, repo: { features: { surveys: true } }, editorTelemetryEnabled: true }).config;
    assert.equal(merged.features.surveys, true);
    assert.equal(merged.features.docs, true);
    assert.equal(merged.metrics.environment, 'prod');
    assert.equal(merged.metrics.service, 'shop');
  });

  it('hands over a valid platform checklist, and skips a broken one with its reason', () => {
    const withChecklist = RepoConfig.parse({ ...rc, onboarding: { title: 'Get going', steps: [{ id: 'node', title: 'Install Node', check: { type: 'tool', name: 'node', minVersion: '18' } }] } });
    assert.equal(repoConfigToLayer(withChecklist).onboarding?.steps[0]?.id, 'node');
    const broken = repoConfigToLayer(RepoConfig.parse({ ...rc, onboarding: { steps: 'nope' } }));
    assert.equal(broken.onboarding, undefined);
    assert.ok(broken.problems.some((p) => p.startsWith('platform onboarding checklist skipped')));
  });
});
