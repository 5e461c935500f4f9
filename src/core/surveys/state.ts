import * as z from 'zod/mini';
import { errorMessage } from '../common/log';
import type { TriggerEventKind } from './definitions';
import { DAY_MS } from './schedule';

// What we remember about surveys across windows and restarts. The host keeps it in
// globalState (one copy per install) and replaces it with what these reducers return;
// every reducer is pure and returns a new object, so a failed write never leaves half
// an update behind.

export const SURVEY_HISTORY_VERSION = 1;
/** How many recent prompt times are kept per survey (enough for any per-period limit). */
export const MAX_PROMPT_TIMES = 20;
/** "Remind me later" delay, as VS Code's own NPS survey uses. */
export const DEFAULT_REMIND_LATER_MS = 3 * DAY_MS;

const Ms = z.number().check(z.refine((n) => Number.isFinite(n) && n >= 0, 'must be a time in ms since the epoch'));
const Count = z.number().check(z.int(), z.gte(0));

export const SurveyState = z.object({
  /** Times shown, ever. */
  promptedCount: Count,
  /** Most recent prompt times, oldest first, at most MAX_PROMPT_TIMES. */
  promptedAt: z.array(Ms),
  answeredAt: z.optional(Ms),
  answeredCount: Count,
  /** "Remind me later": not before this time. */
  remindAt: z.optional(Ms),
  /** "Don't ask again": never this survey again, whatever its schedule. */
  dismissedForever: z.boolean(),
  /** Sticky sampling draw in [0, 1); the install is sampled in while draw < sampling. */
  draw: z.optional(z.number().check(z.gte(0), z.lt(1))),
  /** Trigger event counts when the survey was last shown or answered; counting restarts there. */
  eventBaseline: z.record(z.string(), Count),
});
export type SurveyState = z.infer<typeof SurveyState>;

export const SurveyHistory = z.object({
  version: z.literal(SURVEY_HISTORY_VERSION),
  /** Last time any survey was shown (or answered): the global cooldown runs from here. */
  lastPromptedAt: z.optional(Ms),
  /** Trigger events seen since install, by kind. Unknown kinds are kept for newer versions. */
  events: z.record(z.string(), Count),
  surveys: z.record(z.string(), SurveyState),
});
export type SurveyHistory = z.infer<typeof SurveyHistory>;

export function emptyHistory(): SurveyHistory {
  return { version: SURVEY_HISTORY_VERSION, events: {}, surveys: {} };
}

export function emptySurveyState(): SurveyState {
  return { promptedCount: 0, promptedAt: [], answeredCount: 0, dismissedForever: false, eventBaseline: {} };
}

export function surveyState(history: SurveyHistory, surveyId: string): SurveyState {
  return history.surveys[surveyId] ?? emptySurveyState();
}

/** Trigger events of `kind` since the survey was last shown or answered. */
export function eventsSince(history: SurveyHistory, surveyId: string, kind: TriggerEventKind): number {
  const total = history.events[kind] ?? 0;
  const base = surveyState(history, surveyId).eventBaseline[kind] ?? 0;
  return Math.max(0, total - base);
}

export interface ParsedHistory {
  history: SurveyHistory;
  /** Set when something stored could not be read; the host logs it. */
  problem?: string;
}

/**
 * Reads stored state and never throws. Nothing stored gives a fresh state. Unreadable
 * parts are dropped with a reason, and the global cooldown restarts at `now`: a lost
 * "Don't ask again" must not turn into a prompt the same day.
 */
export function parseSurveyHistory(raw: unknown, now: number): ParsedHistory {
  if (raw === undefined || raw === null) return { history: emptyHistory() };
  try {
    const whole = SurveyHistory.safeParse(raw);
    if (whole.success) return { history: whole.data };
    const fresh: SurveyHistory = { ...emptyHistory(), lastPromptedAt: now };
    // State written as a JSON string (by hand, or by a storage layer that serialised it
    // twice) is read as the object it spells.
    if (typeof raw === 'string') {
      const inner = parseJsonQuietly(raw);
      if (inner !== undefined && typeof inner === 'object' && inner !== null) {
        const r = parseSurveyHistory(inner, now);
        return { history: r.history, problem: `stored survey state was a JSON string${r.problem ? `; ${r.problem}` : ''}` };
      }
    }
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      return { history: fresh, problem: `stored survey state is not an object (${Array.isArray(raw) ? 'a list' : typeof raw}); starting fresh (no "Don't ask again" could be read)` };
    }
    const obj = raw as Record<string, unknown>;
    if (obj.version !== SURVEY_HISTORY_VERSION) {
      // Another version's shape may differ, but a "Don't ask again" is kept whatever
      // else is lost: losing a developer's "never" is the one thing not to do.
      const kept = keepDismissals(obj.surveys, fresh);
      return {
        history: fresh,
        problem: `stored survey state has version ${JSON.stringify(obj.version)}, this version reads ${SURVEY_HISTORY_VERSION}; starting fresh, keeping ${kept} "Don't ask again"`,
      };
    }
    // Same version but damaged: keep every part that still reads.
    const dropped: string[] = [];
    const events = z.record(z.string(), Count).safeParse(obj.events);
    if (events.success) fresh.events = events.data;
    else dropped.push('trigger event counts');
    const last = Ms.safeParse(obj.lastPromptedAt);
    if (last.success) fresh.lastPromptedAt = Math.max(last.data, now);
    const surveys = obj.surveys;
    if (surveys && typeof surveys === 'object' && !Array.isArray(surveys)) {
      for (const [id, s] of Object.entries(surveys as Record<string, unknown>)) {
        const one = SurveyState.safeParse(s);
        if (one.success) fresh.surveys[id] = one.data;
        else if (isDismissed(s)) fresh.surveys[id] = { ...emptySurveyState(), dismissedForever: true };
        else dropped.push(`survey '${id}'`);
      }
    } else {
      dropped.push('all per-survey state');
    }
    return { history: fresh, problem: `stored survey state was damaged; dropped ${dropped.join(', ') || 'nothing'}` };
  } catch (e) {
    return { history: { ...emptyHistory(), lastPromptedAt: now }, problem: `stored survey state could not be read: ${errorMessage(e)}` };
  }
}

