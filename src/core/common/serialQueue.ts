import { errorMessage, type Log } from './log';

/**
 * Runs async work one piece at a time, in the order it was queued. A failure is logged
 * with what was being done and does not stop the work queued after it.
 */
export class SerialQueue {
  private _tail: Promise<void> = Promise.resolve();

  constructor(private readonly _log: Log) {}

  enqueue(what: string, work: () => Promise<void>): Promise<void> {
    this._tail = this._tail.then(work).catch((e: unknown) => this._log.error(`${what} failed: ${errorMessage(e)}`));
    return this._tail;
  }

  /** Resolves when everything queued so far has run. */
  whenIdle(): Promise<void> {
    return this._tail;
  }
}
