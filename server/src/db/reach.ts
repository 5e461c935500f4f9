// The reads behind the Changelog page and the Surveys page's prompt counts (#12, #18):
// each entry's reach (developers notified by deprecation.affected, developers who opened
// it), the repositories a deprecation still affects, searches nobody found an answer to,
// and how often a survey was shown, answered and turned away. Whole days from the rollups
// of migration 0300, partial days from raw events (rollups.ts), as the other insights do.
import { hidden } from '../core/insights/suppression';
import type { Queryable } from './db';
import type { DocEntry } from '../../../src/core/platform/contract';
import { RK, rollupParams, TEAM, type ReadOptions, type Scope } from './sqlScope';
import { EDGE_EVENTS, entryFacts, ROLLUP_DAYS, surveyFacts } from './rollups';

const DAY_MS = 86_400_000;

/** A count of developers: shown when 0 or at least the minimum group, else null (hidden). */
export function groupCount(n: number, minGroup: number): number | null {
  return n === 0 || n >= minGroup ? n : null;
}

/** Whole UTC days from now to the removal date; negative once past. */
export function daysUntil(date: string | undefined, now: number): number | null {
  const t = date ? Date.parse(date.slice(0, 10) + 'T00:00:00Z') : NaN;
  return Number.isFinite(t) ? Math.round((t - Math.floor(now / DAY_MS) * DAY_MS) / DAY_MS) : null;
}

/** GET /admin/v1/insights/changelog */
export async function changelogInsight(db: Queryable, s: Scope & ReadOptions & { now: number }) {
  const reach = await db.query<{ entry_id: string; opened: number; notified: number; reached: number }>(
    `WITH ${RK}, t AS (
       SELECT DISTINCT x.entry_id, x.fact, x.install_id FROM (
         SELECT entry_id, fact, repo_id, install_id FROM rollup_entries WHERE ${ROLLUP_DAYS}
         UNION ALL SELECT entry_id, fact, repo_id, install_id FROM (${entryFacts(EDGE_EVENTS)}) f
       ) x LEFT JOIN rk ON rk.key = x.repo_id WHERE ${TEAM} AND x.install_id IS NOT NULL AND x.fact <> 'resolved'
     ) SELECT entry_id, count(DISTINCT install_id) FILTER (WHERE fact = 'opened')::int AS opened,
              count(DISTINCT install_id) FILTER (WHERE fact = 'affected')::int AS notified, count(DISTINCT install_id)::int AS reached
       FROM t GROUP BY entry_id`,
    rollupParams(s),
  );
  // Not bound to the period: which repositories are affected now.
  const affected = await db.query<{ entry_id: string; repo: string; team: string | null; since: Date }>(
    `WITH ${RK} SELECT d.entry_id, coalesce(rk.name, d.repo_id) AS repo, rk.team, d.affected_at AS since
     FROM deprecation_repos d LEFT JOIN rk ON rk.key = d.repo_id
     WHERE d.affected_at > coalesce(d.resolved_at, '-infinity'::timestamptz) AND ($1::text IS NULL OR rk.team = $1)
     ORDER BY d.entry_id, 2`,
    [s.team ?? null],
  );
  const byEntry = new Map(reach.rows.map((r) => [r.entry_id, r]));
  const stillBy = new Map<string, { repo: string; team: string | null; since: string }[]>();
  for (const r of affected.rows) stillBy.set(r.entry_id, [...(stillBy.get(r.entry_id) ?? []), { repo: r.repo, team: r.team, since: r.since.toISOString() }]);
  // (the docs table read here, not through db/docs.ts, keeps this module's types importable by the web page)
  const docs = (await db.query<{ entry: DocEntry }>('SELECT entry FROM docs ORDER BY published_at DESC, id')).rows;
  const published = new Set(docs.map((d) => d.entry.id));
  const rows = [
    ...docs.map((d) => ({ id: d.entry.id, title: d.entry.title as string | null, kind: d.entry.kind as string | null, type: d.entry.type ?? null, publishedAt: d.entry.publishedAt ?? null, removalDate: d.entry.removalDate?.slice(0, 10) ?? null })),
    // Entries from other feeds (a repository's own, a docs site) that developers reached.
    ...[...new Set([...byEntry.keys(), ...stillBy.keys()])].filter((id) => !published.has(id)).sort().map((id) => ({ id, title: null, kind: null, type: null, publishedAt: null, removalDate: null })),
  ];
  let hiddenCounts = 0;
  const count = (n: number | undefined) => {
    const v = groupCount(n ?? 0, s.minGroup);
    if (v === null) hiddenCounts++;
    return v;
  };
  const entries = rows.map((e) => {
    const r = byEntry.get(e.id);
    const still = stillBy.get(e.id) ?? [];
    const tracked = e.type === 'deprecation' || e.type === 'breaking' || still.length > 0;
    return {
      ...e,
      daysLeft: daysUntil(e.removalDate ?? undefined, s.now),
      reached: count(r?.reached),
      opened: count(r?.opened),
      notified: count(r?.notified),
      stillAffected: tracked ? { repos: still.length, list: still } : null,
    };
  });
  return {
    period: { from: s.from, to: s.to },
    team: s.team ?? null,
    minGroup: s.minGroup,
    entries,
    ...(hiddenCounts ? { hiddenReason: hidden(s.minGroup, 'developers').reason } : {}),
    searches: await searchInsight(db, s),
  };
}

