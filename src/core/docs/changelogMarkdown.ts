import { parseEntry, type AffectsRule, type Entry, type EntryTags, type EntryType, type TagGroup } from './entries';

/**
 * Keep-a-Changelog markdown -> entries, so a platform team can start with a
 * CHANGELOG.md in a repo. Each bullet of a released version is one entry.
 * The inline markers are documented in docs/docs-and-changelog.md.
 */

const SECTION_TYPES: Record<string, EntryType> = {
  added: 'feature',
  changed: 'improvement',
  deprecated: 'deprecation',
  removed: 'breaking',
  fixed: 'fix',
  security: 'fix',
};

/** Marker and flat-tag prefixes (`tool:npm`, `dep:left-pad`) -> tag group. */
export const TAG_ALIASES: Record<string, TagGroup> = {
  service: 'services', services: 'services',
  team: 'teams', teams: 'teams',
  lang: 'languages', language: 'languages', languages: 'languages',
  tool: 'tools', tools: 'tools',
  dep: 'dependencies', dependency: 'dependencies', dependencies: 'dependencies', package: 'dependencies',
  image: 'images', images: 'images',
  action: 'actions', actions: 'actions',
  topic: 'topics', topics: 'topics', tag: 'topics',
};

// Linear on any input: a marker's value stops at the next `[`, `]` or newline, so no
// start position re-scans what another already did (the old `\s*…+?\s*` was quadratic on
// long runs of spaces, and re-scanned the line from every `[`).
const MARKER_RE = /\[([a-z]+):([^\]\n[]*)\](?!\()/gi;
const TRAILING_TAGS_RE = /^\(tags:([^)]*)\)\s*$/i;
const BREAKING_RE = /\*{0,2}BREAKING(?: CHANGES?)?\*{0,2}:?\s*/;
const MAX_CHARS = 1_000_000;

export interface ChangelogParseOptions {
  /** Prefix of generated ids, so two changelogs cannot collide. */
  idPrefix?: string;
  /** Where the changelog lives; entries link to it when the version has no link. */
  url?: string;
  source?: string;
}

export interface ChangelogParseResult {
  entries: Entry[];
  notes: string[];
}

interface Draft {
  version: string;
  date?: string;
  type: EntryType;
  lines: string[];
}

