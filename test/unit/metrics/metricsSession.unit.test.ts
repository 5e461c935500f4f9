import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DEFAULT_CONFIG, type PulseConfig } from '../../../src/core/config/pulseConfig';
import { MetricsSession, type MetricsRepo, type MetricsSessionOptions } from '../../../src/core/metrics/metricsSession';
import type { WindowDays } from '../../../src/core/metrics/types';
import { JsonCache } from '../../../src/core/platform/cache';
import type { PlatformClient } from '../../../src/core/platform/client';
import type { HttpTransport } from '../../../src/core/platform/transport';
import { SimpleGitHistory } from '../../../src/host/gitHistory';
import type { MetricsView } from '../../../src/protocol/sidebar';
import { RepoBuilder } from '../../fixtures/repoBuilder';
import { FakeClock, MemoryLog, tempDir } from '../outbox/outboxTestKit';

const DAY = 86_400_000;
const noHttp: HttpTransport = { request: () => Promise.reject(new Error('no HTTP in this test')) } as unknown as HttpTransport;
type Platform = Pick<PlatformClient, 'getDeployments'>;
const message = (v: MetricsView): string | undefined => ('message' in v ? v.message : undefined);

describe('MetricsSession', () => {
  let repo: RepoBuilder;
  const now = Date.UTC(2024, 2, 1, 12);
  before(() => {
    // Four tagged deploys in the last 30 days: 1 per week, each one commit after the last.
    repo = RepoBuilder.create();
    for (let i = 0; i < 4; i++) {
      const t = new Date(now - (28 - i * 7) * DAY);
      repo.commit(`feat: ${i}`, new Date(t.getTime() - 3_600_000).toISOString());
      repo.tag(`v1.${i}.0`, t.toISOString(), { annotated: true });
    }
  });
  after(() => repo.dispose());

  function setup({ config, repo: repoOver, cacheDir: dirOver, ...over }: Partial<Omit<MetricsSessionOptions, 'config'>> & { config?: PulseConfig; repo?: MetricsRepo | null; cacheDir?: string } = {}) {
    const clock = new FakeClock(now);
    const log = new MemoryLog();
    const cacheDir = dirOver ?? tempDir('metrics-session');
    const theRepo: MetricsRepo | undefined = repoOver === null ? undefined : (repoOver ?? { key: 'acme/shop', folderName: 'shop', remoteUrl: undefined, catalogText: async () => undefined, git: new SimpleGitHistory(repo.dir) });
    let windowDays: WindowDays = 30;
    const session = new MetricsSession({
      clock,
      log,
      cache: new JsonCache(path.join(cacheDir, 'metrics'), 'metrics', log),
      config: () => config ?? DEFAULT_CONFIG,
      windowDays: () => windowDays,
      openRepo: async () => theRepo,
      platform: () => undefined,
      githubToken: async () => undefined,
      transport: noHttp,
      ...over,
    });
    const views: MetricsView[] = [];
    session.onDidChange(() => views.push(session.view));
    return { session, views, log, cacheDir, setWindow: (d: WindowDays) => { windowDays = d; session.render(); } };
  }

  it('says when no folder is open, and when metrics are turned off', async () => {
    const none = setup({ repo: null });
    await none.session.refresh();
    assert.equal(none.session.view.status, 'empty');
    assert.equal(message(none.session.view), 'No folder is open.');
    const off = setup({ config: { ...DEFAULT_CONFIG, features: { ...DEFAULT_CONFIG.features, metrics: false } } });
    await off.session.refresh();
    assert.equal(message(off.session.view), 'Deploy metrics are turned off for this repository.');
    const why = setup({ config: { ...DEFAULT_CONFIG, features: { ...DEFAULT_CONFIG.features, metrics: false } }, whyOff: () => 'features.metrics is false in this repository’s .dx/pulse.yaml' });
    await why.session.refresh();
    assert.equal(why.session.view.status === 'empty' && why.session.view.hint, 'features.metrics is false in this repository’s .dx/pulse.yaml.');
  });

  it('reads deployments from git tags, shows loading first, and counts them in the chosen window', async () => {
    const { session, views, setWindow } = setup();
    await session.refresh();
    assert.equal(views[0]!.status, 'loading');
    const v = session.view;
    assert.equal(v.status, 'ready');
    if (v.status !== 'ready') return;
    assert.equal(v.source, 'git');
    assert.equal(v.deployments.length, 4);
    assert.equal(v.refreshing, false);
    setWindow(7);
    assert.equal(session.view.status === 'ready' && session.view.windowDays, 7);
  });

  it('shows the cached data at once in a new window, and keeps it (marked stale) when the refresh fails', async () => {
    const first = setup();
    await first.session.refresh();
    const failing: Platform = { getDeployments: () => Promise.reject(new Error('connect ECONNREFUSED')) };
    const config: PulseConfig = { ...DEFAULT_CONFIG, metrics: { ...DEFAULT_CONFIG.metrics, source: 'platform' } };
    const second = setup({ cacheDir: first.cacheDir, config, platform: () => failing });
    await second.session.refresh();
    const shown = second.views.find((v) => v.status === 'ready');
    assert.ok(shown && shown.status === 'ready' && shown.refreshing, 'the cached numbers were on screen while refreshing');
    const v = second.session.view;
    assert.ok(v.status === 'ready' && v.stale === 'connect ECONNREFUSED' && v.deployments.length === 4);
    assert.ok(second.log.lines.some((l) => l.includes('refreshing metrics failed')));
  });

  it('shows the error and what to do about it when there is nothing to fall back on', async () => {
    const config: PulseConfig = { ...DEFAULT_CONFIG, metrics: { ...DEFAULT_CONFIG.metrics, source: 'platform' } };
    const { session } = setup({ config });
    await session.refresh();
    const v = session.view;
    assert.equal(v.status, 'error');
    assert.equal(message(v), 'Could not read deployments: no platform is configured');
    assert.match(v.status === 'error' ? v.hint ?? '' : '', /dxPulse\.platform\.url/);
  });

  it('drops the answer of a refresh that a newer one overtook', async () => {
    let release!: () => void;
    let asked!: () => void;
    const wasAsked = new Promise<void>((r) => (asked = r));
    const slow: Platform = {
      getDeployments: () => new Promise((resolve) => {
        release = () => resolve({ stale: false, fetchedAt: now, data: { service: 'shop', since: new Date(now - DAY).toISOString(), until: new Date(now).toISOString(), deployments: [] } });
        asked();
      }),
    };
    let platformThere = true;
    const config: PulseConfig = { ...DEFAULT_CONFIG, metrics: { ...DEFAULT_CONFIG.metrics, source: 'auto' } };
    const { session } = setup({ config, platform: () => (platformThere ? slow : undefined) });
    const first = session.refresh();
    await wasAsked;
    platformThere = false;
    await session.refresh(); // no platform now: git
    release();
    await first;
    const v = session.view;
    assert.ok(v.status === 'ready' && v.source === 'git' && v.deployments.length === 4, 'the older, empty platform answer did not replace the newer one');
  });

  it('uses the service named in the configuration over the folder name', async () => {
    const seen: string[] = [];
    const platform: Platform = { getDeployments: async (service) => (seen.push(service), { stale: false, fetchedAt: now, data: { service, since: new Date(now - DAY).toISOString(), until: new Date(now).toISOString(), deployments: [] } }) };
    const config: PulseConfig = { ...DEFAULT_CONFIG, metrics: { ...DEFAULT_CONFIG.metrics, service: 'checkout' } };
    const { session } = setup({ config, platform: () => platform });
    await session.refresh();
    assert.deepEqual(seen, ['checkout']);
    assert.equal(session.view.status, 'empty');
    assert.match(message(session.view) ?? '', /No deployments found/);
  });
});
