import * as vscode from 'vscode';
import { Disposable, Emitter } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { buildRepoProfile } from '../core/docs/repoProfile';
import { ruleOf } from '../core/goldenPath/definition';
import { evaluateGoldenPath, goldenPathEventData, scorecardKey, type Scorecard } from '../core/goldenPath/evaluate';
import type { EventRecorder } from '../core/events/recorder';
import type { GoldenPathView } from '../protocol/sidebar';
import type { ConfigService } from './configService';
import { PROFILE_GLOB, workspaceRepoFiles } from './docsController';
import { PathWatchers } from './workspaceFiles';
import type { OpenRepo, WorkspaceRepo } from './workspaceRepo';

/** Per repository (its key): the results last reported, so a reload reports nothing new. */
export const LAST_REPORTED_KEY = 'dxPulse.goldenPath.lastReported';

export interface GoldenPathControllerOptions {
  readonly config: ConfigService;
  readonly repo: WorkspaceRepo;
  readonly recorder: Pick<EventRecorder, 'record'>;
  readonly workspaceState: vscode.Memento;
  readonly log: Log;
}

/**
 * The repository's golden-path scorecard. Evaluates the configured checks (pure core:
 * src/core/goldenPath) over the workspace's files when the repo, the configuration or a
 * file a check reads changes, and records `goldenPath.evaluated` only when the results
 * differ from the last ones reported for this repository.
 */
export class GoldenPathController extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private readonly _log: Log;
  private readonly _watchers: PathWatchers;
  private _card: Scorecard | undefined;
  private _evaluatedAt = 0;
  private _running: Promise<void> = Promise.resolve();

  constructor(private readonly o: GoldenPathControllerOptions) {
    super();
    this._log = scopedLog(o.log, 'goldenPath');
    this._watchers = this._register(new PathWatchers(() => void this.evaluate()));
    this._register(o.config.onDidChange(() => void this.evaluate()));
    this._register(o.repo.onDidChange(() => void this.evaluate()));
    // In the background: activate() never waits for the file system.
    setTimeout(() => void this.evaluate(), 0);
  }

  get view(): GoldenPathView {
    const checks = this.o.config.config.goldenPath.checks;
    if (checks.length === 0) return { status: 'none' };
    if (!this._card) return { status: 'loading' };
    return { status: 'ready', passed: this._card.passed, total: this._card.total, evaluatedAt: this._evaluatedAt, checks: this._card.results.map((r) => ({ ...r })) };
  }

  /** Where a failing check says to look: a docs entry id or a URL. */
  linkOf(checkId: string): { docId?: string; docUrl?: string } | undefined {
    const r = this._card?.results.find((x) => x.id === checkId);
    return r ? { ...(r.docId ? { docId: r.docId } : {}), ...(r.docUrl ? { docUrl: r.docUrl } : {}) } : undefined;
  }

  /** Evaluates again (one run at a time; a request during a run runs once after it). */
  evaluate(): Promise<void> {
    this._running = this._running.then(() => this._evaluate());
    return this._running;
  }

  private async _evaluate(): Promise<void> {
    try {
      const repo = await this.o.repo.ready;
      const checks = this.o.config.config.goldenPath.checks;
      const paths = checks.flatMap((c) => {
        const { rule } = ruleOf(c);
        return rule === 'fileExists' ? [c.fileExists!] : rule === 'fileMatches' ? [c.fileMatches!.path] : [];
      });
      this._watchers.reconcile(repo?.folder, checks.length ? [PROFILE_GLOB, ...paths] : []);
      if (!repo || checks.length === 0) {
        this._card = undefined;
        this._onDidChange.fire();
        return;
      }
      const files = workspaceRepoFiles(repo.folder);
      const card = await evaluateGoldenPath(checks, files, await buildRepoProfile(files, { remote: repo.normalizedRemote }));
      this._card = card;
      this._evaluatedAt = Date.now();
      this._log.info(`${card.passed} of ${card.total} golden-path check(s) pass`);
      this._onDidChange.fire();
      this._report(repo, card);
    } catch (e) {
      this._log.error(`evaluating the golden path failed: ${errorMessage(e)}`);
    }
  }

  private _report(repo: OpenRepo, card: Scorecard): void {
    // The platform attributes results to a repository by its remote: without one there is nothing to report.
    if (!repo.normalizedRemote) return;
    const key = scorecardKey(card);
    const last = this.o.workspaceState.get<Record<string, string>>(LAST_REPORTED_KEY, {});
    if (last[repo.key] === key) return;
    // Not recorded (sharing off): remembered as unreported, so turning sharing on reports it.
    if (!this.o.recorder.record('goldenPath.evaluated', goldenPathEventData(card))) return;
    void this.o.workspaceState.update(LAST_REPORTED_KEY, { ...last, [repo.key]: key });
  }
}
