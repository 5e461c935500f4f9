import type { EventEnvelope } from '../events/envelope';
import type { PlatformClient } from './client';
import type { RejectedEvent } from './contract';
import { PlatformError } from './errors';

/**
 * What one attempt to hand a batch to a destination came to. The delivery loop owns
 * the policy (ack, split, back off, stop); a sink only translates its protocol.
 */
export type SendOutcome =
  /** Stored, except the events in `rejected`, which will never be accepted. */
  | { readonly kind: 'ok'; readonly rejected: readonly RejectedEvent[] }
  /** The request as a whole was refused; `rejected` names the culprits if the server knows them. */
  | { readonly kind: 'badRequest'; readonly message: string; readonly rejected: readonly RejectedEvent[] }
  /** Try again later (5xx, 429, timeout, connection error, broken response). */
  | { readonly kind: 'retry'; readonly message: string; readonly retryAfterMs?: number }
  /** Credentials missing or refused: stop until they change. */
  | { readonly kind: 'authFailed'; readonly message: string }
  /** Cancelled by us (telemetry turned off, flush deadline, dispose). */
  | { readonly kind: 'aborted'; readonly message: string };

export interface Sink {
  /** Names the destination in logs, e.g. "platform", "otlp". */
  readonly name: string;
  /** Never rejects: every failure is an outcome. */
  send(events: readonly EventEnvelope[], signal: AbortSignal): Promise<SendOutcome>;
}

/** Maps a PlatformError to what the loop should do with the batch. */
export function outcomeForError(e: unknown): SendOutcome {
  if (!(e instanceof PlatformError)) return { kind: 'retry', message: e instanceof Error ? e.message : String(e) };
  switch (e.kind) {
    case 'auth':
    case 'config':
      return { kind: 'authFailed', message: e.message };
    case 'badRequest':
      return { kind: 'badRequest', message: e.message, rejected: e.details.rejected ?? [] };
    case 'aborted':
      return { kind: 'aborted', message: e.message };
    case 'rateLimited':
    case 'server':
      return { kind: 'retry', message: e.message, retryAfterMs: e.details.retryAfterMs };
    default:
      // timeout, network, tooLarge, invalidResponse, unexpected status (e.g. 404 from a
      // wrong URL): transient or a server-side mistake; the events stay queued.
      return { kind: 'retry', message: e.message };
  }
}

/** POST /v1/events on the DX Pulse platform. */
export class PlatformSink implements Sink {
  readonly name = 'platform';

  constructor(private readonly client: PlatformClient) {}

  async send(events: readonly EventEnvelope[], signal: AbortSignal): Promise<SendOutcome> {
    try {
      const res = await this.client.postEvents(events, signal);
      return { kind: 'ok', rejected: res.rejected };
    } catch (e) {
      return outcomeForError(e);
    }
  }
}

const SEVERITY: Record<SendOutcome['kind'], number> = { ok: 0, badRequest: 1, retry: 2, aborted: 3, authFailed: 4 };

/**
 * Sends every batch to several destinations (the platform and an OTLP collector) over
 * one outbox cursor. A batch counts as delivered only when every sink took it; a retry
 * re-sends to all of them, which is safe because the platform de-duplicates by event id
 * and OTLP pipelines are at-least-once anyway.
 */
export class CompositeSink implements Sink {
  readonly name: string;

  constructor(private readonly sinks: readonly Sink[]) {
    this.name = sinks.map((s) => s.name).join('+');
  }

  async send(events: readonly EventEnvelope[], signal: AbortSignal): Promise<SendOutcome> {
    let worst: SendOutcome = { kind: 'ok', rejected: [] };
    const rejected = new Map<string, RejectedEvent>();
    for (const sink of this.sinks) {
      const outcome = await sink.send(events, signal);
      if (outcome.kind === 'ok' || outcome.kind === 'badRequest') for (const r of outcome.rejected) rejected.set(r.id, r);
      if (SEVERITY[outcome.kind] > SEVERITY[worst.kind]) worst = outcome.kind === 'retry' || outcome.kind === 'authFailed' || outcome.kind === 'aborted' ? { ...outcome, message: `${sink.name}: ${outcome.message}` } : outcome;
    }
    if (worst.kind === 'ok' || worst.kind === 'badRequest') return { ...worst, rejected: [...rejected.values()] };
    return worst;
  }
}
