// Time to onboard, measured to the first production deploy (#13): from the new hire's
// first day (new-hire mode starting: "I'm New Here", or the first time the extension saw
// them in a repository with no commit of theirs) to the first successful production
// deployment that shipped their first commit, per start-week cohort, against the seed's
// one-day target. Pure; the join itself is SQL in db/firstDeploy.ts.
import { percentile, weekStart } from './stats';
import { hidden } from './suppression';

export const FIRST_DEPLOY_TARGET_MINUTES = 24 * 60;

export interface NewHireDeploy {
  /** When new-hire mode started (epoch ms). */
  readonly startedAt: number;
  /** The first production deploy holding the first commit (epoch ms), if any yet. */
  readonly deployedAt: number | null;
}

interface Numbers {
  readonly n: number;
  readonly p50Minutes: number;
  readonly p90Minutes: number;
  /** Deployed within the one-day target. */
  readonly withinTarget: number;
}

function numbers(minutes: readonly number[]): Numbers {
  return { n: minutes.length, p50Minutes: percentile(minutes, 0.5)!, p90Minutes: percentile(minutes, 0.9)!, withinTarget: minutes.filter((m) => m <= FIRST_DEPLOY_TARGET_MINUTES).length };
}

/** Cohorts by the UTC week the new hire started; a group under minGroup is hidden. */
export function firstDeployCohorts(hires: readonly NewHireDeploy[], minGroup: number) {
  const deployed = (h: readonly NewHireDeploy[]) => h.filter((x) => x.deployedAt !== null && x.deployedAt >= x.startedAt).map((x) => (x.deployedAt! - x.startedAt) / 60_000);
  const byWeek = new Map<string, NewHireDeploy[]>();
  for (const h of hires) byWeek.set(weekStart(h.startedAt), [...(byWeek.get(weekStart(h.startedAt)) ?? []), h]);
  const all = deployed(hires);
  return {
    targetMinutes: FIRST_DEPLOY_TARGET_MINUTES,
    /** First commits not yet in a production deploy. */
    waiting: hires.filter((h) => h.deployedAt === null).length,
    overall: all.length >= minGroup ? numbers(all) : hidden(minGroup, 'new hires'),
    cohorts: [...byWeek]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, h]) => {
        const d = deployed(h);
        return d.length >= minGroup ? { week, ...numbers(d), waiting: h.length - d.length } : { week, ...hidden(minGroup, 'new hires') };
      }),
  };
}
