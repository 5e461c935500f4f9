import * as l10n from '@vscode/l10n';

// Which commands an onboarding link may run with one click. A checklist comes from the
// repository (`.dx/onboarding.yaml`) or the platform, and a link to a command runs it: a
// build task, a terminal command, another extension's action. Commands that only open a
// view, a picker or a page (where the developer still decides what happens) run at once;
// any other command first asks, in a modal that names the command and who wants it run.

/** Commands that open something and do nothing else without a further choice. */
const SAFE_LINK_COMMANDS: ReadonlySet<string> = new Set([
  'workbench.action.openSettings',
  'workbench.action.openSettings2',
  'workbench.action.openGlobalSettings',
  'workbench.action.openGlobalKeybindings',
  'workbench.action.showCommands',
  'workbench.action.quickOpen',
  'workbench.action.openWalkthrough',
  'workbench.action.files.openFolder',
  'workbench.action.files.openFile',
  'workbench.action.tasks.runTask', // a picker: the developer chooses the task
  'workbench.action.terminal.new',
  'workbench.action.terminal.focus',
  'workbench.view.explorer',
  'workbench.view.search',
  'workbench.view.scm',
  'workbench.view.debug',
  'workbench.view.extensions',
  'workbench.view.testing.focus',
  'workbench.extensions.action.showRecommendedExtensions',
  'workbench.actions.view.problems',
  'workbench.action.output.toggleOutput',
  'workbench.action.showWelcomePage',
  'dxPulse.showCollectedData',
  'dxPulse.showOnboardingTimeline',
  'dxPulse.showLog',
  'dxPulse.searchDocs',
  'dxPulse.takeSurvey',
  'dxPulse.imNewHere',
  'dxPulse.reportFriction',
  'dxPulse.signIn',
  'dxPulse.onboarding.refresh',
]);

/** True when a link may run this command without asking. */
export function isSafeLinkCommand(id: string): boolean {
  return SAFE_LINK_COMMANDS.has(id);
}

/** Who supplied the checklist, as the confirmation names it. */
export function checklistSourceText(source: 'repo' | 'platform' | undefined): string {
  return source === 'platform' ? l10n.t("your platform's onboarding checklist") : l10n.t("this repository's onboarding checklist (.dx/onboarding.yaml)");
}

/** The modal's text: the command (and its title when known) and where the link came from. */
export function commandLinkConfirmation(o: { id: string; title?: string; linkTitle: string; source: 'repo' | 'platform' | undefined }): { message: string; detail: string } {
  const what = o.title ? `"${o.title}" (${o.id})` : o.id;
  return {
    message: l10n.t('Run the command {0}?', what),
    detail: l10n.t('The link "{0}" in {1} runs the VS Code command {2}. Commands can run tasks, scripts and other extensions\u2019 actions: run it only if you trust where this checklist came from.', o.linkTitle, checklistSourceText(o.source), o.id),
  };
}
