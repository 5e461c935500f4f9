import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { isoDateOrDateTime, isoUtcMs } from '../common/isoTime';
import { issuesText } from '../common/issueText';

/**
 * One doc or changelog entry, as a platform team publishes it (platform API, JSON feed,
 * or converted from a Keep-a-Changelog file). The format is documented for platform
 * teams in docs/docs-and-changelog.md; keep the two in step.
 */

export const ENTRY_KINDS = ['doc', 'changelog'] as const;
export const ENTRY_TYPES = ['feature', 'fix', 'improvement', 'breaking', 'deprecation', 'announcement'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export type EntryType = (typeof ENTRY_TYPES)[number];

const MAX_TAGS = 50;
const tagList = z.optional(
  z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.maxLength(MAX_TAGS, { error: () => l10n.t('at most {0} tags per group', MAX_TAGS) })),
);

/**
 * Structured tags rather than flat prefixed strings: each group is matched against one
 * part of the repo profile, and a typo in a group name fails validation instead of
 * silently matching nothing. `topics` are free words matched against every group.
 */
export const EntryTags = z.strictObject(
  {
  services: tagList,
  teams: tagList,
  languages: tagList,
  tools: tagList,
  dependencies: tagList,
  images: tagList,
  actions: tagList,
  topics: tagList,
  },
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? l10n.t('unknown tag group {0}; the groups are services, teams, languages, tools, dependencies, images, actions, topics', iss.keys.map((k) => `'${k}'`).join(', '))
        : undefined,
  },
);
export type EntryTags = z.infer<typeof EntryTags>;
export const TAG_GROUPS = ['services', 'teams', 'languages', 'tools', 'dependencies', 'images', 'actions', 'topics'] as const;
export type TagGroup = (typeof TAG_GROUPS)[number];

const name = z.string().check(z.minLength(1), z.maxLength(300));
const versionRange = z.optional(z.string().check(z.minLength(1), z.maxLength(200)));

/**
 * Which repos an entry concerns. A missing `versions`/`tags` means every version.
 * Image tags compare on their numeric prefix (`16-alpine` is 16.0.0); action refs
 * likewise (`v3` is 3.0.0). A leading `v` in the range is allowed (`<v4`).
 */
export const AffectsRule = z.union([
  z.strictObject({ dependency: name, versions: versionRange }),
  z.strictObject({ image: name, tags: versionRange }),
  z.strictObject({ action: name, versions: versionRange }),
]);
export type AffectsRule = z.infer<typeof AffectsRule>;

const httpUrl = z.url({ protocol: /^https?$/, error: () => l10n.t('must be an http(s) URL') });
const date = isoDateOrDateTime(() => l10n.t('must be an ISO 8601 date (2026-10-01) or date-time (2026-10-01T09:00:00Z; without a zone it is UTC)'));

export const Entry = z.object({
  /** Stable across edits: read state and notifications key on it. */
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  title: z.string().check(z.minLength(1), z.maxLength(300)),
  kind: z.enum(ENTRY_KINDS),
  type: z._default(z.enum(ENTRY_TYPES), 'announcement'),
  /** One or two plain sentences for lists. */
  summary: z.optional(z.string().check(z.maxLength(2000))),
  /** Markdown; rendered with the sanitizer in the webview. */
  body: z.optional(z.string().check(z.maxLength(100_000))),
  url: z.optional(httpUrl),
  /** Release this entry belongs to, e.g. '1.4.0' from a changelog heading. */
  version: z.optional(z.string().check(z.maxLength(100))),
  tags: z.optional(EntryTags),
  publishedAt: z.optional(date),
  /** When a deprecated thing goes away; shown as "removed in 12 days". */
  removalDate: z.optional(date),
  /** Markdown steps; every breaking change and deprecation should carry one. */
  migration: z.optional(z.string().check(z.maxLength(50_000))),
  /** Link to a migration guide, used by the affected-repo notification. */
  migrationUrl: z.optional(httpUrl),
  affects: z.optional(z.array(AffectsRule).check(z.maxLength(50))),
  /** Set by the merger (sources.ts), not by publishers: where the entry came from. */
  source: z.optional(z.string().check(z.maxLength(200))),
});
export type Entry = z.infer<typeof Entry>;
/** What publishers write: `type` may be omitted. */
export type EntryInput = z.input<typeof Entry>;

/** The JSON feed: `{ "entries": [...] }`. Entries are validated one by one (see sources.ts). */
export const JsonFeed = z.object({
  version: z.optional(z.union([z.string(), z.number()])),
  entries: z.array(z.unknown()).check(z.maxLength(5000, { error: () => l10n.t('a feed may carry at most 5000 entries') })),
});
export type JsonFeed = z.infer<typeof JsonFeed>;

export interface EntryParseResult {
  entry?: Entry;
  /** Why the entry was dropped; names the field and the id when known. */
  error?: string;
}

/** Validates one raw entry; never throws. */
export function parseEntry(raw: unknown): EntryParseResult {
  const r = Entry.safeParse(raw);
  if (r.success) return { entry: r.data };
  const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
  const reason = issuesText(r.error);
  return { error: id ? l10n.t('entry "{0}": {1}', id, reason) : l10n.t('entry without a valid id: {0}', reason) };
}

/** Breaking changes and deprecations are the ones people must act on. */
export function isActionable(e: Pick<Entry, 'type'>): boolean {
  return e.type === 'breaking' || e.type === 'deprecation';
}

/** Milliseconds since the epoch for an entry date, or undefined when absent/invalid. */
export function entryTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const t = isoUtcMs(value);
  return Number.isNaN(t) ? undefined : t;
}
