import * as vscode from 'vscode';
import { Disposable } from '../core/common/lifecycle';
import { markdownText, plainText } from '../core/common/plainText';
import type { OnboardingStep, StepLink } from '../core/onboarding/definition';
import type { StepState } from '../core/onboarding/evaluator';
import { linkTarget, progressText, selfCheckingReason, statusBarText, stepDescription } from '../core/onboarding/progress';
import type { OnboardingController, OnboardingSnapshot } from '../host/onboardingController';

export const ONBOARDING_VIEW_ID = 'dxPulse.onboarding';
/** The context key the view's welcome content switches on. */
const STATUS_CONTEXT = 'dxPulse.onboarding.status';

type Node = { readonly kind: 'step'; readonly stepId: string } | { readonly kind: 'link'; readonly stepId: string; readonly index: number };

/**
 * The "Onboarding" tree: one checkbox item per step, its links as children, progress in
 * the view's description. Only manual steps take a click; the others tick themselves and
 * snap back, with the reason in their tooltip.
 */
export class OnboardingTree extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly _view: vscode.TreeView<Node>;
  /** Same objects across refreshes, so a single item can be re-rendered. */
  private readonly _nodes = new Map<string, Node>();

  constructor(private readonly _controller: OnboardingController) {
    super();
    this._view = this._register(vscode.window.createTreeView(ONBOARDING_VIEW_ID, { treeDataProvider: this, manageCheckboxStateManually: true, showCollapseAll: true }));
    this._register(this._view.onDidChangeCheckboxState((e) => this._onCheckbox(e)));
    this._register(_controller.onDidChange((s) => this._render(s)));
    this._render(_controller.snapshot);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const snap = this._controller.snapshot;
    const step = snap.definition?.steps.find((s) => s.id === node.stepId);
    const state = snap.state?.steps.find((s) => s.id === node.stepId);
    if (!step || !state) return new vscode.TreeItem(vscode.l10n.t('(no longer in the checklist)'));
    const titleOf = (id: string) => plainText(snap.definition?.steps.find((s) => s.id === id)?.title ?? id);
    return node.kind === 'step' ? stepItem(step, state, titleOf) : linkItem(step, node.index);
  }

  getChildren(node?: Node): Node[] {
    const snap = this._controller.snapshot;
    if (snap.status !== 'ready' || !snap.definition) return [];
    if (!node) return snap.definition.steps.map((s) => this._node({ kind: 'step', stepId: s.id }));
    if (node.kind === 'link') return [];
    const step = snap.definition.steps.find((s) => s.id === node.stepId);
    return (step?.links ?? []).map((_, index) => this._node({ kind: 'link', stepId: node.stepId, index }));
  }

  getParent(node: Node): Node | undefined {
    return node.kind === 'link' ? this._node({ kind: 'step', stepId: node.stepId }) : undefined;
  }

  private _node(n: Node): Node {
    const key = n.kind === 'step' ? `s:${n.stepId}` : `l:${n.stepId}:${n.index}`;
    let existing = this._nodes.get(key);
    if (!existing) {
      existing = n;
      this._nodes.set(key, n);
    }
    return existing;
  }

  private _render(s: OnboardingSnapshot): void {
    const st = s.state;
    this._view.description = s.status === 'ready' && st ? progressText(st) : undefined;
    this._view.message = s.status === 'ready' ? viewMessage(s) : undefined;
    void vscode.commands.executeCommand('setContext', STATUS_CONTEXT, s.status);
    this._onDidChangeTreeData.fire(undefined);
  }

  private _onCheckbox(e: vscode.TreeCheckboxChangeEvent<Node>): void {
    let revert = false;
    for (const [node, checkbox] of e.items) {
      if (node.kind !== 'step') continue;
      const applied = this._controller.setManualTick(node.stepId, checkbox === vscode.TreeItemCheckboxState.Checked);
      if (!applied) {
        revert = true;
        const state = this._controller.snapshot.state?.steps.find((s) => s.id === node.stepId);
        if (state) vscode.window.setStatusBarMessage(vscode.l10n.t('$(info) {0}', plainText(selfCheckingReason(state))), 6000);
      }
    }
    // The checkbox already flipped in the UI: re-render so it shows the real state again.
    if (revert) this._onDidChangeTreeData.fire(undefined);
  }
}

function viewMessage(s: OnboardingSnapshot): string | undefined {
  const parts: string[] = [];
  if (s.definition?.title) parts.push(plainText(s.definition.title));
  if (s.source === 'platform') parts.push(vscode.l10n.t('(from your platform team)'));
  if (s.state?.complete) parts.push(vscode.l10n.t('All done. Welcome aboard!'));
  return parts.length ? parts.join(' ') : undefined;
}

