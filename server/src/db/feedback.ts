import { MAX_PUBLISHED_STATUSES, type FeedbackStatusesResponse, type ReportStatus } from '../../../src/core/platform/contract';
import type { Queryable } from './db';

/**
 * GET /v1/feedback/statuses: every status the platform team set on a friction report
 * (not the default "new"), newest first. Statuses outlive the reports' raw events (retention),
 * and the admin route sets them only on friction.reported event ids. Ids and statuses only: never the text, the team,
 * the repository or anything else of the report, so the list is the same for everyone.
 */
export async function publishedStatuses(db: Queryable): Promise<FeedbackStatusesResponse> {
  const r = await db.query<{ event_id: string; status: ReportStatus; changelog_id: string | null; updated_at: Date }>(
    `SELECT f.event_id, f.status, f.changelog_id, f.updated_at FROM friction_status f
     WHERE f.status <> 'new'
     ORDER BY f.updated_at DESC, f.event_id LIMIT ${MAX_PUBLISHED_STATUSES}`,
  );
  return {
    statuses: r.rows.map((x) => ({ id: x.event_id, status: x.status, ...(x.changelog_id ? { changelogId: x.changelog_id } : {}), updatedAt: new Date(x.updated_at).toISOString() })),
  };
}
