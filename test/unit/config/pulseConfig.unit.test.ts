import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG, loadPulseConfig } from '../../../src/core/config/pulseConfig';
import { isAllowedEndpoint } from '../../../src/core/common/urls';
import { mergeConfigLayers } from '../../../src/core/config/precedence';

describe('loadPulseConfig', () => {
  it('loads a full valid file without diagnostics', () => {
    const text = [
      'version: 1',
      'features: {surveys: false}',
      'metrics:',
      '  source: github',
      '  deployTagPattern: "release-*"',
      'signals:',
      '  stuck: {failures: 4, windowMinutes: 15}',
      '  commandPatterns:',
      '    test: ["make check"]',
      'docs:',
      '  sources:',
      '    - {type: markdownChangelog, url: CHANGELOG.md}',
      '  links:',
      '    - {title: Runbook, url: https://wiki.example.com/runbook}',
      'surveys:',
      '  - template: platform-nps',
      'privacy: {shareRepoNames: false, telemetryLevel: signals}',
    ].join('\n');
    const r = loadPulseConfig(text);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.value?.metrics?.source, 'github');
    assert.equal(r.value?.docs?.sources?.[0]?.type, 'markdownChangelog');
  });

  it('reports a bad section at its line while the other sections load', () => {
    const r = loadPulseConfig('features:\n  metrics: yes\nmetrics:\n  source: gitlab\ndocs:\n  links:\n    - {title: A, url: https://a}\n');
    assert.deepEqual(r.value, { features: {}, metrics: {}, docs: { links: [{ title: 'A', url: 'https://a' }] } });
    assert.deepEqual(
      r.diagnostics.map((d) => [d.range.startLine, d.message]),
      [
        [1, "features.metrics: expected true or false; got 'yes'; features.metrics is ignored until this is fixed"],
        [3, "metrics.source: expected one of auto, platform, github, git; got 'gitlab'; metrics.source is ignored until this is fixed"],
      ],
    );
  });

  it('rejects a plain-http platform URL except on loopback', () => {
    assert.equal(isAllowedEndpoint('http://dx.example.com'), false);
    assert.equal(isAllowedEndpoint('http://127.0.0.1:8080'), true);
    assert.equal(isAllowedEndpoint('http://localhost:3000/v1'), true);
    assert.equal(isAllowedEndpoint('https://dx.example.com'), true);
    assert.equal(isAllowedEndpoint('not a url'), false);
    const r = loadPulseConfig('platform:\n  url: http://dx.example.com\n');
    assert.match(r.diagnostics[0]!.message, /^platform\.url: expected an https:\/\/ URL/);
  });

  it('warns at its line that a platform section is ignored, and drops it (a repo cannot choose a destination)', () => {
    const r = loadPulseConfig('metrics:\n  source: git\nplatform:\n  otlpEndpoint: https://collector.attacker.example\n');
    assert.equal(r.value?.platform, undefined);
    assert.equal(r.value?.metrics?.source, 'git');
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0]!.severity, 'warning');
    assert.equal(r.diagnostics[0]!.range.startLine, 2);
    assert.match(r.diagnostics[0]!.message, /^platform: ignored: a repository cannot choose where DX Pulse sends events\. Set dxPulse\.platform\.url/);
  });

  it('reports an unknown survey template at its line, with the known names', () => {
    const r = loadPulseConfig('surveys:\n  - template: platform-nps\n  - template: nps\n');
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0]!.range.startLine, 2);
    assert.match(r.diagnostics[0]!.message, /^surveys\[1\]\.template: unknown survey template 'nps'; known: platform-nps,/);
  });

  it('rejects a deploy branch that git would read as an option', () => {
    const r = loadPulseConfig('metrics:\n  deployBranch: --output=../out.sh\n');
    assert.equal(r.value?.metrics?.deployBranch, undefined);
    assert.match(r.diagnostics[0]!.message, /^metrics\.deployBranch: expected a branch name .*never starting with "-"/);
  });

  it('reports a /regular expression/ pattern that does not compile and accepts globs', () => {
    const r = loadPulseConfig('metrics:\n  deployTagPattern: "release-*"\n  hotfixPattern: "/(unclosed/"\n');
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0]!.range.startLine, 2);
    assert.match(r.diagnostics[0]!.message, /^metrics\.hotfixPattern: expected a glob such as v\* or a \/regular expression\/ that compiles/);
    assert.deepEqual(r.value?.metrics, { deployTagPattern: 'release-*' });
  });
});

