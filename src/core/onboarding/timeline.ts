import * as z from 'zod/mini';
import type { ChecklistState } from './evaluator';

// The new hire's own setup timeline, kept as plain JSON in the host's storage. Every
// function is pure: (timeline, what was observed, now) -> new timeline. Completion is
// sticky: deleting node_modules later does not erase when setup was done.

const StepTimeline = z.object({
  /** First evaluation that listed the step. */
  firstSeenAt: z.number(),
  /** First evaluation where its prerequisites were done: the clock for "time on step" starts here. */
  unblockedAt: z.optional(z.number()),
  completedAt: z.optional(z.number()),
});
export type StepTimeline = z.infer<typeof StepTimeline>;

export const OnboardingTimeline = z.object({
  version: z.literal(1),
  startedAt: z.number(),
  steps: z.record(z.string(), StepTimeline),
  /** When every step was first done at the same time. */
  completedAt: z.optional(z.number()),
  firstCommitAt: z.optional(z.number()),
});
export type OnboardingTimeline = z.infer<typeof OnboardingTimeline>;

export function newTimeline(now: number): OnboardingTimeline {
  return { version: 1, startedAt: now, steps: {} };
}

/** Reads a stored timeline; anything unreadable starts afresh rather than throwing. */
export function parseTimeline(json: unknown): OnboardingTimeline | undefined {
  const r = OnboardingTimeline.safeParse(json);
  return r.success ? r.data : undefined;
}

/** Folds one evaluation into the timeline. Returns the same object when nothing changed. */
export function recordEvaluation(tl: OnboardingTimeline, state: ChecklistState, now: number): OnboardingTimeline {
  let changed = false;
  const steps = { ...tl.steps };
  for (const s of state.steps) {
    const prev = steps[s.id];
    const next: StepTimeline = prev ? { ...prev } : { firstSeenAt: now };
    if (next.unblockedAt === undefined && s.status !== 'blocked') next.unblockedAt = now;
    if (next.completedAt === undefined && s.status === 'done') next.completedAt = now;
    if (!prev || prev.unblockedAt !== next.unblockedAt || prev.completedAt !== next.completedAt) {
      steps[s.id] = next;
      changed = true;
    }
  }
  const completedAt = tl.completedAt ?? (state.complete && state.total > 0 ? now : undefined);
  if (completedAt !== tl.completedAt) changed = true;
  if (!changed) return tl;
  return completedAt === undefined ? { ...tl, steps } : { ...tl, steps, completedAt };
}

/** The developer's first commit in this repository (from the friction-signals events). */
export function recordFirstCommit(tl: OnboardingTimeline, at: number): OnboardingTimeline {
  return tl.firstCommitAt === undefined ? { ...tl, firstCommitAt: at } : tl;
}

export interface StepDuration {
  id: string;
  /** From unblocked (or first seen) to done, or to now while still open. */
  ms: number;
  done: boolean;
}

export interface TimelineSummary {
  /** Start to every step done; undefined while incomplete. */
  setupMs: number | undefined;
  /** Start to first commit; undefined before it. */
  timeToFirstCommitMs: number | undefined;
  /** In checklist order when `order` is given, else by first seen. */
  perStep: StepDuration[];
  /** The step that took (or is taking) longest: where the new hire got stuck. */
  stuckOn: StepDuration | undefined;
}

export function summarizeTimeline(tl: OnboardingTimeline, now: number, order?: readonly string[]): TimelineSummary {
  const ids = order ? order.filter((id) => tl.steps[id]) : Object.keys(tl.steps).sort((a, b) => tl.steps[a]!.firstSeenAt - tl.steps[b]!.firstSeenAt);
  const perStep = ids.map((id): StepDuration => {
    const s = tl.steps[id]!;
    const from = s.unblockedAt ?? s.firstSeenAt;
    const to = s.completedAt ?? now;
    return { id, ms: Math.max(0, to - from), done: s.completedAt !== undefined };
  });
  let stuckOn: StepDuration | undefined;
  for (const d of perStep) if (d.ms > 0 && (!stuckOn || d.ms > stuckOn.ms)) stuckOn = d;
  return {
    setupMs: tl.completedAt === undefined ? undefined : tl.completedAt - tl.startedAt,
    timeToFirstCommitMs: tl.firstCommitAt === undefined ? undefined : Math.max(0, tl.firstCommitAt - tl.startedAt),
    perStep,
    stuckOn,
  };
}
