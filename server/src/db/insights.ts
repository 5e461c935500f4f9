// The reads behind the dashboard's insight routes: plain SQL over the events table (team
// from the repository, else its service), shaped by the pure functions in core/insights.
import { placeFriction, QUADRANT_ADVICE, DEFAULT_THRESHOLDS, type FrictionInput, type FrictionSource } from '../core/insights/friction';
import { npsBand, npsByTeam, npsForTeam, npsOf, type ScoredAnswer } from '../core/insights/nps';
import { onboardingFunnel } from '../core/insights/onboarding';
import { percentile, weeksBetween } from '../core/insights/stats';
import { hidden, suppressPartition } from '../core/insights/suppression';
import { quarterOf, surveyDefinitions, surveyResults } from '../core/insights/surveyResults';
import type { Queryable } from './db';
import type { ReportStatus } from '../../../src/core/platform/contract';
import { activityFacts, DAY_TIME, DEV_BIT, DEV_CHUNK, DEV_JOIN, EDGE_EVENTS, EDGE_HOUR_EVENTS, ROLLUP_HOURS, FACT_KINDS, frictionFacts, reportFacts, ROLLUP_DAYS, ROLLUP_EDGE_DAYS, ROLLUP_WEEKS, WEEK_TIME } from './rollups';
import { deliveryInsight } from './deployments';
import { surveyPrompts } from './reach';
import { activityParams, RK, rollupParams, TEAM, weekParams, type ReadOptions, type Scope } from './sqlScope';
import { reportThemes } from '../core/insights/themes';

export type { Period, ReadOptions, Scope } from './sqlScope';
export { deliveryInsight } from './deployments';

// Events of the period with their team and repository name; $1 from, $2 to, $3 kinds.
// For the kinds that have no rollup (each a small share of all events, read by kind and
// time from their narrow copies in event_facts: FACT_KINDS).
export const EV = `${RK}, ev AS (
  SELECT e.id, e.kind, e.time, e.install_id, e.data, rk.team, coalesce(rk.name, e.repo_id) AS repo
  FROM event_facts e
  LEFT JOIN rk ON rk.key = e.repo_id
  WHERE e.time >= $1::timestamptz AND e.time < $2::timestamptz AND e.kind = ANY($3::text[])
)`;

/** EV's kinds: only those event_facts keeps (another kind would read as none). */
function factKinds(kinds: string[]): string[] {
  const other = kinds.filter((k) => !FACT_KINDS.includes(k));
  if (other.length) throw new Error(`event_facts does not keep ${other.join(', ')}: add it to FACT_KINDS (db/rollups.ts) and refill`);
  return kinds;
}
export const params = (s: Scope, kinds: string[]) => [s.from, s.to, factKinds(kinds), s.team ?? null];

// Who was active where, per UTC week (w), repository and chunk of developer numbers, the
// developers as bits (rollups.ts): the whole weeks from the weekly rollup, the whole days
// around them from the daily one, the whole hours of the partial days from the hourly one and
// the rest from raw events, made bits per week (params: activityParams). Distinct counts
// stay exact: bit_count of the OR of a chunk's bits.
const ACTIVITY = `(SELECT week::timestamp AS w, repo_id, chunk, developers FROM rollup_activity_week WHERE ${ROLLUP_WEEKS}
  UNION ALL SELECT date_trunc('week', day::timestamp), repo_id, chunk, developers FROM rollup_activity WHERE ${ROLLUP_EDGE_DAYS}
  UNION ALL SELECT date_trunc('week', hour AT TIME ZONE 'UTC'), repo_id, chunk, developers FROM rollup_activity_hour WHERE ${ROLLUP_HOURS}
  UNION ALL SELECT date_trunc('week', f.time AT TIME ZONE 'UTC'), f.repo_id, ${DEV_CHUNK}, bit_or(${DEV_BIT}) FROM (${activityFacts(EDGE_HOUR_EVENTS)}) f ${DEV_JOIN('f')} GROUP BY 1, 2, 3) u`;
/** Per repository (name, team) and chunk, the developers active in the period as bits (devs). */
export const ACT = `${RK}, act AS (
  SELECT coalesce(rk.name, x.repo_id) AS repo, rk.team, x.chunk, x.devs
  FROM (SELECT repo_id, chunk, bit_or(developers) AS devs FROM ${ACTIVITY} GROUP BY 1, 2) x LEFT JOIN rk ON rk.key = x.repo_id
)`;
const weekText = (w: string) => `to_char(${w}, 'YYYY-MM-DD')`;

