import * as vscode from 'vscode';
import { Disposable } from '../core/common/lifecycle';
import type { MatchedReport } from '../core/feedback/yourReports';
import { plainText } from '../core/common/plainText';
import type { ReportsController } from '../host/reportsController';

/**
 * "You said, we did": one notification when reports this developer sent are marked fixed.
 * The controller hands each over once, ever; the notification links the changelog entry
 * (opened in the doc viewer) when the platform team named one.
 */
export class ReportsNotification extends Disposable {
  constructor(
    reports: ReportsController,
    private readonly _openChangelog: (entryId: string) => Promise<void>,
    private readonly _showSidebar: () => Promise<void>,
  ) {
    super();
    this._register(reports.onDidAnnounce((fixed) => void this._show(fixed)));
  }

  private async _show(fixed: readonly MatchedReport[]): Promise<void> {
    const first = fixed[0];
    if (!first) return;
    const changelogId = fixed.length === 1 ? first.changelogId : undefined;
    const whatChanged = vscode.l10n.t('What changed');
    const show = vscode.l10n.t('Show my reports');
    const message =
      fixed.length === 1
        ? vscode.l10n.t('You said, we did: your report "{0}" was marked fixed by your platform team.', plainText(first.text.length > 80 ? `${first.text.slice(0, 79)}…` : first.text))
        : vscode.l10n.t('You said, we did: {0} of your reports were marked fixed by your platform team.', fixed.length);
    const pick = await vscode.window.showInformationMessage(message, ...(changelogId ? [whatChanged] : []), show);
    if (pick === whatChanged && changelogId) await this._openChangelog(changelogId);
    else if (pick === show) await this._showSidebar();
  }
}