/** docs.searched: how many searches found nothing, and the questions asked by at least the minimum group. */
async function searchInsight(db: Queryable, s: Scope) {
  const r = await db.query<{ q: string | null; searches: number; zero: number; developers: number; g: number }>(
    `WITH ${RK}, ev AS (
       SELECT e.install_id, e.data FROM event_facts e LEFT JOIN rk ON rk.key = e.repo_id
       WHERE e.kind = 'docs.searched' AND e.time >= $1::timestamptz AND e.time < $2::timestamptz AND ($3::text IS NULL OR rk.team = $3)
     ) SELECT lower(trim(data->>'query')) AS q, count(*)::int AS searches, count(*) FILTER (WHERE data->>'results' = '0')::int AS zero,
              count(DISTINCT install_id)::int AS developers, GROUPING(lower(trim(data->>'query')))::int AS g
       FROM ev GROUP BY GROUPING SETS ((), (lower(trim(data->>'query'))))`,
    [s.from, s.to, s.team ?? null],
  );
  const total = r.rows.find((x) => x.g === 1);
  const unanswered = r.rows
    .filter((x) => x.g === 0 && x.q && x.zero > 0 && x.developers >= s.minGroup)
    .sort((a, b) => b.developers - a.developers || b.zero - a.zero || a.q!.localeCompare(b.q!))
    .slice(0, 20)
    .map((x) => ({ query: x.q!, developers: x.developers, searches: x.searches, withoutResults: x.zero }));
  return { total: total?.searches ?? 0, withoutResults: total?.zero ?? 0, unanswered };
}

/** survey.shown, survey.answered and survey.dismissed of one survey: the response rate and prompt fatigue. */
export async function surveyPrompts(db: Queryable, s: Scope & ReadOptions, surveyId: string) {
  // Prompts of anonymous surveys carry no repository, so they cannot be split by team.
  if (s.team !== undefined) return { perTeam: false as const, reason: 'prompt counts are for every team: prompts of anonymous surveys carry no repository' };
  const p = rollupParams(s);
  p[3] = surveyId;
  const r = await db.query<{ fact: string; n: number }>(
    `SELECT fact, sum(n)::int AS n FROM (
       SELECT fact, n FROM rollup_surveys WHERE ${ROLLUP_DAYS} AND survey_id = $4
       UNION ALL SELECT fact, 1 FROM (${surveyFacts(EDGE_EVENTS)}) f WHERE survey_id = $4
     ) x GROUP BY fact`,
    p,
  );
  const n = (fact: string) => r.rows.find((x) => x.fact === fact)?.n ?? 0;
  const shown = n('shown');
  const answered = n('answered');
  return {
    shown,
    answered,
    responseRate: shown > 0 ? Math.round((answered / shown) * 1000) / 1000 : null,
    dismissed: { remindLater: n('remindLater'), never: n('never'), closed: n('closed') },
  };
}