/** Developers active per UTC week of the period (of the team asked for), and in the whole period: one pass. */
async function activeWeeks(db: Queryable, s: Scope & ReadOptions): Promise<{ weeks: { week: string; developers: number }[]; developers: number }> {
  const r = await db.query<{ week: string | null; developers: number }>(
    `WITH ${RK}, aw AS (
       SELECT u.w, u.chunk, bit_or(u.developers) AS devs FROM ${ACTIVITY} LEFT JOIN rk ON rk.key = u.repo_id WHERE ${TEAM} GROUP BY 1, 2
     ) SELECT ${weekText('w')} AS week, sum(bit_count(devs))::int AS developers FROM aw GROUP BY w
     UNION ALL SELECT NULL, coalesce(sum(n), 0)::int FROM (SELECT bit_count(bit_or(devs)) AS n FROM aw GROUP BY chunk) c`,
    activityParams(s),
  );
  const by = new Map(r.rows.map((x) => [x.week, x.developers]));
  return { weeks: weeksBetween(Date.parse(s.from), Date.parse(s.to)).map((week) => ({ week, developers: by.get(week) ?? 0 })), developers: by.get(null) ?? 0 };
}

// Every friction observation as (key, source, week, repo, chunk, developers as bits,
// occurrences, ms): the whole weeks from the weekly rollup, the whole days around them from
// the daily one and the partial days from raw events, their install ids made bits (rollups.ts).
const FRICTION_ROWS = `${RK}, fr AS (
  SELECT CASE x.source WHEN 'failingTask' THEN 'task:' || x.subject WHEN 'failingCommand' THEN 'command:' || x.subject
           WHEN 'slowSetup' THEN 'setup:' || coalesce(rk.name, x.repo_id, '(no repository)') ELSE 'stuck:' || x.subject END AS key,
         x.source, ${weekText("date_trunc('week', x.time AT TIME ZONE 'UTC')")} AS week, coalesce(rk.name, x.repo_id) AS repo, x.chunk, x.developers, x.occurrences, x.ms
  FROM (
    SELECT ${WEEK_TIME} AS time, source, subject, repo_id, chunk, developers, occurrences, ms FROM rollup_friction_week WHERE ${ROLLUP_WEEKS}
    UNION ALL SELECT ${DAY_TIME}, source, subject, repo_id, chunk, developers, occurrences, ms FROM rollup_friction WHERE ${ROLLUP_EDGE_DAYS}
    UNION ALL SELECT f.time, f.source, f.subject, f.repo_id, ${DEV_CHUNK}, ${DEV_BIT}, 1, f.ms FROM (${frictionFacts(EDGE_EVENTS)}) f ${DEV_JOIN('f')}
  ) x LEFT JOIN rk ON rk.key = x.repo_id
  WHERE ${TEAM}
)`;

/** 'setup:github.com/acme/shop' -> 'setup of github.com/acme/shop', and so on. */
function frictionLabel(key: string): string {
  const i = key.indexOf(':');
  const rest = key.slice(i + 1);
  return ({ setup: `setup of ${rest}`, task: `task ${rest}`, stuck: `${rest} failing repeatedly`, command: rest } as Record<string, string>)[key.slice(0, i)] ?? rest;
}