describe('mergeConfigLayers', () => {
  const base = { editorTelemetryEnabled: true };

  it('returns the defaults when no layer says anything', () => {
    const { config, sources } = mergeConfigLayers(base);
    assert.deepEqual(config, DEFAULT_CONFIG);
    assert.deepEqual(sources, {});
  });

  it('lets user settings beat the repo file, and the repo file beat the platform', () => {
    const { config, sources } = mergeConfigLayers({
      ...base,
      platform: { metrics: { source: 'platform', environment: 'prod' }, features: { surveys: false } },
      repo: { metrics: { source: 'git', deployBranch: 'trunk' } },
      user: { metrics: { source: 'github' } },
    });
    assert.equal(config.metrics.source, 'github');
    assert.equal(config.metrics.deployBranch, 'trunk');
    assert.equal(config.metrics.environment, 'prod');
    assert.equal(config.metrics.githubApiUrl, DEFAULT_CONFIG.metrics.githubApiUrl);
    assert.equal(config.features.surveys, false);
    assert.equal(config.features.metrics, true);
    assert.deepEqual(sources, {
      'metrics.source': 'user',
      'metrics.deployBranch': 'repo',
      'metrics.environment': 'platform',
      'features.surveys': 'platform',
    });
  });

  it('extends docs links from the platform with the repo ones, the repo winning on the same url', () => {
    const { config } = mergeConfigLayers({
      ...base,
      platform: { docs: { links: [{ title: 'Org handbook', url: 'https://h' }, { title: 'Old', url: 'https://x' }] } },
      repo: { docs: { links: [{ title: 'Repo runbook', url: 'https://r' }, { title: 'New', url: 'https://x' }] } },
    });
    assert.deepEqual(config.docs.links.map((l) => l.title), ['Repo runbook', 'New', 'Org handbook']);
  });

  it('never lets the repo file turn sharing on: the most restrictive privacy value wins', () => {
    const { config, sources } = mergeConfigLayers({
      ...base,
      user: { privacy: { telemetryLevel: 'signals' } },
      repo: { privacy: { shareRepoNames: true, telemetryLevel: 'all' } },
      platform: { privacy: { shareRepoNames: true } },
    });
    assert.equal(config.privacy.shareRepoNames, false);
    assert.equal(config.privacy.telemetryLevel, 'signals');
    assert.equal(sources['privacy.telemetryLevel'], 'user');
    assert.equal(sources['privacy.shareRepoNames'], undefined);
  });

  it('lets the repo file or the platform lower sharing even when the user allowed more', () => {
    const { config, sources } = mergeConfigLayers({
      ...base,
      user: { privacy: { shareRepoNames: true, telemetryLevel: 'all' } },
      repo: { privacy: { telemetryLevel: 'signals' } },
      platform: { privacy: { shareRepoNames: false, telemetryLevel: 'off' } },
    });
    assert.equal(config.privacy.telemetryLevel, 'off');
    assert.equal(config.privacy.shareRepoNames, false);
    assert.equal(sources['privacy.telemetryLevel'], 'platform');
    assert.equal(sources['privacy.shareRepoNames'], 'platform');
  });

  it('sends nothing when VS Code telemetry is off, whatever the layers say', () => {
    const { config } = mergeConfigLayers({ ...base, editorTelemetryEnabled: false, user: { privacy: { telemetryLevel: 'all' } } });
    assert.equal(config.privacy.telemetryLevel, 'off');
  });

  it('takes destinations from the user layer only: a trusted repo or the platform adding an OTLP sink is ignored', () => {
    const { config } = mergeConfigLayers({
      ...base,
      user: { platform: { url: 'https://dx.example.com' } },
      repo: { platform: { otlpEndpoint: 'https://collector.attacker.example' } },
      platform: { platform: { url: 'https://other.example.com', otlpEndpoint: 'https://x.example' } },
    });
    assert.deepEqual(config.platform, { url: 'https://dx.example.com', otlpEndpoint: undefined });
  });

  it('does not modify DEFAULT_CONFIG or the layers', () => {
    const repo = { docs: { links: [{ title: 'A', url: 'https://a' }] } };
    mergeConfigLayers({ ...base, repo });
    assert.deepEqual(DEFAULT_CONFIG.docs.links, []);
    assert.equal(repo.docs.links.length, 1);
  });
});

describe('loadPulseConfig docs.links (#17 item 15)', () => {
  it('keeps a link\'s summary and tags, without an "unknown key" warning', () => {
    const r = loadPulseConfig('docs:\n  links:\n    - {title: Runbook, url: "https://wiki.example.com/runbook", summary: How we deploy, tags: [deploy, oncall]}\n');
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.value?.docs?.links, [{ title: 'Runbook', url: 'https://wiki.example.com/runbook', summary: 'How we deploy', tags: ['deploy', 'oncall'] }]);
  });
});
