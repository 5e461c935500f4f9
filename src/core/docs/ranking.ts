import { assessEntry, removalInfo, type Affectedness, type RemovalInfo } from './affectedness';
import { entryTime, isActionable, TAG_GROUPS, type Entry, type TagGroup } from './entries';
import type { RepoProfile } from './repoProfile';

/** How much a match in each tag group says about relevance; a service match is near-certain. */
export const TAG_WEIGHTS: Record<TagGroup, number> = {
  services: 10,
  teams: 6,
  dependencies: 5,
  images: 5,
  actions: 5,
  tools: 4,
  languages: 3,
  topics: 2,
};
/** Untagged entries concern everyone a little: above tagged entries that match nothing. */
export const GENERAL_SCORE = 1;

export interface RankedEntry {
  entry: Entry;
  score: number;
  /** "dependencies: left-pad", for a tooltip saying why it ranks where it does. */
  matches: string[];
  /** No tags at all. */
  general: boolean;
  /** Set when the entry concerns this repo (see affectedness.ts). */
  affected?: Affectedness;
  removal?: RemovalInfo;
  /** 0 affects this repo, 1 other relevant breaking/deprecation, 2 the rest. */
  tier: 0 | 1 | 2;
}

const norm = (s: string): string => s.trim().toLowerCase();

/** Backstage owners read `group:default/payments`; teams tag plainly `payments`. */
function ownerNames(owner: string | undefined): string[] {
  if (!owner) return [];
  const o = norm(owner);
  const bare = o.replace(/^(group|user):/, '');
  return [o, bare, bare.replace(/^[^/]+\//, '')];
}

/** The repo profile as one set of lower-case names per tag group. */
export function profileTagSets(profile: RepoProfile): Record<TagGroup, Set<string>> {
  const images = new Set<string>();
  for (const i of profile.images) {
    images.add(norm(i.image));
    images.add(norm(i.image.slice(i.image.lastIndexOf('/') + 1)));
  }
  const actions = new Set<string>();
  for (const a of profile.actions) {
    actions.add(norm(a.action));
    actions.add(norm(a.action.split('/').slice(0, 2).join('/')));
  }
  const sets: Record<TagGroup, Set<string>> = {
    services: new Set([profile.service?.name, profile.service?.system].filter((s): s is string => !!s).map(norm)),
    teams: new Set(ownerNames(profile.service?.owner)),
    languages: new Set(profile.languages.map((l) => norm(l.language))),
    tools: new Set(profile.tools.map(norm)),
    dependencies: new Set(Object.keys(profile.dependencies).map(norm)),
    images,
    actions,
    topics: new Set<string>(),
  };
  for (const g of TAG_GROUPS) if (g !== 'topics') for (const v of sets[g]) sets.topics.add(v);
  for (const t of profile.service?.tags ?? []) sets.topics.add(norm(t));
  for (const e of Object.keys(profile.engines)) sets.topics.add(norm(e));
  return sets;
}

export function scoreEntry(entry: Entry, sets: Record<TagGroup, Set<string>>): { score: number; matches: string[]; general: boolean } {
  const tags = entry.tags;
  const hasTags = !!tags && TAG_GROUPS.some((g) => (tags[g]?.length ?? 0) > 0);
  if (!hasTags) return { score: GENERAL_SCORE, matches: [], general: true };
  let score = 0;
  const matches: string[] = [];
  for (const g of TAG_GROUPS) {
    for (const t of new Set((tags[g] ?? []).map(norm))) {
      if (sets[g].has(t)) {
        score += TAG_WEIGHTS[g];
        matches.push(`${g}: ${t}`);
      }
    }
  }
  return { score, matches, general: false };
}

/**
 * Breaking changes and deprecations that affect this repo first, then other breaking
 * changes and deprecations that match or are general, then everything else; within a
 * tier by match score, then newest first, then title for a stable order.
 * An actionable entry tagged for something this repo does not use sits with the rest:
 * a Python deprecation should not push a TypeScript team's news down.
 */
export function rankEntries(entries: readonly Entry[], profile: RepoProfile, now: number): RankedEntry[] {
  const sets = profileTagSets(profile);
  const ranked = entries.map((entry): RankedEntry => {
    const { score, matches, general } = scoreEntry(entry, sets);
    const affected = assessEntry(entry, profile, now);
    const actionable = isActionable(entry);
    const tier: 0 | 1 | 2 = affected && actionable ? 0 : actionable && (score > 0 || general) ? 1 : 2;
    // Being affected is itself the strongest match there is.
    return { entry, score: affected ? score + TAG_WEIGHTS.services : score, matches, general, affected, removal: removalInfo(entry, now), tier };
  });
  return ranked.sort(
    (a, b) =>
      a.tier - b.tier ||
      b.score - a.score ||
      (entryTime(b.entry.publishedAt) ?? 0) - (entryTime(a.entry.publishedAt) ?? 0) ||
      a.entry.title.localeCompare(b.entry.title),
  );
}

/** Whether the entry is about this repo at all (tag match or affected); general entries are not "contextual". */
export function isContextual(r: RankedEntry): boolean {
  return !!r.affected || (!r.general && r.score > 0);
}
