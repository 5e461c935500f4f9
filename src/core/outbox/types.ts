import type { EventEnvelope } from '../events/envelope';

/**
 * What the delivery loop needs from the outbox. Events stay in the outbox until they
 * are acknowledged (delivered) or rejected (the server refused them for good); a batch
 * read and not acknowledged is returned again by the next read.
 */
export interface OutboxSource {
  /** Up to `max` undelivered events, oldest first. */
  readBatch(max: number): Promise<EventEnvelope[]>;
  /** The platform acknowledged these ids (2xx): remove them for good. */
  acknowledge(ids: readonly string[]): Promise<void>;
  /** The platform refused these ids for good (e.g. 400): remove them and count them as dropped. */
  reject(ids: readonly string[], reason: string): Promise<void>;
}
