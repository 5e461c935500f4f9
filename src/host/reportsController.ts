import * as vscode from 'vscode';
import type { Clock } from '../core/common/clock';
import { Disposable, Emitter, toDisposable } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import type { EventEnvelope } from '../core/events/envelope';
import { YourReports, type MatchedReport } from '../core/feedback/yourReports';
import type { PlatformClient } from '../core/platform/client';
import type { ReportsView } from '../protocol/sidebar';
import { keyedStore } from './mementoStore';

/** The published statuses are fetched again at most this often on a timer. */
export const REPORTS_REFRESH_MS = 10 * 60_000;
/** ...and when the window gains focus, if the last fetch is older than this. */
const FOCUS_REFRESH_MS = 30_000;

export interface ReportsControllerOptions {
  readonly globalState: vscode.Memento;
  /** The platform client when a platform is configured (DeliveryController.client). */
  readonly platform: () => PlatformClient | undefined;
  /** The developer's own "off" (TelemetryGate.developerOff): then nothing is fetched. */
  readonly developerOff: () => boolean;
  readonly clock: Clock;
  readonly log: Log;
}

/**
 * "Your reports" (#18): keeps the ids of the friction reports this install sends, fetches
 * the whole list of published statuses (never asking for its own ids), matches locally
 * (core/feedback/yourReports.ts), and tells once when one was marked fixed.
 */
export class ReportsController extends Disposable {
  private readonly _log: Log;
  private readonly _reports: YourReports;
  private readonly _onDidChange = this._register(new Emitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidAnnounce = this._register(new Emitter<readonly MatchedReport[]>());
  /** Reports newly marked fixed, each handed over once ever (persisted before it fires). */
  readonly onDidAnnounce = this._onDidAnnounce.event;
  /** Refreshes run one after another, so each one asked for sees the platform as it is then. */
  private _chain: Promise<void> = Promise.resolve();
  private _pending = 0;
  private _fetchedAt: number | undefined;
  private _lastTry = 0;
  private _problem: string | undefined;

  constructor(private readonly o: ReportsControllerOptions) {
    super();
    this._log = scopedLog(o.log, 'reports');
    this._reports = new YourReports(keyedStore(o.globalState, 'dxPulse.reports.', this._log), o.clock);
    const timer = setInterval(() => void this.refresh(), REPORTS_REFRESH_MS);
    this._register(toDisposable(() => clearInterval(timer)));
    this._register(vscode.window.onDidChangeWindowState((w) => {
      if (w.focused && o.clock.now() - this._lastTry > FOCUS_REFRESH_MS) void this.refresh();
    }));
    setTimeout(() => void this.refresh(), 0);
  }

  /** A recorded event: a friction report's id and text are kept (the recorder's sink calls this). */
  recorded(event: EventEnvelope): void {
    if (event.kind !== 'friction.reported') return;
    const text = (event.data as { text?: unknown }).text;
    this._reports.remember(event.id, typeof text === 'string' ? text : '');
    this._onDidChange.fire();
  }

  view(): ReportsView {
    const matched = this._reports.matched;
    if (matched.length === 0) return { status: 'none' };
    return {
      status: 'ready',
      reports: matched.map((m) => ({ id: m.id, text: m.text, sentAt: m.sentAt, status: m.status, ...(m.changelogId ? { changelogId: m.changelogId } : {}) })),
      ...(this._fetchedAt !== undefined ? { fetchedAt: this._fetchedAt } : {}),
      refreshing: this._pending > 0,
      ...(this._problem ? { problem: this._problem } : {}),
    };
  }

  /** Fetches the published list and matches it, unless there is nothing to look up or it may not. */
  refresh(): Promise<void> {
    this._pending++;
    this._chain = this._chain.then(() => this._refresh()).catch((e: unknown) => this._log.error(`refreshing the report statuses failed: ${errorMessage(e)}`)).finally(() => {
      this._pending--;
      this._onDidChange.fire();
    });
    return this._chain;
  }

  private async _refresh(): Promise<void> {
    if (!this._reports.hasReports) return;
    this._lastTry = this.o.clock.now();
    const client = this.o.platform();
    if (this.o.developerOff()) {
      this._problem = vscode.l10n.t('Statuses are not fetched while VS Code telemetry (or dxPulse.telemetry.level) is off.');
      return;
    }
    if (!client) {
      this._problem = vscode.l10n.t('No platform is configured (dxPulse.platform.url), so no status can arrive.');
      return;
    }
    this._onDidChange.fire();
    try {
      const got = await client.getFeedbackStatuses();
      const { announce } = this._reports.apply(got.data.statuses);
      this._fetchedAt = got.fetchedAt;
      this._problem = got.stale ? vscode.l10n.t('Could not refresh the statuses: {0}', got.error?.message ?? '') : undefined;
      if (announce.length > 0) this._onDidAnnounce.fire(announce);
    } catch (e) {
      this._problem = vscode.l10n.t('Could not fetch the statuses: {0}', errorMessage(e));
      this._log.warn(`fetching the published statuses failed: ${errorMessage(e)}`);
    }
  }
}