function slug(s: string): string {
  return s.toLowerCase().replace(/`/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
}

/** `dependency=left-pad@<2.0.0`, `image=node@<18`, `action=actions/checkout@<v4`; scoped npm names keep their @. */
export function parseAffectsMarker(value: string): AffectsRule | undefined {
  const m = /^(dependency|dep|package|image|action)\s*=\s*(.+)$/i.exec(value.trim());
  if (!m) return undefined;
  const spec = m[2].trim();
  const at = spec.lastIndexOf('@');
  const name = at > 0 ? spec.slice(0, at).trim() : spec;
  const range = at > 0 ? spec.slice(at + 1).trim() || undefined : undefined;
  const kind = m[1].toLowerCase();
  if (kind === 'image') return { image: name, tags: range };
  if (kind === 'action') return { action: name, versions: range };
  return { dependency: name, versions: range };
}

function draftToRaw(d: Draft, index: number, opts: ChangelogParseOptions, links: Map<string, string>, notes: string[]): Record<string, unknown> {
  const [first, ...rest] = d.lines;
  let head = first;
  const tags: Partial<Record<TagGroup, string[]>> = {};
  const affects: AffectsRule[] = [];
  let id: string | undefined;
  let removalDate: string | undefined;
  let migrationUrl: string | undefined;
  let type = d.type;
  const addTag = (g: TagGroup, v: string): void => {
    (tags[g] ??= []).push(v.trim().toLowerCase());
  };
  const take = (text: string): string =>
    text.replace(MARKER_RE, (whole, key: string, raw: string) => {
      const value = raw.trim();
      if (!value) return whole;
      const k = key.toLowerCase();
      if (TAG_ALIASES[k]) {
        for (const v of value.split(',')) if (v.trim()) addTag(TAG_ALIASES[k], v);
      } else if (k === 'affects') {
        const rule = parseAffectsMarker(value);
        if (rule) affects.push(rule);
        else notes.push(`${d.version}: unreadable marker [affects:${value}] (expected e.g. image=node@<18)`);
      } else if (k === 'id') id = value.trim();
      else if (k === 'removal' || k === 'removed') removalDate = value.trim();
      else if (k === 'migration') migrationUrl = value.trim();
      else return whole;
      return '';
    });
  head = take(head);
  // "(tags: a, b)" at the end: found with lastIndexOf, then checked anchored.
  const at = head.toLowerCase().lastIndexOf('(tags:');
  const trailing = at >= 0 ? TRAILING_TAGS_RE.exec(head.slice(at)) : null;
  if (trailing) {
    for (const t of trailing[1]!.split(',')) if (t.trim()) addTag('topics', t);
    head = head.slice(0, at);
  }
  if (BREAKING_RE.test(head)) {
    type = 'breaking';
    head = head.replace(BREAKING_RE, '');
  }
  head = head.replace(/\s{2,}/g, ' ').trim();
  // Continuation lines: the body, until a "Migration:" line starts the migration steps.
  const body: string[] = [];
  const migration: string[] = [];
  let inMigration = false;
  for (const raw of rest.map(take)) {
    const line = raw.replace(/^ {2,4}|^\t/, '');
    const mig = /^\s*(?:[-*]\s*)?\*{0,2}Migration\*{0,2}:\*{0,2}\s*(.*)$/i.exec(line);
    if (mig) {
      inMigration = true;
      if (mig[1].trim()) migration.push(mig[1]);
      continue;
    }
    if (BREAKING_RE.test(line)) type = 'breaking';
    (inMigration ? migration : body).push(line);
  }
  const title = head.length > 300 ? `${head.slice(0, 297)}...` : head;
  const url = links.get(d.version.toLowerCase()) ?? opts.url;
  const raw: Record<string, unknown> = {
    id: id ?? `${opts.idPrefix ?? 'changelog:'}${d.version}:${slug(head) || index}`,
    title,
    kind: 'changelog',
    type,
    summary: head.length > 300 ? head.slice(0, 2000) : undefined,
    body: body.join('\n').trim() || undefined,
    url: url && /^https?:\/\//i.test(url) ? url : undefined,
    version: d.version,
    publishedAt: d.date,
    removalDate,
    migration: migration.join('\n').trim() || undefined,
    migrationUrl,
    affects: affects.length ? affects : undefined,
    tags: Object.keys(tags).length ? (tags as EntryTags) : undefined,
    source: opts.source,
  };
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  return raw;
}

export function parseChangelogMarkdown(text: string, opts: ChangelogParseOptions = {}): ChangelogParseResult {
  const notes: string[] = [];
  if (text.length > MAX_CHARS) {
    notes.push(`changelog is larger than ${MAX_CHARS} characters; only the start was read`);
    text = text.slice(0, MAX_CHARS);
  }
  const lines = text.split(/\r?\n/);
  // Link reference definitions ("[1.4.0]: https://...") give each version its URL.
  const links = new Map<string, string>();
  for (const l of lines) {
    const m = /^\s*\[([^\]]+)\]:\s*(\S+)/.exec(l);
    if (m) links.set(m[1].toLowerCase(), m[2]);
  }
  const drafts: Draft[] = [];
  let version: string | undefined;
  let date: string | undefined;
  let type: EntryType | undefined;
  let current: Draft | undefined;
  let inFence = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence && /^##\s/.test(line) && !/^###/.test(line)) {
      current = undefined;
      type = undefined;
      const m = /^##\s+\[?([^\]\s]+)\]?(?:\s*[-–—]\s*|\s+\(?)?(\d{4}-\d{2}-\d{2})?/.exec(line);
      const v = m?.[1];
      if (!v || /^unreleased$/i.test(v)) {
        version = undefined; // unreleased work is not news yet
        continue;
      }
      version = v;
      date = m?.[2];
      if (!date) notes.push(`version ${v} has no date (expected "## [${v}] - YYYY-MM-DD")`);
      continue;
    }
    if (!inFence && /^###\s/.test(line)) {
      current = undefined;
      const name = line.replace(/^###\s+/, '').trim().toLowerCase();
      type = SECTION_TYPES[name];
      if (!type && version) notes.push(`${version}: unknown section "${line.trim()}" (skipped)`);
      continue;
    }
    if (!version || !type) continue;
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    if (bullet && !inFence) {
      current = { version, date, type, lines: [bullet[1]] };
      drafts.push(current);
    } else if (current && (/^\s+\S/.test(line) || (inFence && line.trim()) || line.trim() === '')) {
      current.lines.push(line);
    } else if (line.trim()) {
      current = undefined;
    }
  }
  const entries: Entry[] = [];
  const ids = new Set<string>();
  drafts.forEach((d, i) => {
    const raw = draftToRaw(d, i, opts, links, notes);
    let rid = String(raw.id);
    for (let n = 2; ids.has(rid); n++) rid = `${raw.id}-${n}`;
    raw.id = rid;
    ids.add(rid);
    const r = parseEntry(raw);
    if (r.entry) entries.push(r.entry);
    else notes.push(`dropped ${r.error}`);
  });
  return { entries, notes };
}
