import { Disposable, toDisposable, type Event } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import type { OnboardingDefinition } from '../core/onboarding/definition';
import type { PlatformClient } from '../core/platform/client';
import { repoConfigToLayer } from '../core/platform/repoConfigLayer';
import { configuredRepoIdentity } from '../core/privacy/repoIdentity';
import type { ConfigService } from './configService';
import type { DeliveryController } from './deliveryController';
import type { WorkspaceRepo } from './workspaceRepo';

const REFRESH_MS = 30 * 60_000;

/**
 * Keeps the platform's configuration for the open repo (features, surveys, docs sources)
 * as the lowest layer of the merged configuration. Works from the on-disk copy when the
 * platform is unreachable; never blocks activation.
 */
export class PlatformConfigSync extends Disposable {
  private readonly _log: Log;
  private _client: PlatformClient | undefined;
  private _generation = 0;

  constructor(
    private readonly _delivery: DeliveryController,
    /** Signing in or out refetches at once, rather than at the next 30-minute refresh. */
    onDidChangeCredentials: Event<void>,
    private readonly _repo: WorkspaceRepo,
    private readonly _config: ConfigService,
    /** Receives the platform's onboarding checklist (undefined when it has none). */
    private readonly _onChecklist: (def: OnboardingDefinition | undefined) => void,
    log: Log,
  ) {
    super();
    this._log = scopedLog(log, 'platform-config');
    // The client is rebuilt when the platform URL changes; health changes are ignored.
    this._register(_delivery.onDidChangeStatus(() => this._delivery.client !== this._client && void this.refresh()));
    this._register(_repo.onDidChange(() => void this.refresh()));
    this._register(onDidChangeCredentials(() => void this.refresh()));
    const timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this._register(toDisposable(() => clearInterval(timer)));
  }

  async refresh(): Promise<void> {
    const generation = ++this._generation;
    const client = (this._client = this._delivery.client);
    const repo = await this._repo.ready;
    if (generation !== this._generation) return;
    if (!client || !repo?.normalizedRemote) {
      this._config.setPlatformLayer(undefined);
      this._onChecklist(undefined);
      return;
    }
    const repoId = configuredRepoIdentity(this._config.config, repo.normalizedRemote).id;
    try {
      const res = await client.getRepoConfig(repoId);
      if (generation !== this._generation) return;
      if (res.stale && res.error) this._log.warn(`using the last known platform configuration (${new Date(res.fetchedAt).toISOString()}): ${res.error.message}`);
      const { layer, onboarding, problems } = repoConfigToLayer(res.data);
      for (const p of problems) this._log.warn(p);
      this._config.setPlatformLayer(layer);
      this._onChecklist(onboarding);
    } catch (e) {
      this._log.warn(`could not read the platform configuration for this repo: ${errorMessage(e)}. Repo file and settings still apply.`);
    }
  }
}
