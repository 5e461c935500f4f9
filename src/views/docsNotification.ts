import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../core/common/lifecycle';
import { plainText } from '../core/common/plainText';
import type { AffectedNotice } from '../core/docs/notices';
import type { DocsController } from '../host/docsController';
import type { DocOpener } from './docOpener';

/**
 * One non-modal warning when a breaking change or deprecation affects this repo. The
 * controller hands over each entry once, ever; several at once share one notification
 * (the most relevant one named, its migration guide one click away).
 */
export class DocsNotification extends Disposable {
  private _pending: AffectedNotice[] = [];
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private readonly _quietUntil: number;

  constructor(
    private readonly _docs: DocsController,
    private readonly _opener: DocOpener,
    /** Shows the sidebar scrolled to an entry ("Show in DX Pulse"). */
    private readonly _reveal: (entryId: string) => Promise<void>,
    /** Notices arriving this close together share one notification (sources land one after another at start-up). */
    private readonly _settleMs = 2000,
    /**
     * Nothing is shown in the first seconds of a window: the workbench is still restoring
     * (a notification raised then can be lost), and the developer has just arrived.
     */
    startupQuietMs = 10_000,
  ) {
    super();
    this._quietUntil = Date.now() + startupQuietMs;
    this._register(_docs.onDidFindAffecting((notices) => this._queue(notices)));
    this._register(toDisposable(() => clearTimeout(this._timer)));
  }

  private _queue(notices: readonly AffectedNotice[]): void {
    this._pending.push(...notices.filter((n) => !this._pending.some((p) => p.entryId === n.entryId)));
    clearTimeout(this._timer);
    this._timer = setTimeout(() => {
      // Most relevant first, as the sidebar ranks them.
      const order = new Map(this._docs.ranked.map((r, i) => [r.entry.id, i]));
      const notices = this._pending.sort((a, b) => (order.get(a.entryId) ?? 1e9) - (order.get(b.entryId) ?? 1e9));
      this._pending = [];
      void this._show(notices);
    }, Math.max(this._settleMs, this._quietUntil - Date.now()));
  }

  private async _show(notices: readonly AffectedNotice[]): Promise<void> {
    const first = notices[0];
    if (!first) return;
    const more = notices.length > 2 ? vscode.l10n.t(' {0} more platform changes affect this repository.', notices.length - 1) : notices.length > 1 ? vscode.l10n.t(' 1 more platform change affects this repository.') : '';
    const guide = vscode.l10n.t('Open Migration Guide');
    const show = vscode.l10n.t('Show in DX Pulse');
    const canGuide = !!first.migrationUrl || first.hasMigrationSteps;
    const pick = await vscode.window.showWarningMessage(`${plainText(first.message)}${more}`, ...(canGuide ? [guide, show] : [show]));
    if (pick === guide) await this._openGuide(first);
    else if (pick === show) await this._reveal(first.entryId);
  }

  private async _openGuide(notice: AffectedNotice): Promise<void> {
    const r = this._docs.ranked.find((x) => x.entry.id === notice.entryId);
    this._docs.markRead([notice.entryId]);
    if (r) this._docs.opened(r.entry);
    if (notice.migrationUrl) await this._opener.open({ kind: 'browser', url: notice.migrationUrl }, r?.entry.title ?? vscode.l10n.t('Migration guide'));
    else if (r?.entry.migration) this._opener.showMarkdown(`## ${vscode.l10n.t('Migration')}\n\n${r.entry.migration}\n`, r.entry.title, { baseUrl: r.entry.source && /^https?:\/\//i.test(r.entry.source) ? r.entry.source : undefined });
  }
}
