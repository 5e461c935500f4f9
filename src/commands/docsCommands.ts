import * as vscode from 'vscode';
import { plainText } from '../core/common/plainText';
import { countMatches, docSearchItems, type DocPickItem } from '../core/docs/search';
import type { DocsController } from '../host/docsController';

interface PickItem extends vscode.QuickPickItem {
  readonly entryId?: string;
  /** The "nothing matches: report it" row. */
  readonly report?: boolean;
}

function toPick(i: DocPickItem): PickItem {
  if (i.separator) return { label: i.label, kind: vscode.QuickPickItemKind.Separator };
  return { label: i.label, description: i.description, detail: i.detail, entryId: i.entryId };
}

/**
 * "DX Pulse: Search Platform Docs": every doc, the ones for this repo first. An
 * optional argument (the failing command from the stuck offer, or a word) puts the
 * docs matching it on top.
 */
async function searchDocs(docs: DocsController, filter?: unknown): Promise<void> {
  const qp = vscode.window.createQuickPick<PickItem>();
  qp.title = vscode.l10n.t('Search Platform Docs');
  qp.placeholder = vscode.l10n.t('Type to filter platform docs and changelog entries');
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const text = typeof filter === 'string' ? filter.trim().slice(0, 200) : '';
  const fill = () => {
    const items = docSearchItems(docs.ranked, vscode.env.language).map(toPick);
    const matching = text ? docs.helpFor(text).map((h) => h.entry.id) : [];
    if (matching.length) {
      const byId = new Map(items.filter((i) => i.entryId).map((i) => [i.entryId, i]));
      const top = matching.map((id) => byId.get(id)).filter((i): i is PickItem => !!i);
      qp.items = [{ label: vscode.l10n.t('For “{0}”', plainText(text)), kind: vscode.QuickPickItemKind.Separator }, ...top, ...items.filter((i) => !i.entryId || !matching.includes(i.entryId))];
    } else {
      qp.items = items;
      // l10n-ignore: the text searched, not shown
      if (text && items.some((i) => `${i.label} ${i.description ?? ''} ${i.detail ?? ''}`.toLowerCase().includes(text.toLowerCase()))) qp.value = text;
      else if (text) {
        // Nothing speaks to this failure: say so, and offer what helps instead of unrelated entries.
        qp.title = vscode.l10n.t('Search Platform Docs: nothing matches “{0}”', plainText(text));
        qp.items = [
          { label: vscode.l10n.t('$(comment-discussion) Report this as friction'), description: vscode.l10n.t('so your platform team knows the docs do not cover it'), report: true, alwaysShow: true },
          ...(items.length ? [{ label: vscode.l10n.t('All platform docs'), kind: vscode.QuickPickItemKind.Separator }, ...items] : []),
        ];
      }
    }
  };
  if (docs.ranked.length === 0) {
    qp.busy = true;
    qp.placeholder = vscode.l10n.t('Reading platform docs…');
    qp.show();
    await docs.refresh();
    qp.busy = false;
    qp.placeholder = docs.ranked.length ? vscode.l10n.t('Type to filter platform docs and changelog entries') : vscode.l10n.t('No platform docs yet: set dxPulse.docs.feedUrl or docs.sources in .dx/pulse.yaml');
  }
  fill();
  qp.show();
  const chosen = await new Promise<PickItem | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]));
    qp.onDidHide(() => resolve(undefined));
  });
  // What was searched: what the developer typed, else the text the search was opened for.
  const query = qp.value.trim() || text;
  docs.searched(query, countMatches(docSearchItems(docs.ranked), query), !!chosen?.entryId);
  qp.dispose();
  if (chosen?.report) await vscode.commands.executeCommand('dxPulse.reportFriction');
  else if (chosen?.entryId) await docs.openEntry(chosen.entryId);
}

export function registerDocsCommands(docs: DocsController): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dxPulse.searchDocs', (filter?: unknown) => searchDocs(docs, filter)),
    vscode.commands.registerCommand('dxPulse.refreshDocs', () => docs.refresh()),
  ];
}
