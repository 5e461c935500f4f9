import * as z from 'zod/mini';

/**
 * What every event carries, whatever its kind. `data` is the kind's own payload,
 * validated by the kind's schema (see ./kinds.ts). Sent exactly as stored.
 */
export const EventEnvelope = z.object({
  /** Random UUID; the platform de-duplicates on it. */
  id: z.string().check(z.minLength(8), z.maxLength(64)),
  /** e.g. 'task.ended'; see docs/events.md. */
  kind: z.string().check(z.regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/)),
  /** Version of the kind's schema; bumped on any incompatible change. */
  schemaVersion: z.number().check(z.int(), z.positive()),
  /** ISO 8601 UTC timestamp of the observation. */
  time: z.iso.datetime(),
  /** Random id made once per install (not VS Code's machine id). Absent on anonymous survey answers. */
  installId: z.optional(z.string()),
  /** Random id per editor session. Absent on anonymous survey answers. */
  sessionId: z.optional(z.string()),
  /** Repository identity: a normalized remote URL, or its SHA-256 unless sharing names is on. */
  repo: z.optional(z.object({ id: z.string(), hashed: z.boolean() })),
  extensionVersion: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;