/** GET /admin/v1/insights/friction */
export async function frictionInsight(db: Queryable, s: Scope & ReadOptions) {
  const { weeks: active, developers: activeDevelopers } = await activeWeeks(db, s);
  const r = await db.query<{ key: string; source: FrictionSource; week: string | null; repo: string | null; g: number; developers: number; occurrences: number; minutes: number }>(
    // Per item overall (g 3), per week (1) and per repository (2); distinct developers as the
    // bits set in the OR of each chunk's bits, summed over chunks.
    `WITH ${FRICTION_ROWS}, c AS MATERIALIZED (
       SELECT key, source, week, repo, chunk, bit_or(developers) AS devs, sum(occurrences) AS occ, sum(ms) AS ms FROM fr GROUP BY 1, 2, 3, 4, 5
     ), per AS (
       SELECT key, source, NULL::text AS week, NULL::text AS repo, 3 AS g, chunk, bit_or(devs) AS devs, sum(occ) AS occ, sum(ms) AS ms FROM c GROUP BY key, source, chunk
       UNION ALL SELECT key, source, week, NULL, 1, chunk, bit_or(devs), sum(occ), sum(ms) FROM c GROUP BY key, source, week, chunk
       UNION ALL SELECT key, source, NULL, repo, 2, chunk, bit_or(devs), sum(occ), sum(ms) FROM c GROUP BY key, source, repo, chunk
     ) SELECT key, source, week, repo, g, sum(bit_count(devs))::int AS developers, sum(occ)::int AS occurrences, (coalesce(sum(ms), 0) / 60000)::float8 AS minutes
       FROM per GROUP BY key, source, week, repo, g ORDER BY key, g, week, repo`,
    weekParams(s),
  );
  const inputs = new Map<string, FrictionInput & { weeks: FrictionInput['weeks'][number][] }>();
  const repos = new Map<string, { repo: string; developers: number; occurrences: number; minutesLost: number }[]>();
  for (const row of r.rows) {
    const it = inputs.get(row.key) ?? { key: row.key, label: frictionLabel(row.key), source: row.source, developers: 0, weeks: [] };
    inputs.set(row.key, it);
    if (row.g === 3) (it as { developers: number }).developers = row.developers;
    else if (row.g === 1) it.weeks.push({ week: row.week!, developers: row.developers, occurrences: row.occurrences, minutesLost: row.minutes });
    else {
      const list = repos.get(row.key) ?? [];
      list.push({ repo: row.repo ?? '(no repository)', developers: row.developers, occurrences: row.occurrences, minutesLost: Math.round(row.minutes * 10) / 10 });
      repos.set(row.key, list);
    }
  }
  const placed = placeFriction([...inputs.values()], active, s.minGroup);
  // Friction reports sent right after a command failed, counted on that command's items.
  const rep = await db.query<{ cmd: string; n: number }>(
    `WITH ${RK} SELECT x.command AS cmd, sum(x.reports)::int AS n FROM (
       SELECT repo_id, command, reports FROM rollup_friction_reports WHERE ${ROLLUP_DAYS}
       UNION ALL SELECT repo_id, command, 1 FROM (${reportFacts(EDGE_EVENTS)}) f
     ) x LEFT JOIN rk ON rk.key = x.repo_id WHERE ${TEAM} GROUP BY 1`,
    rollupParams(s),
  );
  const reportsOn = new Map(rep.rows.flatMap((x) => [[`command:${x.cmd}`, x.n], [`stuck:${x.cmd}`, x.n]] as [string, number][]));
  return {
    period: { from: s.from, to: s.to },
    team: s.team ?? null,
    minGroup: s.minGroup,
    activeDevelopers,
    weeks: active,
    thresholds: DEFAULT_THRESHOLDS,
    quadrants: QUADRANT_ADVICE,
    hiddenItems: placed.hiddenItems,
    ...(placed.hidden ? { hiddenReason: placed.hidden.reason } : {}),
    items: placed.items.map((it) => {
      const all = (repos.get(it.key) ?? []).sort((a, b) => b.minutesLost - a.minutesLost || a.repo.localeCompare(b.repo));
      const shown = all.filter((x) => x.developers >= s.minGroup);
      return { ...it, reports: reportsOn.get(it.key) ?? 0, repos: shown, hiddenRepos: all.length - shown.length };
    }),
  };
}

/** The free-text friction reports, newest first, without any identity. */
export async function frictionReports(db: Queryable, s: Scope) {
  const r = await db.query<{ id: string; time: Date; text: string; context: Record<string, unknown>; team: string | null; repo: string | null; status: ReportStatus | null; changelog_id: string | null }>(
    `WITH ${EV} SELECT ev.id, ev.time, ev.data->>'text' AS text, ev.data->'context' AS context, ev.team, ev.repo, f.status, f.changelog_id
     FROM ev LEFT JOIN friction_status f ON f.event_id = ev.id WHERE ${TEAM} ORDER BY ev.time DESC, ev.id LIMIT 500`,
    params(s, ['friction.reported']),
  );
  return {
    period: { from: s.from, to: s.to },
    team: s.team ?? null,
    reports: r.rows.map((x) => {
      const c = x.context ?? {};
      return {
        id: x.id,
        time: x.time.toISOString(),
        text: x.text,
        ...(typeof c.lastFailedCommand === 'string' ? { lastFailedCommand: c.lastFailedCommand } : {}),
        ...(typeof c.failingForMinutes === 'number' ? { failingForMinutes: c.failingForMinutes } : {}),
        repo: typeof c.repo === 'string' ? c.repo : null,
        team: x.team,
        status: x.status ?? 'new',
        changelogId: x.changelog_id,
      };
    }),
  };
}

