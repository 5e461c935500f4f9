import * as l10n from '@vscode/l10n';
import { plainText } from '../common/plainText';
import { isContextual, type RankedEntry } from './ranking';
import { formatDay } from '../common/dates';

/**
 * Items for "DX Pulse: Search Platform Docs". Shaped like vscode.QuickPickItem so the
 * command maps them one to one; `open` says how to show the entry.
 */
export type DocOpenTarget =
  /** An external page: vscode.env.openExternal. */
  | { kind: 'browser'; url: string }
  /** Markdown (a .md URL fetched by the host, or the entry's own body): DX Pulse's doc viewer. */
  | { kind: 'markdown'; url?: string; markdown?: string };

export interface DocPickItem {
  /** Absent on separators. */
  entryId?: string;
  label: string;
  description?: string;
  detail?: string;
  /** vscode.QuickPickItemKind.Separator when true. */
  separator?: boolean;
  contextual?: boolean;
  open?: DocOpenTarget;
}

/** "Breaking", "New": an entry's type as the sidebar, the doc viewer and the quick pick name it. */
export function typeLabel(type: string): string {
  const labels: Record<string, string> = {
    breaking: l10n.t('Breaking'),
    deprecation: l10n.t('Deprecation'),
    feature: l10n.t('New'),
    fix: l10n.t('Fix'),
    improvement: l10n.t('Improved'),
    announcement: l10n.t('News'),
  };
  return labels[type] ?? type;
}

function isMarkdownUrl(url: string): boolean {
  try {
    return /\.(md|markdown)$/i.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

export function openTarget(r: RankedEntry): DocOpenTarget | undefined {
  const e = r.entry;
  if (e.url && isMarkdownUrl(e.url)) return { kind: 'markdown', url: e.url };
  if (e.url) return { kind: 'browser', url: e.url };
  const md = [e.body, e.migration ? `## ${l10n.t('Migration')}\n\n${e.migration}` : undefined].filter(Boolean).join('\n\n');
  if (md) return { kind: 'markdown', markdown: md };
  return undefined;
}

function toItem(r: RankedEntry, contextual: boolean, locale: string | undefined): DocPickItem {
  const e = r.entry;
  const icon = r.affected ? '$(warning) ' : e.kind === 'doc' ? '$(book) ' : '$(history) ';
  const parts: string[] = [];
  if (e.kind === 'changelog' || e.type !== 'announcement') parts.push(typeLabel(e.type));
  if (r.removal && (e.type === 'deprecation' || e.type === 'breaking')) parts.push(r.removal.text);
  if (e.version) parts.push(e.version);
  if (e.publishedAt) parts.push(formatDay(e.publishedAt, locale));
  const why = r.affected ? r.affected.explanation : r.matches.length ? l10n.t('Matches {0}', r.matches.join(', ')) : undefined;
  // Feed text and repo file names: never icons or links in the quick pick.
  const detail = plainText([why, e.summary].filter(Boolean).join(' · '));
  return {
    entryId: e.id,
    label: `${icon}${plainText(e.title)}`,
    description: plainText(parts.join(' · ')) || undefined,
    detail: detail || undefined,
    contextual,
    open: openTarget(r),
  };
}

/**
 * Contextual entries (they match this repo or affect it) first, under their own
 * separator, then the rest; each group keeps the ranking order it was given.
 * Entries with nothing to open are left out: a pick must lead somewhere.
 */
export function docSearchItems(ranked: readonly RankedEntry[], locale?: string): DocPickItem[] {
  const openable = ranked.filter((r) => openTarget(r) !== undefined);
  const contextual = openable.filter(isContextual);
  const rest = openable.filter((r) => !isContextual(r));
  const items: DocPickItem[] = [];
  if (contextual.length) items.push({ label: l10n.t('For this repository'), separator: true }, ...contextual.map((r) => toItem(r, true, locale)));
  if (rest.length) items.push({ label: contextual.length ? l10n.t('All platform docs') : l10n.t('Platform docs'), separator: true }, ...rest.map((r) => toItem(r, false, locale)));
  return items;
}

/**
 * How many items a query finds, for docs.searched: every word of the query (case-insensitive)
 * in the label, description or detail. The quick pick's own fuzzy match is close to this;
 * what matters to the platform is the zero ("a question the docs do not answer").
 */
export function countMatches(items: readonly DocPickItem[], query: string): number {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return 0;
  return items.filter((i) => {
    if (i.separator) return false;
    const text = `${i.label} ${i.description ?? ''} ${i.detail ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  }).length;
}
