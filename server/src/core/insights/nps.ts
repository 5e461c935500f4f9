// NPS as the seed defines it (% promoters 9-10 minus % detractors 0-6), computed by the
// extension's own npsSummary, with the server's minimum group and complementary
// suppression over teams. Pure.
import { npsSummary } from '../../../../src/core/surveys/nps';
import { hidden, suppressPartition, type Hidden } from './suppression';

export interface NpsNumbers {
  readonly nps: number;
  readonly n: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** How many chose 0, 1, ... 10. */
  readonly distribution: number[];
}

/** The seed's bands: > 50 great, > 30 good. */
export function npsBand(nps: number): 'great' | 'good' | 'needsWork' {
  return nps > 50 ? 'great' : nps > 30 ? 'good' : 'needsWork';
}

export function npsOf(scores: readonly number[], minGroup: number): NpsNumbers | Hidden {
  const r = npsSummary(scores, { minGroupSize: minGroup });
  if (r.suppressed) return hidden(minGroup, 'respondents');
  const distribution = Array.from({ length: 11 }, () => 0);
  for (const s of scores) if (Number.isInteger(s) && s >= 0 && s <= 10) distribution[s]!++;
  return { nps: r.nps, n: r.respondents, promoters: r.promoters, passives: r.passives, detractors: r.detractors, distribution };
}

export interface ScoredAnswer {
  readonly score: number;
  /** The team of the repository the answer came from; null when unknown (anonymous answers). */
  readonly team: string | null;
}

/**
 * NPS for one team, or for everyone when team is undefined. A team's result is hidden when
 * the team, or (complementary suppression) the partition of all answers into teams and
 * "no team", says so, whichever team is asked: every query sees the same hidden cells.
 */
export function npsForTeam(answers: readonly ScoredAnswer[], team: string | undefined, minGroup: number): NpsNumbers | Hidden {
  if (team === undefined) return npsOf(answers.map((a) => a.score), minGroup);
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(a.team ?? '\u0000none', (counts.get(a.team ?? '\u0000none') ?? 0) + 1);
  const hide = suppressPartition([...counts].map(([key, n]) => ({ key, n })), minGroup);
  if (hide.has(team)) return hidden(minGroup, 'respondents');
  return npsOf(answers.filter((a) => a.team === team).map((a) => a.score), minGroup);
}

/**
 * NPS of every team with answers, each as npsForTeam shows it (the same hidden cells),
 * largest first; answers without a team count only in the total.
 */
export function npsByTeam(answers: readonly ScoredAnswer[], minGroup: number): ({ team: string } & (NpsNumbers | Hidden))[] {
  const teams = [...new Set(answers.map((a) => a.team).filter((t): t is string => t !== null))];
  const n = (t: string) => answers.filter((a) => a.team === t).length;
  return teams.sort((a, b) => n(b) - n(a) || a.localeCompare(b)).map((team) => ({ team, ...npsForTeam(answers, team, minGroup) }));
}