/** Themes of the reports' free text (core/insights/themes.ts): the words many developers use. */
export async function frictionThemes(db: Queryable, s: Scope) {
  const r = await db.query<{ id: string; text: string | null; install_id: string | null }>(
    `WITH ${EV} SELECT ev.id, ev.data->>'text' AS text, ev.install_id FROM ev WHERE ${TEAM} ORDER BY ev.time DESC, ev.id LIMIT 20000`,
    params(s, ['friction.reported']),
  );
  const t = reportThemes(r.rows.map((x) => ({ id: x.id, text: x.text ?? '', developer: x.install_id })), s.minGroup);
  return {
    period: { from: s.from, to: s.to },
    team: s.team ?? null,
    minGroup: t.minGroup,
    reports: r.rows.length,
    themes: t.themes.map((x) => ({ term: x.term, developers: x.developers, reports: x.reportIds.length, reportIds: x.reportIds })),
  };
}

/** The team of a friction report (for team-limited accounts), or undefined when there is no such report. */
export async function reportTeam(db: Queryable, id: string): Promise<{ team: string | null } | undefined> {
  const r = await db.query<{ team: string | null }>(
    `SELECT coalesce(r.team, s.team) AS team FROM events e LEFT JOIN repos r ON r.id = e.repo_id OR r.name = e.repo_id LEFT JOIN services s ON s.name = r.service
     WHERE e.id = $1 AND e.kind = 'friction.reported'`,
    [id],
  );
  return r.rows[0];
}

export async function setReportStatus(db: Queryable, id: string, status: ReportStatus, changelogId: string | null, by: string): Promise<void> {
  await db.query(
    `INSERT INTO friction_status (event_id, status, changelog_id, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (event_id) DO UPDATE SET status = excluded.status, changelog_id = excluded.changelog_id, updated_by = excluded.updated_by, updated_at = now()`,
    [id, status, changelogId, by],
  );
}

const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);

/** GET /admin/v1/insights/onboarding */
export async function onboardingInsight(db: Queryable, s: Scope) {
  const rows = await db.query<{ kind: string; install_id: string | null; time: Date; data: Record<string, unknown>; repo: string | null }>(
    `WITH ${EV} SELECT kind, install_id, time, data, repo FROM ev WHERE ${TEAM} ORDER BY time`,
    params(s, ['newHire.firstCommit', 'onboarding.stepCompleted', 'setup.completed']),
  );
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  // Time to first commit, by the week the new hire started.
  const cohorts = new Map<string, number[]>();
  const all: number[] = [];
  const steps: { developer: string; stepId: string; durationMs: number }[] = [];
  const setup = new Map<string, { d: number[]; failed: number[]; installs: number[] }>();
  for (const r of rows.rows) {
    if (r.kind === 'newHire.firstCommit') {
      const d = num(r.data.durationMs);
      const week = weeksBetween(r.time.getTime() - d, r.time.getTime() - d + 1)[0]!;
      cohorts.set(week, [...(cohorts.get(week) ?? []), d]);
      all.push(d);
    } else if (r.kind === 'onboarding.stepCompleted' && r.install_id) {
      const since = r.data.sinceChecklistMs;
      steps.push({ developer: r.install_id, stepId: String(r.data.stepId), durationMs: num(r.data.durationMs), ...(typeof since === 'number' ? { sinceChecklistMs: since } : {}) });
    } else if (r.kind === 'setup.completed') {
      const k = r.repo ?? '(no repository)';
      const e = setup.get(k) ?? { d: [], failed: [], installs: [] };
      e.d.push(num(r.data.durationMs));
      e.failed.push(num(r.data.failedAttempts));
      e.installs.push(num(r.data.installRuns));
      setup.set(k, e);
    }
  }
  const pct = (v: number[], p: number) => minutes(percentile(v, p));
  const order = await checklistOrder(db, s.team);
  const funnel = onboardingFunnel(steps, order, s.minGroup);
  const repoRows = [...setup].map(([repo, e]) =>
    e.d.length < s.minGroup
      ? { repo, suppressed: true as const }
      : { repo, n: e.d.length, p50Minutes: pct(e.d, 0.5), p90Minutes: pct(e.d, 0.9), medianFailedAttempts: percentile(e.failed, 0.5), medianInstallRuns: percentile(e.installs, 0.5) },
  );
  const shownRepos = repoRows.filter((x) => !('suppressed' in x)).sort((a, b) => (b as { p50Minutes: number }).p50Minutes - (a as { p50Minutes: number }).p50Minutes);
  return {
    period: { from: s.from, to: s.to },
    team: s.team ?? null,
    minGroup: s.minGroup,
    firstCommit:
      all.length >= s.minGroup ? { n: all.length, p50Minutes: pct(all, 0.5), p90Minutes: pct(all, 0.9) } : hidden(s.minGroup, 'new hires'),
    cohorts: [...cohorts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, d]) => (d.length >= s.minGroup ? { week, n: d.length, p50Minutes: pct(d, 0.5), p90Minutes: pct(d, 0.9) } : { week, ...hidden(s.minGroup, 'new hires') })),
    funnel,
    setupByRepo: shownRepos,
    hiddenRepos: repoRows.length - shownRepos.length,
  };
}

