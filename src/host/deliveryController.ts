import * as vscode from 'vscode';
import * as path from 'node:path';
import { systemClock } from '../core/common/clock';
import { Disposable, Emitter, MutableDisposable } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import type { OutboxSource } from '../core/outbox/types';
import { featureAllows } from '../core/privacy/gate';
import { PlatformClient } from '../core/platform/client';
import { DeliveryLoop, type DeliveryHealth } from '../core/platform/delivery';
import { FileLease } from '../core/platform/lease';
import { OtlpSink } from '../core/platform/otlp';
import { CompositeSink, PlatformSink, type Sink } from '../core/platform/sink';
import type { HttpTransport } from '../core/platform/transport';
import type { ConfigService } from './configService';
import type { PlatformAuth } from './platformAuth';
import type { TelemetryGate } from './telemetryGate';

const KICK_DEBOUNCE_MS = 2000;

export type DeliveryStatus =
  | { readonly state: 'notConfigured' }
  | { readonly state: 'paused'; readonly reason: string }
  | { readonly state: 'misconfigured'; readonly message: string }
  | DeliveryHealth;

export interface DeliveryControllerOptions {
  readonly outbox: OutboxSource;
  readonly config: ConfigService;
  readonly gate: TelemetryGate;
  readonly auth: PlatformAuth;
  readonly transport: HttpTransport;
  readonly storageDir: string;
  readonly windowId: string;
  readonly userAgent: string;
  readonly log: Log;
}

/**
 * Owns the delivery loop: builds it from the settings (platform, OTLP, or both over one
 * outbox cursor), rebuilds it when they change, and reports one status for the UI.
 */
export class DeliveryController extends Disposable {
  private readonly _onDidChangeStatus = this._register(new Emitter<DeliveryStatus>());
  readonly onDidChangeStatus = this._onDidChangeStatus.event;
  private readonly _loop = this._register(new MutableDisposable<DeliveryLoop>());
  private readonly _lease: FileLease;
  private readonly _log: Log;
  private _status: DeliveryStatus = { state: 'notConfigured' };
  private _client: PlatformClient | undefined;
  private _built: { url?: string; otlp?: string; batchSize?: number; intervalSeconds?: number } = {};
  private _kickTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly o: DeliveryControllerOptions) {
    super();
    this._log = scopedLog(o.log, 'delivery');
    this._lease = this._register(new FileLease({ dir: o.storageDir, ownerId: o.windowId, clock: systemClock, log: o.log }));
    this._register(o.config.onDidChange((c) => {
      const b = this._built;
      if (c.platform.url !== b.url || c.platform.otlpEndpoint !== b.otlp || c.local.delivery.batchSize !== b.batchSize || c.local.delivery.intervalSeconds !== b.intervalSeconds) this._rebuild();
    }));
    this._register(o.gate.onDidChange(() => {
      this._loop.value?.allowedChanged();
      this._setStatus(this._loop.value ? this._loop.value.health : this._status);
    }));
    this._register(o.auth.onDidChange(() => this._loop.value?.credentialsChanged()));
    this._rebuild();
  }

  get status(): DeliveryStatus {
    if (!this.o.gate.allowed && this._loop.value) return { state: 'paused', reason: vscode.l10n.t('Sharing is off (VS Code telemetry or dxPulse.telemetry.level).') };
    return this._status;
  }

  /** The platform API client, when a platform is configured (views fetch through it). */
  get client(): PlatformClient | undefined {
    return this._client;
  }

  get deliveredTotal(): number {
    return this._loop.value?.deliveredTotal ?? 0;
  }

  /**
   * New events were recorded: deliver soon, not at once, so a burst (a build loop, a
   * test watcher) becomes one request. Backoff and rate limits still apply.
   */
  kick(): void {
    if (this._kickTimer) return;
    this._kickTimer = setTimeout(() => {
      this._kickTimer = undefined;
      this._loop.value?.kick();
    }, KICK_DEBOUNCE_MS);
  }

  override dispose(): void {
    clearTimeout(this._kickTimer);
    super.dispose();
  }

  retryNow(): void {
    this._loop.value?.acknowledgeDrops();
    this._loop.value?.credentialsChanged();
    this._loop.value?.kick();
  }

  /** On deactivate: deliver what can be delivered within the bound. */
  async flush(timeoutMs: number): Promise<void> {
    await this._loop.value?.flush(timeoutMs);
  }

  private _rebuild(): void {
    this._loop.value = undefined;
    this._client = undefined;
    const sinks: Sink[] = [];
    const platformUrl = this.o.config.config.platform.url?.trim();
    const otlpEndpoint = this.o.config.config.platform.otlpEndpoint?.trim();
    const { batchSize, intervalSeconds } = this.o.config.config.local.delivery;
    this._built = { url: platformUrl, otlp: otlpEndpoint, batchSize, intervalSeconds };
    try {
      if (platformUrl) {
        this._client = new PlatformClient({
          baseUrl: platformUrl,
          getToken: () => this.o.auth.getToken(platformUrl),
          transport: this.o.transport,
          log: this.o.log,
          clock: systemClock,
          cacheDir: path.join(this.o.storageDir, 'cache'),
          userAgent: this.o.userAgent,
        });
        sinks.push(new PlatformSink(this._client));
      }
      if (otlpEndpoint) sinks.push(new OtlpSink({ endpoint: otlpEndpoint, transport: this.o.transport, clock: systemClock }));
    } catch (e) {
      this._log.error(`delivery is not configured correctly: ${errorMessage(e)}`);
      this._setStatus({ state: 'misconfigured', message: errorMessage(e) });
      return;
    }
    if (sinks.length === 0) {
      this._setStatus({ state: 'notConfigured' });
      return;
    }
    const loop = new DeliveryLoop({
      outbox: this.o.outbox,
      sink: sinks.length === 1 ? sinks[0]! : new CompositeSink(sinks),
      log: this.o.log,
      clock: systemClock,
      isAllowed: () => this.o.gate.allowed,
      maySend: (e) => this.o.gate.mayRecord(e.kind) && featureAllows(this.o.config.config.features, e.kind),
      lease: this._lease,
      batchSize,
      intervalMs: intervalSeconds * 1000,
    });
    // The loop's emitter dies with the loop, so this listener needs no disposable of its own.
    loop.onDidChangeHealth((h) => this._setStatus(h));
    this._loop.value = loop;
    loop.start();
    this._log.info(`delivering to ${sinks.map((s) => s.name).join(' and ')}`);
    this._setStatus(loop.health);
  }

  private _setStatus(s: DeliveryStatus): void {
    this._status = s;
    this._onDidChangeStatus.fire(this.status);
  }
}
