import * as vscode from 'vscode';
import { Disposable } from '../core/common/lifecycle';
import { plainText } from '../core/common/plainText';
import type { EventRecorder } from '../core/events/recorder';
import type { StuckOffer } from '../core/signals/stuckDetector';
import type { SignalsController } from '../host/signalsController';

export interface HelpLink {
  readonly title: string;
  readonly detail?: string;
  open(): void;
}

/**
 * One gentle, non-modal offer per failure streak (the detector never repeats it for the
 * same streak): see help for the failing command, or tell the platform team.
 */
export class StuckNotification extends Disposable {
  constructor(
    signals: SignalsController,
    private readonly _recorder: EventRecorder,
    private readonly _helpFor: (command: string) => readonly HelpLink[],
  ) {
    super();
    this._register(signals.onDidStuck((offer) => void this._offer(offer)));
  }

  private async _offer(offer: StuckOffer): Promise<void> {
    const help = this._helpFor(offer.command);
    const seeHelp = help.length > 0 ? vscode.l10n.t('See Help ({0})', help.length) : vscode.l10n.t('Search Platform Docs');
    const report = vscode.l10n.t('Report Friction');
    const pick = await vscode.window.showInformationMessage(
      vscode.l10n.t('`{0}` has failed {1} times in the last {2} minutes. Stuck? DX Pulse can point you to help, or tell your platform team.', plainText(offer.command), offer.failures, offer.windowMinutes),
      seeHelp,
      report,
    );
    this._recorder.record('stuck.helpChosen', { choice: pick === report ? 'report' : pick ? 'help' : 'dismissed' });
    if (pick === report) {
      void vscode.commands.executeCommand('dxPulse.reportFriction');
    } else if (pick && help.length > 0) {
      const chosen = help.length === 1 ? help[0] : await vscode.window.showQuickPick(help.map((h) => ({ label: plainText(h.title), detail: plainText(h.detail) || undefined, h })), { title: vscode.l10n.t('Help for {0}', plainText(offer.command)) }).then((x) => x?.h);
      chosen?.open();
    } else if (pick) {
      void vscode.commands.executeCommand('dxPulse.searchDocs', offer.command);
    }
  }
}
