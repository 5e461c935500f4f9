import * as z from 'zod/mini';
import type { Clock } from '../common/clock';
import { errorMessage, type Log } from '../common/log';
import type { EventEnvelope } from '../events/envelope';
import type { EventData } from '../events/kinds';

// activity.day: at most one per install and repository per UTC day the editor was used
// there. The last day sent per repository is kept in the store every window shares
// (globalState in the host), re-read before each decision, so restarts and other windows
// of the same install never send the same day twice. A day is marked only once its event
// was recorded: with sharing off nothing is marked, and turning sharing on later that day
// still sends it. Pure apart from the injected store, clock and recorder.

const KEEP_DAYS = 60;
const DAY_MS = 86_400_000;

export const ActivityState = z.object({ version: z.literal(1), lastDay: z.record(z.string(), z.string()) });
export type ActivityState = z.infer<typeof ActivityState>;

export interface ActivityDaysOptions {
  readonly store: { get(): unknown; update(value: ActivityState): Promise<void> };
  readonly clock: Clock;
  /** Records activity.day for the open repository; undefined when sharing does not allow it. */
  readonly record: (data: EventData<'activity.day'>) => EventEnvelope | undefined;
  readonly log: Log;
}

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function parseActivityState(raw: unknown): ActivityState {
  const r = ActivityState.safeParse(raw);
  return r.success ? r.data : { version: 1, lastDay: {} };
}

export class ActivityDays {
  private _queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: ActivityDaysOptions) {}

  /**
   * The editor was used in this repository (its local key: the normalized remote, or the
   * folder). Resolves with the event recorded, or undefined when today was already sent.
   */
  used(repoKey: string): Promise<EventEnvelope | undefined> {
    const run = this._queue.then(async () => {
      const now = this.o.clock.now();
      const day = utcDay(now);
      const state = parseActivityState(this.o.store.get());
      if (state.lastDay[repoKey] === day) return undefined;
      const event = this.o.record({ day });
      if (!event) return undefined;
      const oldest = utcDay(now - KEEP_DAYS * DAY_MS);
      const kept = Object.fromEntries(Object.entries(state.lastDay).filter(([, d]) => d >= oldest));
      await this.o.store.update({ version: 1, lastDay: { ...kept, [repoKey]: day } });
      return event;
    });
    this._queue = run.catch((e: unknown) => this.o.log.error(`noting today's activity failed: ${errorMessage(e)}`));
    return run.catch(() => undefined);
  }
}