/** The checklist's step order: the team's configuration layer, else the org's. */
async function checklistOrder(db: Queryable, team: string | undefined): Promise<string[]> {
  const r = await db.query<{ scope: string; onboarding: { steps?: { id?: unknown }[] } | null }>(
    "SELECT scope, onboarding FROM config_layers WHERE scope = 'org' OR scope = $1",
    [team ? `team:${team}` : 'org'],
  );
  const pick = r.rows.find((x) => x.scope !== 'org' && x.onboarding) ?? r.rows.find((x) => x.onboarding);
  return (pick?.onboarding?.steps ?? []).map((x) => x.id).filter((x): x is string => typeof x === 'string');
}

async function surveyAnswers(db: Queryable, s: Scope, surveyId: string) {
  const r = await db.query<{ time: Date; team: string | null; answers: { questionId: string; value: unknown }[] }>(
    // An anonymous answer names its team itself (the extension's catalog-info.yaml or configuration).
    `WITH ${EV} SELECT time, coalesce(team, data->>'team') AS team, data->'answers' AS answers FROM ev WHERE data->>'surveyId' = $4 ORDER BY time`,
    [s.from, s.to, factKinds(['survey.answered']), surveyId],
  );
  return r.rows;
}

async function findSurvey(db: Queryable, id: string) {
  const r = await db.query<{ definition: unknown }>('SELECT definition FROM surveys WHERE id = $1', [id]);
  return r.rows[0] ? surveyDefinitions([r.rows[0].definition])[0] : undefined;
}

/**
 * GET /admin/v1/insights/nps: the survey's (first) NPS question, for everyone or one team.
 * Answers without a repository (anonymous ones) have no team: they count for everyone and
 * are one cell of the team partition. undefined: no such survey or no NPS question.
 */
export async function npsInsight(db: Queryable, s: Scope, surveyId: string) {
  const def = await findSurvey(db, surveyId);
  const q = def?.questions.find((x) => x.type === 'nps');
  if (!def || !q) return undefined;
  const answers: ScoredAnswer[] = [];
  for (const row of await surveyAnswers(db, s, surveyId)) {
    const v = row.answers.find((a) => a.questionId === q.id)?.value;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10) answers.push({ score: v, team: row.team });
  }
  const r = npsForTeam(answers, s.team, s.minGroup);
  const base = { surveyId, questionId: q.id, period: { from: s.from, to: s.to }, team: s.team ?? null, minGroup: s.minGroup };
  if ('suppressed' in r) return { ...base, suppressed: true as const, reason: r.reason };
  return { ...base, nps: r.nps, n: r.n, promoters: r.promoters, passives: r.passives, detractors: r.detractors, band: npsBand(r.nps) };
}

