// Deployments and incidents as a CI step or webhook posts them, and the contract's
// DeploymentsResponse the extension reads. Incidents link to a deployment by its id,
// never by guessing the latest deploy. Pure: no I/O.
import * as z from 'zod/mini';
import { DeploymentCommit, type Deployment, type DeploymentsResponse } from '../../../src/core/platform/contract';

const isoTime = z.iso.datetime({ offset: true });
const name = z.string().check(z.minLength(1), z.maxLength(200));

export const DeploymentInput = z.strictObject({
  id: name,
  service: name,
  environment: z.optional(name),
  time: isoTime,
  status: z.enum(['success', 'failure', 'inProgress', 'cancelled']),
  commits: z.optional(z.array(DeploymentCommit).check(z.maxLength(10_000))),
  /** Caused a failure in production even without an incident posted (rollback, hotfix). */
  failed: z.optional(z.boolean()),
  restoredAt: z.optional(isoTime),
  /** An unplanned deploy made because of a production incident (rework). */
  unplanned: z.optional(z.boolean()),
});
export type DeploymentInput = z.infer<typeof DeploymentInput>;

export const IncidentInput = z.strictObject({
  id: name,
  /** The deployment that caused it. */
  deploymentId: name,
  createdAt: isoTime,
  resolvedAt: z.optional(isoTime),
});
export type IncidentInput = z.infer<typeof IncidentInput>;

export function parseInput<S extends z.ZodMiniType>(schema: S, raw: unknown): { ok: true; value: z.infer<S> } | { ok: false; message: string } {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data as z.infer<S> };
  const i = r.error.issues[0];
  return { ok: false, message: `${i?.path.join('.') || 'body'}: ${i?.message ?? 'invalid'}` };
}

export interface DeploymentRow {
  readonly id: string;
  readonly service: string;
  readonly environment: string;
  readonly time: Date;
  readonly status: Deployment['status'];
  readonly commits: { sha: string; time: string }[];
  readonly failed: boolean;
  readonly restored_at: Date | null;
  readonly incidents: { id: string; createdAt: string; resolvedAt?: string }[];
  readonly unplanned: boolean;
}

const iso = (d: Date) => d.toISOString();
const isoOf = (s: string) => new Date(s).toISOString();

export function deploymentsResponse(service: string, team: string | null, since: string, until: string, rows: readonly DeploymentRow[]): DeploymentsResponse {
  return {
    service,
    ...(team ? { team } : {}),
    since,
    until,
    deployments: rows.map((r) => {
      const incidents = r.incidents
        .map((i) => ({ id: i.id, createdAt: isoOf(i.createdAt), ...(i.resolvedAt ? { resolvedAt: isoOf(i.resolvedAt) } : {}) }))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      // Restored when given, else when the last of its incidents was resolved (if all are).
      let restoredAt = r.restored_at ? iso(r.restored_at) : undefined;
      if (!restoredAt && incidents.length && incidents.every((i) => i.resolvedAt)) {
        restoredAt = incidents.map((i) => i.resolvedAt!).sort().at(-1);
      }
      return {
        id: r.id,
        service: r.service,
        environment: r.environment,
        time: iso(r.time),
        status: r.status,
        commits: r.commits,
        failed: r.failed || incidents.length > 0,
        ...(restoredAt ? { restoredAt } : {}),
        ...(incidents.length ? { incidents } : {}),
        ...(r.unplanned ? { unplanned: true } : {}),
      };
    }),
  };
}

/** The range a GET asks for: until defaults to now, since to 90 days before until. */
export function deploymentRange(q: { since?: string; until?: string }, now: number): { since: string; until: string } | { error: string } {
  const until = q.until ? Date.parse(q.until) : now;
  const since = q.since ? Date.parse(q.since) : until - 90 * 86_400_000;
  if (!Number.isFinite(since) || !Number.isFinite(until)) return { error: 'since and until must be ISO 8601 date-times' };
  if (since > until) return { error: 'since is after until' };
  return { since: new Date(since).toISOString(), until: new Date(until).toISOString() };
}
