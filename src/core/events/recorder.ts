import type { Clock } from '../common/clock';
import { Emitter } from '../common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../common/log';
import type { EventEnvelope } from './envelope';
import { makeEvent, type EventContext, type EventData, type EventKind } from './kinds';

export interface RecorderOptions {
  readonly clock: Clock;
  readonly log: Log;
  /** Whether this kind may be recorded for delivery now (the sharing gate). */
  readonly mayRecord: (kind: EventKind) => boolean;
  /** Identities and the open repo, read at record time (the repo can change). */
  readonly context: () => Omit<EventContext, 'clock'>;
  /** Where recorded events go: the outbox. */
  readonly sink: (event: EventEnvelope) => void;
}

/**
 * The one door for events: checks the sharing gate, builds and validates the event,
 * and hands it to the outbox. Everything the developer's own insights need is computed
 * before this point, so they work with sharing off.
 */
export class EventRecorder {
  private readonly _onDidRecord = new Emitter<EventEnvelope>();
  readonly onDidRecord = this._onDidRecord.event;
  private readonly _log: Log;

  constructor(private readonly o: RecorderOptions) {
    this._log = scopedLog(o.log, 'events');
  }

  /** Returns the event recorded, or undefined when sharing does not allow it. */
  record<K extends EventKind>(kind: K, data: EventData<K>): EventEnvelope | undefined {
    if (!this.o.mayRecord(kind)) {
      this._log.trace(`not recorded (sharing does not allow ${kind})`);
      return undefined;
    }
    try {
      const event = makeEvent(kind, data, { ...this.o.context(), clock: this.o.clock });
      this.o.sink(event);
      this._onDidRecord.fire(event);
      return event;
    } catch (e) {
      this._log.error(`could not record ${kind}: ${errorMessage(e)}`);
      return undefined;
    }
  }

  dispose(): void {
    this._onDidRecord.dispose();
  }
}