/** GET /admin/v1/insights/surveys/:id: every question's results, and NPS per quarter. */
export async function surveyInsight(db: Queryable, s: Scope, surveyId: string) {
  const def = await findSurvey(db, surveyId);
  if (!def) return undefined;
  const all = await surveyAnswers(db, s, surveyId);
  if (s.team !== undefined) {
    // The same partition as npsInsight, so no team is shown here that is hidden there.
    const counts = new Map<string, number>();
    for (const r of all) counts.set(r.team ?? '\u0000none', (counts.get(r.team ?? '\u0000none') ?? 0) + 1);
    if (suppressPartition([...counts].map(([key, n]) => ({ key, n })), s.minGroup).has(s.team)) {
      return { surveyId, title: def.title, period: { from: s.from, to: s.to }, team: s.team, respondents: null, questions: [], npsByQuarter: [], ...hidden(s.minGroup, 'respondents') };
    }
  }
  const rows = all.filter((r) => s.team === undefined || r.team === s.team);
  const answered = rows.map((r) => ({ time: r.time.toISOString(), answers: r.answers }));
  const results = surveyResults(def, answered, s.minGroup);
  const q = def.questions.find((x) => x.type === 'nps');
  const quarters = new Map<string, typeof answered>();
  for (const a of answered) quarters.set(quarterOf(a.time), [...(quarters.get(quarterOf(a.time)) ?? []), a]);
  const scoresOf = (list: typeof answered) => list.flatMap((a) => a.answers.filter((x) => x.questionId === q?.id).map((x) => x.value as number));
  const npsByQuarter = q
    ? [...quarters].sort(([a], [b]) => a.localeCompare(b)).map(([quarter, list]) => ({ quarter, ...npsOf(scoresOf(list), s.minGroup) }))
    : [];
  const scored: ScoredAnswer[] = all.flatMap((r) => {
    const v = r.answers.find((a) => a.questionId === q?.id)?.value;
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10 ? [{ score: v, team: r.team }] : [];
  });
  const byTeam = q ? npsByTeam(scored, s.minGroup).filter((x) => s.team === undefined || x.team === s.team) : [];
  return { surveyId, title: def.title, period: { from: s.from, to: s.to }, team: s.team ?? null, minGroup: s.minGroup, ...results, npsByQuarter, npsByTeam: byTeam, prompts: await surveyPrompts(db, s, surveyId) };
}

/** GET /admin/v1/insights/overview: the seed's four success metrics. */
export async function overviewInsight(db: Queryable, s: Scope & ReadOptions & { now: number }) {
  const delivery = await deliveryInsight(db, { ...(s.team ? { team: s.team } : {}), now: s.now, windowDays: 30 });
  const onboarding = await onboardingInsight(db, s);
  const adoption = [];
  for (const days of [7, 28]) {
    const sc = { ...s, from: new Date(s.now - days * 86_400_000).toISOString(), to: new Date(s.now).toISOString() };
    const r = await db.query<{ developers: number; repos: number }>(
      `WITH ${ACT}, t AS (SELECT * FROM act WHERE ${TEAM})
       SELECT (SELECT coalesce(sum(n), 0) FROM (SELECT bit_count(bit_or(devs)) AS n FROM t GROUP BY chunk) c)::int AS developers, (SELECT count(DISTINCT repo) FROM t)::int AS repos`,
      activityParams(sc),
    );
    adoption.push({ days, from: sc.from, to: sc.to, developers: r.rows[0]?.developers ?? 0, repos: r.rows[0]?.repos ?? 0 });
  }
  const active = (await activeWeeks(db, s)).weeks;
  // The NPS survey with the most answers in the period.
  const defs = surveyDefinitions((await db.query<{ definition: unknown }>('SELECT definition FROM surveys ORDER BY id')).rows.map((r) => r.definition));
  const npsIds = defs.filter((d) => d.questions.some((q) => q.type === 'nps')).map((d) => d.id);
  let nps = null;
  if (npsIds.length) {
    const c = await db.query<{ id: string; n: number }>(
      `WITH ${EV} SELECT data->>'surveyId' AS id, count(*)::int AS n FROM ev WHERE data->>'surveyId' = ANY($4::text[]) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
      [s.from, s.to, factKinds(['survey.answered']), npsIds],
    );
    nps = await npsInsight(db, s, c.rows[0]?.id ?? npsIds[0]!);
  }
  return {
    period: { from: s.from, to: s.to },
    team: s.team ?? null,
    minGroup: s.minGroup,
    leadTime: delivery.services.map((x) => ({
      service: x.service,
      team: x.team,
      windowDays: 30,
      medianMinutes: x.report.leadTime.medianMinutes,
      commits: x.report.leadTime.commits,
      band: x.report.leadTime.band,
      trend: x.report.leadTime.trend,
    })),
    onboarding: onboarding.firstCommit,
    worstOnboardingStep: 'worstStep' in onboarding.funnel ? onboarding.funnel.worstStep : null,
    stallOnboardingStep: 'stallStep' in onboarding.funnel ? onboarding.funnel.stallStep : null,
    nps,
    adoption,
    activeByWeek: active,
  };
}

/** GET /admin/v1/insights/surveys: the published surveys, for the results picker. */
export async function surveyList(db: Queryable) {
  const defs = surveyDefinitions((await db.query<{ definition: unknown }>('SELECT definition FROM surveys ORDER BY id')).rows.map((r) => r.definition));
  return { surveys: defs.map((d) => ({ id: d.id, title: d.title, questions: d.questions.map((q) => ({ id: q.id, type: q.type })) })) };
}
