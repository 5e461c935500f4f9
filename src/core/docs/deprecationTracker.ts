import * as z from 'zod/mini';
import type { EventData } from '../events/kinds';
import type { RankedEntry } from './ranking';

// Which deprecation and breaking-change entries each repository was last reported as
// affected by, so deprecation.affected is sent once per entry and repository, and
// deprecation.resolved once it no longer applies. Kept in the store every window shares
// (globalState in the host); an entry that no source lists any more is neither affected
// nor resolved (nothing is known about it), so it stays as it was. Pure.

const MAX_REPOS = 200;

export const DeprecationState = z.object({ version: z.literal(1), repos: z.record(z.string(), z.array(z.string())) });
export type DeprecationState = z.infer<typeof DeprecationState>;

export function parseDeprecationState(raw: unknown): DeprecationState {
  const r = DeprecationState.safeParse(raw);
  return r.success ? r.data : { version: 1, repos: {} };
}

export interface DeprecationChanges {
  readonly affected: EventData<'deprecation.affected'>[];
  readonly resolved: EventData<'deprecation.resolved'>[];
}

const TRACKED = new Set(['deprecation', 'breaking']);

/** What changed for this repository since the state was written. */
export function deprecationChanges(state: DeprecationState, repoKey: string, ranked: readonly RankedEntry[]): DeprecationChanges {
  const before = new Set(state.repos[repoKey] ?? []);
  const known = new Set(ranked.map((r) => r.entry.id));
  const now = ranked.filter((r) => r.affected && TRACKED.has(r.entry.type));
  const nowIds = new Set(now.map((r) => r.entry.id));
  const affected = now
    .filter((r) => !before.has(r.entry.id))
    .map((r) => {
      const seen = new Set<string>();
      const found = r.affected!.reasons
        .map((x) => ({ rule: x.found.rule, name: x.found.name.slice(0, 200), ...(x.found.version ? { version: x.found.version.slice(0, 100) } : {}) }))
        .filter((f) => {
          const k = JSON.stringify(f);
          return seen.has(k) ? false : (seen.add(k), true);
        })
        .slice(0, 20);
      const removal = r.entry.removalDate?.slice(0, 10);
      return { entryId: r.entry.id.slice(0, 200), found, ...(removal ? { removalDate: removal } : {}) };
    });
  const resolved = [...before].filter((id) => known.has(id) && !nowIds.has(id)).map((entryId) => ({ entryId }));
  return { affected, resolved };
}

/** The state after the changes that were recorded (only those: the rest is tried again next time). */
export function applyDeprecationChanges(state: DeprecationState, repoKey: string, affected: readonly string[], resolved: readonly string[]): DeprecationState {
  const ids = new Set(state.repos[repoKey] ?? []);
  for (const id of affected) ids.add(id);
  for (const id of resolved) ids.delete(id);
  const repos = { ...state.repos };
  delete repos[repoKey];
  if (ids.size) repos[repoKey] = [...ids].sort();
  // Most recently changed last; the oldest repositories are forgotten past the cap.
  const keys = Object.keys(repos);
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_REPOS))) delete repos[k];
  return { version: 1, repos };
}
