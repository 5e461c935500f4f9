// The onboarding checklist as a funnel: per step, how many of the people who started
// onboarding completed it, the median time it took, how many skipped it (did a later
// step without it), and where people stall (the step after the last one they did). Pure.
import { median } from './stats';
import { hidden, type Hidden } from './suppression';

export interface StepDone {
  readonly developer: string;
  readonly stepId: string;
  readonly durationMs: number;
  /** From the checklist's first appearance to this step being done; absent from extensions before 0.2. */
  readonly sinceChecklistMs?: number;
}

export interface FunnelStep {
  readonly stepId: string;
  readonly completed: number;
  /** completed / started, 0..1 */
  readonly completion: number;
  readonly medianMinutes: number | null;
  /** Did a later step but not this one. */
  readonly skipped: number;
  /** Did the step before (or nothing, for the first) and nothing from here on. */
  readonly stalled: number;
  /** Median time from the checklist's first appearance to this step (null below the minimum group). */
  readonly medianMinutesFromStart: number | null;
  /** Median time from the step done before it (or the checklist's appearance) to this one. */
  readonly medianMinutesOnStep: number | null;
}

export interface Funnel {
  /** Developers with at least one completed step. */
  readonly started: number;
  readonly finished: number;
  readonly steps: FunnelStep[];
  /** The step most people stop before (ties: the earlier), or null when nobody stops. */
  readonly worstStep: string | null;
  /** The step with the longest median time on it (ties: the earlier), or null without times. */
  readonly stallStep: string | null;
}

/**
 * order: the checklist's step ids; steps seen in events but not in it are appended, most
 * completed first. Step medians below the minimum group are null.
 */
export function onboardingFunnel(done: readonly StepDone[], order: readonly string[], minGroup: number): Funnel | Hidden {
  const byDev = new Map<string, Map<string, number>>();
  const sinceByDev = new Map<string, Map<string, number>>();
  for (const d of done) {
    const m = byDev.get(d.developer) ?? new Map<string, number>();
    if (!m.has(d.stepId)) {
      m.set(d.stepId, d.durationMs);
      if (d.sinceChecklistMs !== undefined && Number.isFinite(d.sinceChecklistMs)) {
        const t = sinceByDev.get(d.developer) ?? new Map<string, number>();
        t.set(d.stepId, Math.max(0, d.sinceChecklistMs));
        sinceByDev.set(d.developer, t);
      }
    }
    byDev.set(d.developer, m);
  }
  const started = byDev.size;
  if (started < minGroup) return hidden(minGroup, 'developers');
  const counts = new Map<string, number>();
  for (const m of byDev.values()) for (const s of m.keys()) counts.set(s, (counts.get(s) ?? 0) + 1);
  const extra = [...counts.keys()].filter((s) => !order.includes(s)).sort((a, b) => counts.get(b)! - counts.get(a)! || a.localeCompare(b));
  const steps = [...order, ...extra];
  const stalledAt = new Map<string, number>();
  let finished = 0;
  for (const m of byDev.values()) {
    let last = -1;
    steps.forEach((s, i) => {
      if (m.has(s)) last = i;
    });
    if (last === steps.length - 1) finished++;
    else stalledAt.set(steps[last + 1]!, (stalledAt.get(steps[last + 1]!) ?? 0) + 1);
  }
  const out: FunnelStep[] = steps.map((s, i) => {
    const durations: number[] = [];
    let skipped = 0;
    for (const m of byDev.values()) {
      if (m.has(s)) durations.push(m.get(s)! / 60_000);
      else if (steps.slice(i + 1).some((later) => m.has(later))) skipped++;
    }
    const fromStart: number[] = [];
    const onStep: number[] = [];
    for (const t of sinceByDev.values()) {
      const at = t.get(s);
      if (at === undefined) continue;
      fromStart.push(at / 60_000);
      let before = 0;
      for (const [other, x] of t) if (other !== s && x <= at && x > before) before = x;
      onStep.push((at - before) / 60_000);
    }
    return {
      stepId: s,
      completed: durations.length,
      completion: Math.round((durations.length / started) * 1000) / 1000,
      medianMinutes: groupMedian(durations, minGroup),
      skipped,
      stalled: stalledAt.get(s) ?? 0,
      medianMinutesFromStart: groupMedian(fromStart, minGroup),
      medianMinutesOnStep: groupMedian(onStep, minGroup),
    };
  });
  let worstStep: string | null = null;
  let worst = 0;
  for (const s of out) if (s.stalled > worst) [worst, worstStep] = [s.stalled, s.stepId];
  let stallStep: string | null = null;
  let longest = -1;
  for (const s of out) if (s.medianMinutesOnStep !== null && s.medianMinutesOnStep > longest) [longest, stallStep] = [s.medianMinutesOnStep, s.stepId];
  return { started, finished, steps: out, worstStep, stallStep };
}

/** The median in minutes to one decimal, or null for fewer values than the minimum group. */
function groupMedian(minutes: readonly number[], minGroup: number): number | null {
  const m = minutes.length >= minGroup ? median(minutes) : null;
  return m === null ? null : Math.round(m * 10) / 10;
}
