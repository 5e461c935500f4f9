import * as l10n from '@vscode/l10n';
import { getViewState, setViewState } from './vscodeApi';
import { formatDate as formatDateIn } from '../../src/core/common/dates';

/** Builds an element; children are text (never parsed as HTML) or nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string>, ...children: (Node | string | null | undefined | false)[]): HTMLElementTagNameMap[K];
export function el(tag: string, attrs?: Record<string, string>, ...children: (Node | string | null | undefined | false)[]): HTMLElement;
export function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

/** "3 minutes ago", "2 hours ago", "5 days ago". */
export function age(since: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - since) / 1000));
  if (s < 60) return l10n.t('just now');
  const m = Math.round(s / 60);
  if (m < 60) return m === 1 ? l10n.t('1 minute ago') : l10n.t('{0} minutes ago', m);
  const h = Math.round(m / 60);
  if (h < 48) return h === 1 ? l10n.t('1 hour ago') : l10n.t('{0} hours ago', h);
  const d = Math.round(h / 24);
  return d === 1 ? l10n.t('1 day ago') : l10n.t('{0} days ago', d);
}

/** "45 min", "3.2 h", "2.1 days". */
export function duration(minutes: number): string {
  if (minutes < 90) return l10n.t('{0} min', Math.round(minutes));
  if (minutes < 48 * 60) return l10n.t('{0} h', (minutes / 60).toFixed(1));
  return l10n.t('{0} days', (minutes / 1440).toFixed(1));
}

let locale: string | undefined;

/** The editor's display language (from the host), for every date the sidebar shows. */
export function setLocale(l: string | undefined): void {
  locale = l;
}

/** One date format everywhere: the editor's locale (src/core/common/dates.ts). */
export function formatDate(ms: number): string {
  return formatDateIn(ms, locale);
}

/**
 * A section of the Overview that the developer can fold away (remembered while the view
 * lives): its heading is the summary, with a short glance at its content beside it so a
 * folded section still says something.
 */
export function foldableSection(key: string, title: string, attrs: Record<string, string>, glance?: string): { section: HTMLElement; heading: HTMLElement; body: HTMLElement } {
  const folded = new Set(getViewState<{ folded?: string[] }>({}).folded ?? []);
  const heading = el('h2', { id: `${key}-title` }, title);
  const summary = el('summary', { 'data-testid': `${key}-fold` }, heading, glance ? el('span', { class: 'glance muted' }, glance) : null);
  const body = el('div', { class: 'fold-body' });
  const details = el('details', folded.has(key) ? {} : { open: '' }, summary, body);
  details.addEventListener('toggle', () => {
    const now = new Set(getViewState<{ folded?: string[] }>({}).folded ?? []);
    if (details.open) now.delete(key);
    else now.add(key);
    setViewState({ ...getViewState({}), folded: [...now] });
  });
  const section = el('section', { ...attrs, 'aria-labelledby': `${key}-title` }, details);
  return { section, heading, body };
}