function stepItem(step: OnboardingStep, state: StepState, titleOf: (id: string) => string): vscode.TreeItem {
  const hasLinks = (step.links?.length ?? 0) > 0;
  const collapsible = !hasLinks ? vscode.TreeItemCollapsibleState.None : state.status === 'pending' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  // Titles, descriptions and check details come from the repo's (or the platform's)
  // checklist: plain text everywhere, never links or icons.
  const title = plainText(step.title);
  const item = new vscode.TreeItem(title, collapsible);
  item.id = `step:${step.id}`;
  const manual = !step.check || step.check.type === 'manual';
  item.checkboxState = {
    state: state.status === 'done' ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
    tooltip: manual ? (state.status === 'done' ? vscode.l10n.t('Untick this step') : vscode.l10n.t('Tick this step when done')) : plainText(selfCheckingReason(state)),
    accessibilityInformation: { label: manual ? vscode.l10n.t('Tick {0}', title) : vscode.l10n.t('{0}: ticks itself', title) },
  };
  // No icon for blocked steps: one icon on some rows only shifts their titles out of line.
  const description = plainText(stepDescription(state, titleOf, true));
  item.description = description;
  item.contextValue = `onboardingStep.${state.status}${manual ? '.manual' : ''}`;
  const statusWord = state.status === 'done' ? vscode.l10n.t('done') : state.status === 'blocked' ? vscode.l10n.t('blocked') : vscode.l10n.t('to do');
  item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1}, {2}', title, statusWord, description) };

  // Not trusted (no command links), theme icons for nothing but what DX Pulse writes.
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown(`${vscode.l10n.t('**{0}** ({1})', markdownText(step.title), statusWord)}\n\n`);
  if (step.description) md.appendMarkdown(`${step.description.trim().split(/\r?\n/).map(markdownText).join('  \n')}\n\n`);
  md.appendMarkdown(`---\n\n`);
  md.appendMarkdown(manual ? (state.status === 'done' ? vscode.l10n.t('Ticked by hand.') : vscode.l10n.t('Tick the checkbox when you have done this.')) : markdownText(selfCheckingReason(state)));
  if (state.status === 'blocked') md.appendMarkdown(vscode.l10n.t(' First: {0}.', markdownText(state.blockedBy.map(titleOf).join(', '))));
  item.tooltip = md;
  return item;
}

function linkItem(step: OnboardingStep, index: number): vscode.TreeItem {
  const link: StepLink = step.links![index]!;
  const target = linkTarget(link);
  const item = new vscode.TreeItem(plainText(link.title), vscode.TreeItemCollapsibleState.None);
  item.id = `link:${step.id}:${index}`;
  item.contextValue = `onboardingLink.${target.kind}`;
  item.command = { command: 'dxPulse.onboarding.openStepLink', title: vscode.l10n.t('Open'), arguments: [step.id, index] };
  switch (target.kind) {
    case 'web':
      item.iconPath = new vscode.ThemeIcon('link-external');
      item.tooltip = vscode.l10n.t('Open {0} in your browser', plainText(target.url));
      break;
    case 'file':
      item.iconPath = new vscode.ThemeIcon('book');
      item.tooltip = vscode.l10n.t('Open {0}', plainText(target.path));
      break;
    case 'command':
      item.iconPath = new vscode.ThemeIcon('run');
      item.tooltip = vscode.l10n.t('Run the command {0}', plainText(target.id));
      break;
    case 'invalid':
      item.iconPath = new vscode.ThemeIcon('warning');
      item.tooltip = plainText(target.reason);
      item.description = vscode.l10n.t('broken link');
      break;
  }
  return item;
}

/** "$(checklist) Onboarding 3/7" while the checklist is incomplete; hidden otherwise. */
export class OnboardingStatusBar extends Disposable {
  private readonly _item: vscode.StatusBarItem;

  constructor(controller: OnboardingController) {
    super();
    this._item = this._register(vscode.window.createStatusBarItem('dxPulse.onboarding', vscode.StatusBarAlignment.Left, 10));
    this._item.name = vscode.l10n.t('DX Pulse Onboarding');
    this._item.command = { command: `${ONBOARDING_VIEW_ID}.focus`, title: vscode.l10n.t('Show the onboarding checklist') };
    this._register(controller.onDidChange((s) => this._render(s)));
    this._render(controller.snapshot);
  }

  private _render(s: OnboardingSnapshot): void {
    const text = s.status === 'ready' ? statusBarText(s.state) : undefined;
    if (!text || !s.state) {
      this._item.hide();
      return;
    }
    const next = s.state.steps.find((x) => x.status === 'pending');
    const nextTitle = plainText(next && s.definition?.steps.find((x) => x.id === next.id)?.title);
    this._item.text = text;
    this._item.tooltip = nextTitle ? vscode.l10n.t('Onboarding: {0} steps done. Next: {1}. Click to open the checklist.', progressText(s.state), nextTitle) : vscode.l10n.t('Onboarding: {0} steps done. Click to open the checklist.', progressText(s.state));
    this._item.accessibilityInformation = { label: vscode.l10n.t('Onboarding checklist, {0} steps done', progressText(s.state)) };
    this._item.show();
  }
}