function parseJsonQuietly(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Copies every "Don't ask again" found under `surveys` into `into`; returns how many. */
function keepDismissals(surveys: unknown, into: SurveyHistory): number {
  if (!surveys || typeof surveys !== 'object' || Array.isArray(surveys)) return 0;
  let kept = 0;
  for (const [id, s] of Object.entries(surveys as Record<string, unknown>)) {
    if (!isDismissed(s)) continue;
    into.surveys[id] = { ...emptySurveyState(), dismissedForever: true };
    kept++;
  }
  return kept;
}

// A damaged entry that still says "Don't ask again" keeps saying it.
function isDismissed(s: unknown): boolean {
  return typeof s === 'object' && s !== null && (s as Record<string, unknown>).dismissedForever === true;
}

function update(history: SurveyHistory, surveyId: string, fn: (s: SurveyState) => SurveyState): SurveyHistory {
  return { ...history, surveys: { ...history.surveys, [surveyId]: fn(surveyState(history, surveyId)) } };
}

function touchGlobal(history: SurveyHistory, now: number): SurveyHistory {
  return { ...history, lastPromptedAt: Math.max(history.lastPromptedAt ?? 0, now) };
}

/** The survey was shown. Starts the global cooldown and restarts its event counting. */
export function recordPrompted(history: SurveyHistory, surveyId: string, now: number): SurveyHistory {
  return update(touchGlobal(history, now), surveyId, (s) => ({
    ...s,
    promptedCount: s.promptedCount + 1,
    promptedAt: [...s.promptedAt, now].slice(-MAX_PROMPT_TIMES),
    remindAt: undefined,
    eventBaseline: { ...history.events },
  }));
}

/** The survey was answered (from a prompt or opened by the user). */
export function recordAnswered(history: SurveyHistory, surveyId: string, now: number): SurveyHistory {
  return update(touchGlobal(history, now), surveyId, (s) => ({
    ...s,
    answeredAt: now,
    answeredCount: s.answeredCount + 1,
    remindAt: undefined,
    eventBaseline: { ...history.events },
  }));
}

/** "Remind me later": this survey may come back after `delayMs` (and the global cooldown). */
export function recordRemindLater(
  history: SurveyHistory,
  surveyId: string,
  now: number,
  delayMs: number = DEFAULT_REMIND_LATER_MS,
): SurveyHistory {
  const delay = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : DEFAULT_REMIND_LATER_MS;
  return update(touchGlobal(history, now), surveyId, (s) => ({ ...s, remindAt: now + delay }));
}

/** "Don't ask again": this survey, forever. Other surveys are unaffected. */
export function recordDontAskAgain(history: SurveyHistory, surveyId: string, now: number): SurveyHistory {
  return update(touchGlobal(history, now), surveyId, (s) => ({ ...s, dismissedForever: true, remindAt: undefined }));
}

/** A trigger event happened (a build succeeded, a streak was fixed, ...). */
export function recordTriggerEvent(history: SurveyHistory, kind: TriggerEventKind): SurveyHistory {
  const n = history.events[kind] ?? 0;
  return { ...history, events: { ...history.events, [kind]: Math.min(n + 1, Number.MAX_SAFE_INTEGER) } };
}

/** Remembers the sampling draw, once: later calls never change it. */
export function recordSampleDraw(history: SurveyHistory, surveyId: string, draw: number): SurveyHistory {
  if (surveyState(history, surveyId).draw !== undefined) return history;
  if (!(Number.isFinite(draw) && draw >= 0 && draw < 1)) return history;
  return update(history, surveyId, (s) => ({ ...s, draw }));
}
