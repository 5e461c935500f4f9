// What every insight read is scoped by (a period, a team, the minimum group) and the SQL
// pieces they share: the repository lookup and the team filter.
import { splitHours, splitPeriod, splitWeeks } from './rollups';

export interface Period {
  readonly from: string;
  readonly to: string;
}

export interface Scope extends Period {
  /** undefined: every team. */
  readonly team?: string;
  readonly minGroup: number;
}

// The repository lookup: an event names its repo by hash or by name, both keys of one
// lookup, joined by equality (a hash join; an OR in the join condition would compare every pair).
export const RK = `rk AS (
  SELECT r.id AS key, r.name, coalesce(r.team, s.team) AS team FROM repos r LEFT JOIN services s ON s.name = r.service
  UNION ALL
  SELECT r.name, r.name, coalesce(r.team, s.team) FROM repos r LEFT JOIN services s ON s.name = r.service WHERE r.name IS NOT NULL AND r.name <> r.id
)`;

// ... and only the team asked for ($4, NULL for all).
export const TEAM = '($4::text IS NULL OR team = $4)';

export interface ReadOptions {
  /** false: recount everything from raw events (what tests compare the rollups against). */
  readonly rollups?: boolean;
}

/** $1 from, $2 to, $4 team, and $3 to $5 the whole days read from rollups (rollups.ts). */
export const rollupParams = (s: Scope & ReadOptions) => {
  const { a, b } = splitPeriod(s.from, s.to, s.rollups ?? true);
  return [s.from, s.to, a, s.team ?? null, b];
};

/** rollupParams and $6 to $7, the whole weeks read from the weekly rollups. */
export const weekParams = (s: Scope & ReadOptions) => {
  const p = rollupParams(s);
  const { wa, wb } = splitWeeks(p[2]!, p[4]!);
  return [...p, wa, wb];
};

/** weekParams and $8 to $11, the whole hours of its partial days read from the hourly activity rollup (activity reads only). */
export const activityParams = (s: Scope & ReadOptions) => {
  const p = weekParams(s);
  const first = splitHours(p[0]!, p[2]!, s.rollups ?? true);
  const last = splitHours(p[4]!, p[1]!, s.rollups ?? true);
  return [...p, first.ha, first.hb, last.ha, last.hb];
};
