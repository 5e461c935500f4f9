import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/core/config/pulseConfig';
import { fetchDeployments, MetricsData, SourceError, type MetricsFetchInput } from '../../../src/core/metrics/metricsFetch';
import type { GitHistory } from '../../../src/core/metrics/gitSource';
import { AxiosTransport } from '../../../src/host/http';

const NOW = Date.UTC(2026, 11, 1, 12);
const identity = { service: 'payments-api', team: 'payments', source: 'remote' as const, github: { host: 'github.com', owner: 'acme', repo: 'payments-api' } };
const emptyGit: GitHistory = {
  tags: async () => [{ name: 'v1.0.0', sha: 'a'.repeat(40), time: NOW - 86_400_000, annotated: true }],
  commits: async () => [{ sha: 'a'.repeat(40), time: NOW - 2 * 86_400_000, parents: [], subject: 'init' }],
  reverts: async () => [],
  merges: async () => [],
  isShallow: async () => false,
};
const platform: MetricsFetchInput['platform'] = {
  getDeployments: async (service) => ({ data: { service, team: 'from-platform', since: '2026-06-01T00:00:00Z', until: '2026-12-02T00:00:00Z', deployments: [] }, fetchedAt: NOW, stale: false }),
};
const input = (over: Partial<MetricsFetchInput>): MetricsFetchInput => ({
  metrics: DEFAULT_CONFIG.metrics, identity, now: NOW, platform: undefined, githubToken: async () => undefined, transport: new AxiosTransport(), git: emptyGit, ...over,
});

describe('fetchDeployments (which source)', () => {
  it('auto: the platform when one is configured', async () => {
    const r = await fetchDeployments(input({ platform }));
    assert.equal(r.source, 'platform');
    assert.equal(r.team, 'from-platform');
  });

  it('auto: git tags when there is no platform and no GitHub token', async () => {
    let asked: boolean | undefined;
    const r = await fetchDeployments(input({ githubToken: async (required) => ((asked = required), undefined) }));
    assert.equal(r.source, 'git');
    assert.equal(asked, false, 'a token was required for auto');
    assert.equal(r.deployments.length, 1);
    assert.ok(MetricsData.safeParse(r).success, 'what is cached validates on reading');
  });

  it('auto: says why GitHub was not used when there is no token', async () => {
    const r = await fetchDeployments(input({}));
    assert.equal(r.source, 'git');
    assert.match(r.warnings[0]!, /GitHub deployments were not used: DX Pulse has no GitHub token for acme\/payments-api\. Run “DX Pulse: Connect GitHub”/);
  });

  it('auto: a platform that fails (down, not signed in) gives way to the next source, and the view says so', async () => {
    const down: MetricsFetchInput['platform'] = { getDeployments: async () => Promise.reject(new Error('not signed in to the platform')) };
    const r = await fetchDeployments(input({ platform: down }));
    assert.equal(r.source, 'git');
    assert.match(r.warnings[0]!, /The platform did not answer \(not signed in to the platform\), so these numbers come from the next source/);
    await assert.rejects(fetchDeployments(input({ platform: down, metrics: { ...DEFAULT_CONFIG.metrics, source: 'platform' } })), /not signed in/, 'an explicit platform source does not fall back');
  });

  it('explains what to do when the chosen source cannot be used', async () => {
    await assert.rejects(fetchDeployments(input({ metrics: { ...DEFAULT_CONFIG.metrics, source: 'platform' } })), (e: unknown) => e instanceof SourceError && /no platform is configured/.test(e.message) && /Sign In to Platform/.test(e.hint));
    await assert.rejects(fetchDeployments(input({ metrics: { ...DEFAULT_CONFIG.metrics, source: 'github' }, identity: { service: 's', source: 'folder' } })), (e: unknown) => e instanceof SourceError && /no GitHub remote/.test(e.message));
    await assert.rejects(fetchDeployments(input({ git: undefined })), (e: unknown) => e instanceof SourceError && /not a git repository/.test(e.message));
  });

  it('refuses a cached file that does not match the schema (a damaged cache is no cache)', () => {
    assert.equal(MetricsData.safeParse({ version: 1, source: 'git', service: 's', fetchedAt: 1, warnings: [], deployments: [{ id: 1 }] }).success, false);
  });
});
