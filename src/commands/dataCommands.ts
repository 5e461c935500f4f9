import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { PRIVATE_FILE_MODE } from '../core/common/privateFiles';
import type { Outbox } from '../core/outbox/outbox';
import type { TelemetryGate } from '../host/telemetryGate';
import type { TestHooks } from './testHooks';

export const COLLECTED_DATA_URI = vscode.Uri.parse('dx-pulse-data:/DX%20Pulse%20collected%20data.json');

/** How many sent events Show Collected Data lists, newest first. */
export const SENT_SHOWN = 1000;

/** "1 event", "3 events". */
const events = (n: number): string => (n === 1 ? vscode.l10n.t('1 event') : vscode.l10n.t('{0} events', n));

/** Everything recorded, pending and sent, exactly as it is or would be sent. */
export function collectedData(outbox: Outbox, gate: TelemetryGate, destination: string | undefined): object {
  const stats = outbox.stats();
  const history = outbox.sentHistory(SENT_SHOWN);
  const pending = outbox.listPending();
  return {
    // The plain answer first; the exact events follow.
    summary: [
      destination ? vscode.l10n.t('{0} waiting to be sent to {1}.', events(pending.length), destination) : vscode.l10n.t('{0} waiting (no platform is configured: they stay on this machine).', events(pending.length)),
      history.complete ? vscode.l10n.t('{0} sent.', events(history.sent.length)) : vscode.l10n.t('{0} sent (the latest shown).', events(history.sent.length)),
      stats.lastDropReason ? vscode.l10n.t('{0} dropped (last: {1}).', events(stats.droppedCount), stats.lastDropReason) : vscode.l10n.t('{0} dropped.', events(stats.droppedCount)),
      gate.level === 'off' ? vscode.l10n.t('Sharing is off: nothing more is recorded for your platform.') : vscode.l10n.t('Sharing level: {0}.', gate.level),
    ],
    // Short lines: the document opens without word wrap (#14 item 21).
    about: [
      vscode.l10n.t('Every event DX Pulse recorded on this machine, exactly as it is, or would be, sent.'),
      vscode.l10n.t('Pending events wait in the outbox; sent ones were acknowledged by the platform.'),
    ],
    sharing: gate.level,
    stats,
    pending,
    // Says so when the list below is not every event ever sent (docs/privacy.md).
    sentComplete: history.complete,
    ...(history.note ? { sentNote: vscode.l10n.t('Not every sent event is listed: {0}', history.note) } : {}),
    sent: history.sent,
  };
}

/** DX Pulse: Show Collected Data, and its export to a JSON file. */
export function registerDataCommands(outbox: Outbox, gate: TelemetryGate, destination: () => string | undefined, hooks: TestHooks = { acceptCallerArguments: false }): vscode.Disposable[] {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: () => JSON.stringify(collectedData(outbox, gate, destination()), null, 2),
  };
  return [
    changed,
    vscode.workspace.registerTextDocumentContentProvider('dx-pulse-data', provider),
    vscode.commands.registerCommand('dxPulse.showCollectedData', async () => {
      outbox.flush();
      changed.fire(COLLECTED_DATA_URI);
      const doc = await vscode.workspace.openTextDocument(COLLECTED_DATA_URI);
      await vscode.languages.setTextDocumentLanguage(doc, 'json');
      await vscode.window.showTextDocument(doc, { preview: false });
    }),
    vscode.commands.registerCommand('dxPulse.exportCollectedData', async (target?: unknown) => {
      outbox.flush();
      // Only the developer picks where it goes (a caller's target could overwrite any file),
      // and the picker starts in the home folder, not the repository, where it could be committed.
      const uri =
        (hooks.acceptCallerArguments && target instanceof vscode.Uri ? target : undefined) ??
        (await vscode.window.showSaveDialog({
          title: vscode.l10n.t('Export DX Pulse collected data'),
          filters: { JSON: ['json'] },
          defaultUri: vscode.Uri.joinPath(vscode.Uri.file(os.homedir()), 'dx-pulse-collected-data.json'),
        }));
      if (!uri) return;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(collectedData(outbox, gate, destination()), null, 2) + '\n'));
      if (uri.scheme === 'file') await fs.chmod(uri.fsPath, PRIVATE_FILE_MODE).catch(() => undefined);
      void vscode.window.showInformationMessage(vscode.l10n.t('Exported DX Pulse collected data to {0}.', uri.fsPath));
    }),
  ];
}
