// Themes of the free-text friction reports: the words and two-word phrases that many
// developers use, so "the docs are wrong" shows when ten people say it ("if the same
// question is asked 10 times, the docs are wrong"). Counting, not a model: every theme
// says which reports it comes from, and no theme is shown for fewer developers than the
// minimum group (a rare phrase could name its author).

export interface ThemeReport {
  readonly id: string;
  readonly text: string;
  /** Who sent it (install id), for counting developers; never shown. */
  readonly developer: string | null;
}

export interface Theme {
  /** The word or two-word phrase, lower case. */
  readonly term: string;
  readonly developers: number;
  /** Ids of the reports that use it, newest first as given. */
  readonly reportIds: readonly string[];
}

export interface Themes {
  readonly themes: Theme[];
  /** Only terms used by at least this many developers are themes. */
  readonly minGroup: number;
}

/** Longest text read per report: the extension caps reports well below this. */
const MAX_TEXT = 4000;
const MAX_THEMES = 12;
/** A theme whose reports are mostly those of a theme already picked says nothing new. */
const OVERLAP = 0.8;

// Words too common to name a theme (English; reports are mostly written in it).
const STOP = new Set(
  ('a about after again all also always am an and any are as at be because been before being but by can cannot could did do does doing done dont down during each even ever every few for from get gets getting got had has have having he her here him his how i if in into is isnt it its itself just keep keeps know like make makes me more most much my need needs never no not now of off often on once one only or other our out over own really same see seems she should so some still such than that the their them then there these they thing things this those through to too try trying tried under until up us use used using very via was wasnt way we were what when where which while who why will with without would wont you your yet ' +
    'again already another anyone anything around back bit cant couldnt day days didnt doesnt each else first go going gone great hard help hours im ive lot lots minutes new ok please quite seem since something sometimes sure take takes time times two want wants week well whole work works working')
    .split(' ')
    .filter(Boolean),
);

/** Lower-case words of 3+ letters (digits inside allowed), in order. Linear in the text. */
export function words(text: string): string[] {
  const out: string[] = [];
  // A cut text loses its last, partial word rather than count half a word.
  const read = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT).replace(/\S*$/, '') : text;
  for (const m of read.toLowerCase().matchAll(/[\p{L}][\p{L}\p{N}'’_-]*/gu)) {
    const w = m[0].replace(/['’]/g, '').replace(/[-_]+$/, '');
    if (w.length >= 3 && !STOP.has(w)) out.push(w);
    else out.push('');
  }
  return out;
}

/** The terms of one report: its words and the phrases of two adjacent words, once each. */
function termsOf(text: string): Set<string> {
  const ws = words(text);
  const terms = new Set<string>();
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (!w) continue;
    terms.add(w);
    const next = ws[i + 1];
    if (next) terms.add(`${w} ${next}`);
  }
  return terms;
}

export function reportThemes(reports: readonly ThemeReport[], minGroup: number): Themes {
  const byTerm = new Map<string, { developers: Set<string>; reportIds: string[] }>();
  reports.forEach((r, i) => {
    const who = r.developer ?? `anonymous-report-${i}`;
    for (const term of termsOf(r.text)) {
      let t = byTerm.get(term);
      if (!t) byTerm.set(term, (t = { developers: new Set(), reportIds: [] }));
      t.developers.add(who);
      t.reportIds.push(r.id);
    }
  });
  const candidates = [...byTerm.entries()]
    .filter(([, t]) => t.developers.size >= minGroup)
    // More developers first; then a phrase before a word (it says more); then by name.
    .sort(([a, x], [b, y]) => y.developers.size - x.developers.size || Number(b.includes(' ')) - Number(a.includes(' ')) || (a < b ? -1 : a > b ? 1 : 0));
  const themes: { term: string; developers: number; reportIds: string[]; ids: Set<string> }[] = [];
  for (const [term, t] of candidates) {
    const ids = new Set(t.reportIds);
    const same = themes.findIndex((p) => shared(p.ids, ids) >= OVERLAP * ids.size);
    if (same < 0) {
      if (themes.length < MAX_THEMES) themes.push({ term, developers: t.developers.size, reportIds: t.reportIds, ids });
      continue;
    }
    // "docs" then "docs wrong" from nearly the same people: the phrase says more.
    const p = themes[same]!;
    if (term.includes(' ') && !p.term.includes(' ') && term.split(' ').includes(p.term) && ids.size >= OVERLAP * p.ids.size) {
      themes[same] = { term, developers: t.developers.size, reportIds: t.reportIds, ids };
    }
  }
  return { themes: themes.map(({ term, developers, reportIds }) => ({ term, developers, reportIds })), minGroup };
}

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const id of b) if (a.has(id)) n++;
  return n;
}
