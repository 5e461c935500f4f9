// Golden-path adoption from goldenPath.evaluated events (pass/fail per check id, sent by
// the extension when a repository's results change). A repository's state at a moment is
// its latest evaluation before that moment, from any developer; it is on the golden path
// when every check of that evaluation passes. A team is on it when every evaluated
// repository of the team is. Pure.
//
// Active developers: a developer is active in a repository when they sent any event from
// it in the period (the activity rollup, which counts activity.day too).
import { hidden, type Hidden } from './suppression';
import { weeksBetween } from './stats';

export interface Evaluation {
  readonly repo: string;
  readonly team: string | null;
  /** ISO time of the event. */
  readonly time: string;
  readonly checks: readonly { readonly id: string; readonly passed: boolean }[];
}

export interface RepoActivity {
  readonly repo: string;
  readonly developer: string;
}

export interface Share {
  readonly evaluated: number;
  readonly onPath: number;
  /** onPath / evaluated, 0..1 rounded to 3 places; null when nothing was evaluated. */
  readonly share: number | null;
}

export interface CheckAdoption {
  readonly id: string;
  /** Repositories whose latest evaluation has this check. */
  readonly repos: number;
  readonly passing: number;
  readonly share: number | null;
  readonly failingRepos: number;
  /** Active developers of the failing repositories; null when fewer than the minimum group. */
  readonly developersAffected: number | null;
}

export interface WeekAdoption {
  readonly week: string;
  readonly repos: Share;
  readonly teams: Share;
  /** Per check id: repositories having it, passing it, and the share. */
  readonly checks: readonly { readonly id: string; readonly repos: number; readonly passing: number; readonly share: number | null }[];
}

export interface RepoRow {
  readonly repo: string;
  readonly team: string | null;
  readonly passed: number;
  readonly total: number;
  readonly failing: readonly string[];
  readonly evaluatedAt: string;
}

export interface GoldenPathAdoption {
  readonly repos: Share;
  readonly teams: Share;
  readonly checks: readonly CheckAdoption[];
  /** The failing check whose repositories hold the most active developers (shown counts only). */
  readonly mostAffecting: { readonly id: string; readonly developers: number } | null;
  readonly weeks: readonly WeekAdoption[];
  readonly repoList: readonly RepoRow[];
  /** Set when a developer count was hidden. */
  readonly suppressed?: Hidden;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const share = (evaluated: number, onPath: number): Share => ({ evaluated, onPath, share: evaluated ? round3(onPath / evaluated) : null });
const onPath = (e: Evaluation) => e.checks.length > 0 && e.checks.every((c) => c.passed);

/** Each repository's latest evaluation before `before` (ISO); ties: the later id in input order. */
export function latestByRepo(evaluations: readonly Evaluation[], before: string): Map<string, Evaluation> {
  const t = Date.parse(before);
  const out = new Map<string, Evaluation>();
  for (const e of evaluations) {
    if (Date.parse(e.time) >= t) continue;
    const cur = out.get(e.repo);
    if (!cur || Date.parse(e.time) >= Date.parse(cur.time)) out.set(e.repo, e);
  }
  return out;
}

function checkCounts(latest: Map<string, Evaluation>): { id: string; repos: number; passing: number; share: number | null }[] {
  const by = new Map<string, { repos: number; passing: number }>();
  for (const e of latest.values()) {
    for (const c of e.checks) {
      const n = by.get(c.id) ?? { repos: 0, passing: 0 };
      n.repos++;
      if (c.passed) n.passing++;
      by.set(c.id, n);
    }
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, n]) => ({ id, ...n, share: n.repos ? round3(n.passing / n.repos) : null }));
}

function shares(latest: Map<string, Evaluation>): { repos: Share; teams: Share } {
  const all = [...latest.values()];
  const teams = new Map<string, boolean>();
  for (const e of all) if (e.team) teams.set(e.team, (teams.get(e.team) ?? true) && onPath(e));
  return { repos: share(all.length, all.filter(onPath).length), teams: share(teams.size, [...teams.values()].filter(Boolean).length) };
}

export function goldenPathAdoption(input: { evaluations: readonly Evaluation[]; activity: readonly RepoActivity[]; from: string; to: string; minGroup: number }): GoldenPathAdoption {
  const latest = latestByRepo(input.evaluations, input.to);
  const devsByRepo = new Map<string, Set<string>>();
  for (const a of input.activity) {
    const s = devsByRepo.get(a.repo) ?? new Set<string>();
    s.add(a.developer);
    devsByRepo.set(a.repo, s);
  }
  let anyHidden = false;
  const checks: CheckAdoption[] = checkCounts(latest).map((c) => {
    const devs = new Set<string>();
    for (const e of latest.values()) if (e.checks.some((x) => x.id === c.id && !x.passed)) for (const d of devsByRepo.get(e.repo) ?? []) devs.add(d);
    const shown = devs.size === 0 || devs.size >= input.minGroup;
    if (!shown) anyHidden = true;
    return { ...c, failingRepos: c.repos - c.passing, developersAffected: shown ? devs.size : null };
  });
  let mostAffecting: GoldenPathAdoption['mostAffecting'] = null;
  for (const c of checks) if (c.failingRepos > 0 && c.developersAffected !== null && c.developersAffected > (mostAffecting?.developers ?? 0)) mostAffecting = { id: c.id, developers: c.developersAffected };

  const to = Date.parse(input.to);
  const weeks = weeksBetween(Date.parse(input.from), to).map((week) => {
    const end = Math.min(Date.parse(`${week}T00:00:00Z`) + 7 * 86_400_000, to);
    const at = latestByRepo(input.evaluations, new Date(end).toISOString());
    return { week, ...shares(at), checks: checkCounts(at) };
  });
  const repoList: RepoRow[] = [...latest.values()]
    .map((e) => ({ repo: e.repo, team: e.team, passed: e.checks.filter((c) => c.passed).length, total: e.checks.length, failing: e.checks.filter((c) => !c.passed).map((c) => c.id), evaluatedAt: e.time }))
    .sort((a, b) => b.failing.length - a.failing.length || a.repo.localeCompare(b.repo));
  return { ...shares(latest), checks, mostAffecting, weeks, repoList, ...(anyHidden ? { suppressed: hidden(input.minGroup, 'developers') } : {}) };
}
