import type { DocsResponse } from '../platform/contract';
import { TAG_ALIASES } from './changelogMarkdown';
import type { EntryTags, TagGroup } from './entries';

/**
 * The platform API's docs (GET /v1/repos/{repoId}/docs) as raw feed entries. The API
 * carries flat tags; `tool:npm`, `dep:left-pad`, `service:payments-api` use the same
 * prefixes as the changelog markers and land in their group, anything else is a topic.
 * Entries are validated again at merge time like every other source.
 */
export function flatTagsToGroups(tags: readonly string[]): EntryTags {
  const groups: Partial<Record<TagGroup, string[]>> = {};
  for (const raw of tags) {
    const t = raw.trim();
    if (!t) continue;
    const m = /^([a-z]+):(.+)$/i.exec(t);
    const group = m ? TAG_ALIASES[m[1].toLowerCase()] : undefined;
    const value = (group ? m![2] : t).trim().toLowerCase();
    const key = group ?? 'topics';
    (groups[key] ??= []).push(value);
  }
  return groups;
}

export function entriesFromPlatformDocs(response: DocsResponse): unknown[] {
  return response.entries.map((e) => ({
    id: e.id,
    title: e.title,
    kind: e.kind,
    type: e.type ?? 'announcement',
    url: e.url,
    body: e.markdown,
    tags: flatTagsToGroups(e.tags),
    publishedAt: e.publishedAt,
    removalDate: e.removalDate,
    migration: e.migration,
    ...(e.affects ? { affects: e.affects } : {}),
    source: 'platform',
  }));
}
