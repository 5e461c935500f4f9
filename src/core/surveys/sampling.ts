import { createHash } from 'node:crypto';
import type { SurveyHistory } from './state';
import { recordSampleDraw, surveyState } from './state';

// Sticky sampling: each install draws one number per survey, once, and is in the sample
// while draw < sampling. Keeping the draw (not the in/out verdict) means raising the
// sampling later adds installs without re-rolling anyone already asked or left out.

/** A deterministic draw in [0, 1) from the install and survey ids. */
export function hashDraw(installId: string, surveyId: string): number {
  const h = createHash('sha256').update(`${installId}\u0000${surveyId}`).digest();
  // 48 bits fit exactly in a double.
  return h.readUIntBE(0, 6) / 2 ** 48;
}

/** Invalid probabilities count as 0 (nobody), as VS Code's survey scheduler does. */
export function clampProbability(p: number): number {
  if (!Number.isFinite(p) || p <= 0) return 0;
  return p >= 1 ? 1 : p;
}

/** The draw to use: the remembered one, else the hash of install and survey ids. */
export function drawFor(history: SurveyHistory, installId: string, surveyId: string): number {
  return surveyState(history, surveyId).draw ?? hashDraw(installId, surveyId);
}

export function isSampledIn(draw: number, sampling: number): boolean {
  return draw < clampProbability(sampling);
}

/**
 * Records a draw for every survey that has none yet. `random` defaults to the hash of
 * install and survey ids, so a lost state draws the same numbers again.
 */
export function ensureSampleDraws(
  history: SurveyHistory,
  surveyIds: readonly string[],
  installId: string,
  random?: () => number,
): SurveyHistory {
  let h = history;
  for (const id of surveyIds) {
    if (surveyState(h, id).draw !== undefined) continue;
    const r = random ? random() : hashDraw(installId, id);
    h = recordSampleDraw(h, id, Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : hashDraw(installId, id));
  }
  return h;
}
