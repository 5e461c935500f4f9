import * as vscode from 'vscode';
import { Disposable, Emitter, MutableDisposable } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { featureOffReason, mergeConfigLayers, type ConfigSource } from '../core/config/precedence';
import { loadPulseConfig, PULSE_CONFIG_FILE, type PulseConfig, type PulseConfigLayer } from '../core/config/pulseConfig';
import { formatDiagnostic } from '../core/config/yamlLoader';
import { publishConfigDiagnostics } from './configDiagnostics';
import { Settings } from './settings';
import type { WorkspaceRepo } from './workspaceRepo';
import { readTextFile } from './workspaceFiles';

/**
 * The configuration every service reads: explicit user/machine settings, over the repo's
 * `.dx/pulse.yaml`, over the platform's configuration, over defaults; for privacy the
 * most restrictive value wins. Mistakes in the repo file go to the Problems panel and
 * the last good version keeps working.
 */
export class ConfigService extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<PulseConfig>());
  readonly onDidChange = this._onDidChange.event;
  private readonly _log: Log;
  private _repoLayer: PulseConfigLayer | undefined;
  private _platformLayer: PulseConfigLayer | undefined;
  private _config: PulseConfig;
  private _sources: Record<string, ConfigSource> = {};
  private readonly _watcher = this._register(new MutableDisposable<vscode.FileSystemWatcher>());
  private _watchGeneration = 0;

  /** The only reader of `dxPulse.*` settings: everything else reads the merged config. */
  private readonly _settings: Settings;

  constructor(
    private readonly _repo: WorkspaceRepo,
    private readonly _diagnostics: vscode.DiagnosticCollection,
    log: Log,
  ) {
    super();
    this._log = scopedLog(log, 'config');
    this._settings = this._register(new Settings(log));
    this._config = this._merge();
    this._register(this._settings.onDidChange(() => this._update()));
    this._register(vscode.env.onDidChangeTelemetryEnabled(() => this._update()));
    // WorkspaceRepo fires once it has resolved the first repo, and on every change.
    this._register(_repo.onDidChange(() => void this._watchRepoFile()));
  }

  get config(): PulseConfig {
    return this._config;
  }

  /** Why a feature is off, naming the layer that turned it off (for views and the log). */
  whyOff(feature: keyof PulseConfig['features']): string {
    return featureOffReason(feature, this._sources);
  }

  /** The platform's configuration for this repo (fetched by the platform client). */
  setPlatformLayer(layer: PulseConfigLayer | undefined): void {
    this._platformLayer = layer;
    this._update();
  }

  private async _watchRepoFile(): Promise<void> {
    const generation = ++this._watchGeneration;
    this._watcher.value = undefined;
    const repo = await this._repo.ready;
    if (!repo || generation !== this._watchGeneration) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(repo.folder, PULSE_CONFIG_FILE));
    this._watcher.value = watcher;
    const reload = () => void this._loadRepoFile(vscode.Uri.joinPath(repo.folder, PULSE_CONFIG_FILE));
    // The watcher's own listeners die with it.
    watcher.onDidCreate(reload);
    watcher.onDidChange(reload);
    watcher.onDidDelete(() => {
      this._diagnostics.delete(vscode.Uri.joinPath(repo.folder, PULSE_CONFIG_FILE));
      this._repoLayer = undefined;
      this._update();
    });
    await this._loadRepoFile(vscode.Uri.joinPath(repo.folder, PULSE_CONFIG_FILE));
  }

  private async _loadRepoFile(uri: vscode.Uri): Promise<void> {
    const text = await readTextFile(uri);
    if (text === undefined) return; // no repo file: nothing to load, nothing to report
    const result = loadPulseConfig(text);
    publishConfigDiagnostics(this._diagnostics, uri, result.diagnostics);
    for (const d of result.diagnostics) this._log.warn(formatDiagnostic(PULSE_CONFIG_FILE, d));
    if (result.value) {
      this._repoLayer = result.value;
      this._update();
    } else {
      this._log.warn(`${PULSE_CONFIG_FILE} could not be read; keeping the last good version until it is fixed`);
    }
  }

  private _update(): void {
    try {
      const before = this._config;
      this._config = this._merge();
      for (const [feature, on] of Object.entries(this._config.features) as [keyof PulseConfig['features'], boolean][]) {
        if (!on && before.features[feature] !== false) this._log.info(`${feature} is off: ${this.whyOff(feature)}`);
      }
      this._onDidChange.fire(this._config);
    } catch (e) {
      this._log.error(`merging the configuration failed: ${errorMessage(e)}`);
    }
  }

  private _merge(): PulseConfig {
    const resolved = mergeConfigLayers({
      user: this._userLayer(),
      repo: this._repoLayer,
      platform: this._platformLayer,
      editorTelemetryEnabled: vscode.env.isTelemetryEnabled,
      local: this._local(),
    });
    this._sources = resolved.sources;
    return resolved.config;
  }

  private _local(): PulseConfig['local'] {
    const s = this._settings;
    return {
      delivery: { batchSize: s.get('delivery.batchSize'), intervalSeconds: s.get('delivery.intervalSeconds') },
      outboxMaxEvents: s.get('outbox.maxEvents'),
      metricsWindow: s.get('metrics.window'),
      surveys: { enabled: s.get('surveys.enabled'), cooldownDays: s.get('surveys.cooldownDays'), sessionGraceMinutes: s.get('surveys.sessionGraceMinutes'), identifyAnswers: s.get('surveys.identifyAnswers') },
      userTelemetryLevel: s.get('telemetry.level'),
      repoIdSalt: s.get('privacy.repoIdSalt'),
      userCommandPatterns: s.userValue('signals.commandPatterns') ?? {},
      loadRemoteImages: s.get('docs.loadRemoteImages'),
      userUrls: (['platform.url', 'otlp.endpoint', 'docs.feedUrl', 'metrics.githubApiUrl'] as const).map((k) => s.userValue(k) ?? '').filter((u) => u !== ''),
    };
  }

  /** Only settings the user (or an admin) actually set: defaults must not hide the repo file. */
  private _userLayer(): PulseConfigLayer {
    const set = <K extends Parameters<Settings['get']>[0]>(key: K) => (this._settings.isSet(key) ? this._settings.get(key) : undefined);
    const feedUrl = set('docs.feedUrl');
    const layer: PulseConfigLayer = {
      platform: { url: set('platform.url') || undefined, otlpEndpoint: set('otlp.endpoint') || undefined },
      metrics: {
        source: set('metrics.source'),
        deployTagPattern: set('metrics.deployTagPattern'),
        hotfixPattern: set('metrics.hotfixPattern'),
        deployBranch: set('metrics.deployBranch') || undefined,
        githubApiUrl: set('metrics.githubApiUrl'),
      },
      signals: {
        stuck: { failures: set('signals.stuck.failures'), windowMinutes: set('signals.stuck.windowMinutes') },
        commandPatterns: set('signals.commandPatterns'),
      },
      // No type: the format is told from the response (a .md path, text/markdown, or the content).
      docs: feedUrl ? { sources: [{ url: feedUrl }] } : undefined,
      privacy: { telemetryLevel: set('telemetry.level'), shareRepoNames: set('privacy.shareRepoNames') },
    };
    return prune(layer) as PulseConfigLayer;
  }
}

/** Drops undefined leaves and the objects they leave empty. */
function prune(v: unknown): unknown {
  if (Array.isArray(v) || v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const p = prune(x);
    if (p === undefined) continue;
    if (typeof p === 'object' && !Array.isArray(p) && Object.keys(p as object).length === 0) continue;
    out[k] = p;
  }
  return out;
}
