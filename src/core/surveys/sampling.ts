import { secureDraw } from '../common/random';
import type { SurveyHistory } from './state';
import { recordSampleDraw, surveyState } from './state';

// Sticky sampling: each install draws one number per survey, once, and is in the sample
// while draw < sampling. Keeping the draw (not the in/out verdict) means raising the
// sampling later adds installs without re-rolling anyone already asked or left out.
//
// The draw is a local random number that never leaves the machine. It used to be a hash
// of the install id and the survey id, which a platform that sees install ids could
// recompute, and then pick a `sampling` value that selects one person.

/** Invalid probabilities count as 0 (nobody), as VS Code's survey scheduler does. */
export function clampProbability(p: number): number {
  if (!Number.isFinite(p) || p <= 0) return 0;
  return p >= 1 ? 1 : p;
}

/** The remembered draw, if one was made. */
export function drawFor(history: SurveyHistory, surveyId: string): number | undefined {
  return surveyState(history, surveyId).draw;
}

/** Without a draw yet, only a survey for everyone (sampling 1) samples the install in. */
export function isSampledIn(draw: number | undefined, sampling: number): boolean {
  const p = clampProbability(sampling);
  return draw === undefined ? p >= 1 : draw < p;
}

/** Records a draw for every survey that has none yet; `random` is for tests. */
export function ensureSampleDraws(history: SurveyHistory, surveyIds: readonly string[], random: () => number = secureDraw): SurveyHistory {
  let h = history;
  for (const id of surveyIds) {
    if (surveyState(h, id).draw !== undefined) continue;
    const r = random();
    h = recordSampleDraw(h, id, Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : secureDraw());
  }
  return h;
}
