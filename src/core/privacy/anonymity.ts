import type { EventEnvelope } from '../events/envelope';

// What keeps an anonymous survey answer from being linked to the developer who gave it,
// beyond leaving the install, session and repo out of it (events/kinds.ts): its time is
// cut to the day, it waits a random delay on this machine, and it travels in a request of
// its own, so neither its timestamp nor the batch it arrives in ties it to the events
// that triggered it. What this cannot hide (the connection itself) is in docs/privacy.md.

export const ANONYMOUS_DELAY_MIN_MS = 60_000;
export const ANONYMOUS_DELAY_MAX_MS = 15 * 60_000;

/** Anonymous events carry no install id (the envelope leaves it out only for them). */
export function isAnonymous(event: Pick<EventEnvelope, 'installId'>): boolean {
  return event.installId === undefined;
}

/** When an anonymous event may first be sent: a uniform random delay from now. */
export function anonymousNotBefore(now: number, draw: number): number {
  const d = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 1) : 0.5;
  return now + ANONYMOUS_DELAY_MIN_MS + Math.floor(d * (ANONYMOUS_DELAY_MAX_MS - ANONYMOUS_DELAY_MIN_MS));
}

/** Midnight UTC of the day of `ms`, as the envelope's ISO time. */
export function dayPrecision(ms: number): string {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())).toISOString();
}
