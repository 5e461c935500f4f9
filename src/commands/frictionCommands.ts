import * as vscode from 'vscode';
import { plainText } from '../core/common/plainText';
import type { EventRecorder } from '../core/events/recorder';
import type { TelemetryGate } from '../host/telemetryGate';
import type { SignalsController } from '../host/signalsController';
import type { WorkspaceRepo } from '../host/workspaceRepo';
import type { TestHooks } from './testHooks';

export interface FrictionCommandDeps {
  readonly recorder: EventRecorder;
  readonly signals: SignalsController;
  readonly repo: WorkspaceRepo;
  readonly gate: TelemetryGate;
  /** dxPulse.privacy.shareRepoNames as merged: without it the name never goes in clear. */
  readonly shareRepoNames: () => boolean;
  /** Whether a platform (or OTLP endpoint) is configured to receive the report. */
  readonly hasDestination: () => boolean;
  /** In Test mode the suites may pass the report's text (sent without context); see testHooks.ts. */
  readonly hooks?: TestHooks;
}

/** DX Pulse: Report Friction, and DX Pulse: I'm New Here. */
export function registerFrictionCommands(d: FrictionCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dxPulse.reportFriction', (textArg?: unknown) => reportFriction(d, d.hooks?.acceptCallerArguments && typeof textArg === 'string' ? textArg : undefined)),
    vscode.commands.registerCommand('dxPulse.imNewHere', async () => {
      const started = await d.signals.startNewHire();
      void vscode.window.showInformationMessage(
        started
          ? vscode.l10n.t('Welcome! DX Pulse will measure your time to first commit in this repository and tick your onboarding checklist as you go.')
          : vscode.l10n.t('Open a git repository first: time to first commit is measured per repository.'),
      );
    }),
  ];
}

async function reportFriction(d: FrictionCommandDeps, given?: string): Promise<void> {
  if (!d.gate.mayRecord('friction.reported')) {
    const open = vscode.l10n.t('Open Settings');
    const pick = await vscode.window.showWarningMessage(
      vscode.l10n.t('Friction reports are not sent: sharing is off (VS Code telemetry, or dxPulse.telemetry.level is not "all").'),
      open,
    );
    if (pick === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'dxPulse.telemetry.level');
    return;
  }
  const text = given ?? await vscode.window.showInputBox({
    title: vscode.l10n.t('DX Pulse: Report Friction'),
    prompt: vscode.l10n.t('One line: what slowed you down? Your platform team reads every one.'),
    placeHolder: vscode.l10n.t('e.g. Integration tests need a VPN nobody told me about'),
    validateInput: (v) => (v.trim().length === 0 ? vscode.l10n.t('Say what happened, in a few words.') : v.length > 500 ? vscode.l10n.t('{0}/500 characters: please shorten it.', v.length) : undefined),
    ignoreFocusOut: true,
  });
  if (!text?.trim()) return;

  // The context that goes with it, each item visible and removable before sending.
  const repo = d.repo.current;
  const streak = d.signals.lastFailure();
  type Item = vscode.QuickPickItem & { key: 'repo' | 'lastFailedCommand' | 'failingForMinutes'; value: string | number };
  const items: Item[] = [];
  // Without shareRepoNames the event still carries the repo's hashed id, never its name.
  if (repo?.normalizedRemote && d.shareRepoNames()) items.push({ key: 'repo', value: repo.normalizedRemote, label: vscode.l10n.t('Repository: {0}', plainText(repo.normalizedRemote)), picked: true });
  if (streak) {
    items.push({ key: 'lastFailedCommand', value: streak.command, label: vscode.l10n.t('Last failed command: {0}', plainText(streak.command)), picked: true });
    const minutes = Math.max(0, Math.round((Date.now() - streak.since) / 60_000));
    items.push({ key: 'failingForMinutes', value: minutes, label: minutes === 1 ? vscode.l10n.t('Failing for 1 minute') : vscode.l10n.t('Failing for {0} minutes', minutes), picked: true });
  }
  let kept: readonly Item[] = [];
  if (items.length > 0 && given === undefined) {
    const chosen = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('DX Pulse: Report Friction: context to send with it'),
      placeHolder: vscode.l10n.t('Untick anything you do not want to send, then press Enter'),
      canPickMany: true,
      ignoreFocusOut: true,
    });
    if (!chosen) return;
    kept = chosen;
  }
  const context: { repo?: string; lastFailedCommand?: string; failingForMinutes?: number } = {};
  for (const k of kept) (context as Record<string, string | number>)[k.key] = k.value;
  const event = d.recorder.record('friction.reported', { text: text.trim(), context });
  if (event) {
    void vscode.window.showInformationMessage(d.hasDestination()
      ? vscode.l10n.t('Thanks: your report is queued for your platform team. DX Pulse: Show Collected Data shows exactly what is sent.')
      : vscode.l10n.t('Thanks: your report is kept on this machine; no platform is configured to receive it (dxPulse.platform.url). DX Pulse: Show Collected Data shows it.'));
  }
}
