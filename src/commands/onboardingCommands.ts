import * as vscode from 'vscode';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { plainText } from '../core/common/plainText';
import { commandLinkConfirmation, isSafeLinkCommand } from '../core/onboarding/commandLinks';
import { linkTarget } from '../core/onboarding/progress';
import type { OnboardingController } from '../host/onboardingController';
import { confirmModal, type TestHooks } from './testHooks';

export const ONBOARDING_TIMELINE_URI = vscode.Uri.parse('dx-pulse-onboarding:/Onboarding%20timeline.md');

/**
 * Refresh, open a step's link, show the setup timeline, edit the checklist, and
 * `dxPulse.onboarding.state` (the checklist as JSON, for scripts and tests).
 */
export function registerOnboardingCommands(controller: OnboardingController, log: Log, extensionUri: vscode.Uri, hooks: TestHooks = { acceptCallerArguments: false }): vscode.Disposable[] {
  const l = scopedLog(log, 'onboarding');
  const changed = new vscode.EventEmitter<vscode.Uri>();
  return [
    changed,
    vscode.workspace.registerTextDocumentContentProvider('dx-pulse-onboarding', { onDidChange: changed.event, provideTextDocumentContent: () => controller.timelineMarkdown() }),
    vscode.commands.registerCommand('dxPulse.onboarding.refresh', async () => {
      await controller.refresh();
      return controller.snapshot;
    }),
    vscode.commands.registerCommand('dxPulse.onboarding.state', async () => {
      await controller.whenIdle();
      return JSON.parse(JSON.stringify(controller.snapshot)) as unknown;
    }),
    vscode.commands.registerCommand('dxPulse.onboarding.openStepLink', (stepId: unknown, index: unknown) => openStepLink(controller, l, hooks, stepId, index)),
    vscode.commands.registerCommand('dxPulse.onboarding.editChecklist', () => editChecklist(controller, l, extensionUri)),
    vscode.commands.registerCommand('dxPulse.showOnboardingTimeline', async () => {
      changed.fire(ONBOARDING_TIMELINE_URI);
      const doc = await vscode.workspace.openTextDocument(ONBOARDING_TIMELINE_URI);
      await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
      try {
        await vscode.commands.executeCommand('markdown.showPreview', ONBOARDING_TIMELINE_URI);
      } catch (e) {
        // No markdown preview (it is a built-in extension that can be disabled): show the source.
        l.warn(`opening the timeline as a markdown preview failed, showing the text: ${errorMessage(e)}`);
        await vscode.window.showTextDocument(doc, { preview: true });
      }
      return doc.getText();
    }),
  ];
}

async function openStepLink(controller: OnboardingController, log: Log, hooks: TestHooks, stepId: unknown, index: unknown): Promise<void> {
  const step = controller.snapshot.definition?.steps.find((s) => s.id === stepId);
  const link = typeof index === 'number' ? step?.links?.[index] : undefined;
  if (!step || !link) {
    void vscode.window.showWarningMessage(vscode.l10n.t('That onboarding link is no longer in the checklist. Refresh the Onboarding view.'));
    return;
  }
  const target = linkTarget(link);
  try {
    switch (target.kind) {
      case 'web':
        await vscode.env.openExternal(vscode.Uri.parse(target.url, true));
        return;
      case 'file': {
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        if (!folder) return;
        const uri = vscode.Uri.joinPath(folder, target.path);
        try {
          await vscode.workspace.fs.stat(uri);
        } catch {
          void vscode.window.showWarningMessage(vscode.l10n.t('The link "{0}" points to {1}, which is not in this workspace. Fix the link in .dx/onboarding.yaml.', plainText(link.title), plainText(target.path)));
          return;
        }
        if (/\.md$/i.test(target.path)) await vscode.commands.executeCommand('markdown.showPreview', uri);
        else await vscode.window.showTextDocument(uri);
        return;
      }
      case 'command': {
        // The checklist is the repository's or the platform's: a command that does more
        // than open something runs only once the developer has seen what it is.
        if (!isSafeLinkCommand(target.id)) {
          const { message, detail } = commandLinkConfirmation({ id: target.id, title: commandTitle(target.id), linkTitle: link.title, source: controller.snapshot.source });
          if (!(await confirmModal(hooks, message, detail, vscode.l10n.t('Run Command')))) {
            log.info(`did not run ${target.id} from the link "${link.title}": not confirmed`);
            return;
          }
        }
        await vscode.commands.executeCommand(target.id);
        // Only here can DX Pulse see that the command ran: VS Code has no event for it.
        controller.markCommandRun(target.id);
        return;
      }
      case 'invalid':
        void vscode.window.showWarningMessage(vscode.l10n.t('The link "{0}" cannot be opened: {1}. Fix it in .dx/onboarding.yaml.', plainText(link.title), plainText(target.reason)));
        return;
    }
  } catch (e) {
    log.warn(`opening the link "${link.title}" of step ${step.id} failed: ${errorMessage(e)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not open "{0}": {1}', plainText(link.title), plainText(errorMessage(e))));
  }
}

/** The title an extension contributes for a command, to name it in the confirmation. */
function commandTitle(id: string): string | undefined {
  for (const ext of vscode.extensions.all) {
    const commands = (ext.packageJSON as { contributes?: { commands?: unknown } } | undefined)?.contributes?.commands;
    if (!Array.isArray(commands)) continue;
    const c = commands.find((x: { command?: unknown }) => x?.command === id) as { title?: unknown; category?: unknown } | undefined;
    if (c && typeof c.title === 'string') return typeof c.category === 'string' ? vscode.l10n.t('{0}: {1}', c.category, c.title) : c.title;
  }
  return undefined;
}

/** Opens `.dx/onboarding.yaml`, first writing the example checklist when there is none. */
async function editChecklist(controller: OnboardingController, log: Log, extensionUri: vscode.Uri): Promise<void> {
  const uri = controller.fileUri();
  if (!uri) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: the onboarding checklist lives in the repository, in .dx/onboarding.yaml.'));
    return;
  }
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    try {
      // The example ships as media/onboarding-example.yaml (docs/onboarding.md shows the same).
      await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', 'onboarding-example.yaml')));
      void vscode.window.showInformationMessage(vscode.l10n.t('Created .dx/onboarding.yaml from the example checklist: adapt the steps to this repository and commit it.'));
    } catch (e) {
      log.error(`creating ${uri.fsPath} failed: ${errorMessage(e)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not create .dx/onboarding.yaml: {0}', plainText(errorMessage(e))));
      return;
    }
  }
  await vscode.window.showTextDocument(uri);
}
