import * as z from 'zod/mini';
import type { Clock } from '../common/clock';
import { REPORT_STATUSES, type FeedbackStatusesResponse, type ReportStatus } from '../platform/contract';

// "You said, we did" (#18): the ids of the friction reports this install sent, kept on this
// machine only, matched against the whole list of statuses the platform publishes. The
// platform never learns which ids an install holds: every install fetches the same list.
// Survey answers are not kept: they are read in aggregate (NPS, themes), the platform sets
// no status on them, and an anonymous answer's id must not stay tied to this install.

/** Most reports kept; the oldest drop off first. */
export const MAX_KEPT_REPORTS = 100;
/** Reports older than this are no longer looked up (nor fetched for): 180 days. */
export const KEEP_REPORTS_MS = 180 * 86_400_000;
/** Characters of the report's own text kept to show it again in "Your reports". */
export const KEPT_TEXT_CHARS = 160;

/** What the store keeps per report: the event id, when it was sent, and its start. */
export interface KeptReport {
  readonly id: string;
  readonly sentAt: number;
  readonly text: string;
}

/** A kept report with what the platform last said of it ("new" until it says anything). */
export interface MatchedReport extends KeptReport {
  readonly status: ReportStatus;
  readonly changelogId?: string;
}

/** A small key/value store: VS Code's Memento in the host (keyedStore), a Map in tests. */
export interface ReportsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

const Id = z.string().check(z.minLength(1), z.maxLength(200));
const StoredReport = z.object({ id: Id, sentAt: z.number().check(z.int(), z.nonnegative()), text: z.string().check(z.maxLength(KEPT_TEXT_CHARS)) });
const StoredStatus = z.object({ status: z.enum(REPORT_STATUSES), changelogId: z.optional(Id) });

/** Keeps what parses from a stored list and drops the rest: storage can hold anything. */
function parseList<T>(raw: unknown, schema: z.ZodMiniType<T>, max: number): T[] {
  if (!Array.isArray(raw)) return [];
  const out: T[] = [];
  for (const item of raw.slice(0, max)) {
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data);
  }
  return out;
}

/**
 * Looks each kept report up in the published list (a Map over the list: linear in both).
 * A report the list does not name keeps its last known status, or "new".
 */
export function matchStatuses(
  reports: readonly KeptReport[],
  published: FeedbackStatusesResponse['statuses'],
  known: ReadonlyMap<string, { status: ReportStatus; changelogId?: string }> = new Map(),
): MatchedReport[] {
  const byId = new Map<string, { status: ReportStatus; changelogId?: string }>();
  for (const p of published) if (!byId.has(p.id)) byId.set(p.id, p);
  return reports.map((r) => {
    const s = byId.get(r.id) ?? known.get(r.id);
    return { ...r, status: s?.status ?? 'new', ...(s?.changelogId ? { changelogId: s.changelogId } : {}) };
  });
}

/** The reports marked fixed that the developer was not told of yet. */
export function fixedToAnnounce(matched: readonly MatchedReport[], announced: ReadonlySet<string>): MatchedReport[] {
  return matched.filter((r) => r.status === 'fixed' && !announced.has(r.id));
}

const K = { reports: 'reports', statuses: 'statuses', announced: 'announced' } as const;

/** The kept reports, their last known statuses and which fixes were announced, over a store. */
export class YourReports {
  constructor(
    private readonly store: ReportsStore,
    private readonly clock: Clock,
  ) {}

  /** Newest first, without those past KEEP_REPORTS_MS. */
  get reports(): KeptReport[] {
    const now = this.clock.now();
    return parseList(this.store.get(K.reports), StoredReport, MAX_KEPT_REPORTS).filter((r) => now - r.sentAt <= KEEP_REPORTS_MS);
  }

  /** True when there is anything to look up: only then is the list fetched. */
  get hasReports(): boolean {
    return this.reports.length > 0;
  }

  /** A report this install just sent (the friction.reported event's id and text). */
  remember(id: string, text: string): void {
    if (!Id.safeParse(id).success) return;
    const kept = this.reports.filter((r) => r.id !== id);
    const entry: KeptReport = { id, sentAt: Math.max(0, Math.floor(this.clock.now())), text: text.trim().slice(0, KEPT_TEXT_CHARS) };
    this.store.set(K.reports, [entry, ...kept].slice(0, MAX_KEPT_REPORTS));
  }

  private known(): Map<string, { status: ReportStatus; changelogId?: string }> {
    const raw = this.store.get(K.statuses);
    const out = new Map<string, { status: ReportStatus; changelogId?: string }>();
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
    for (const [id, v] of Object.entries(raw as Record<string, unknown>).slice(0, MAX_KEPT_REPORTS)) {
      const r = StoredStatus.safeParse(v);
      if (r.success) out.set(id, r.data);
    }
    return out;
  }

  /** Each kept report with its last known status. */
  get matched(): MatchedReport[] {
    return matchStatuses(this.reports, [], this.known());
  }

  /**
   * Takes a published list: keeps the statuses of this install's own reports (nothing else
   * of the list is stored) and returns the fixes to announce, marking them announced at
   * once so that a reload, another window or a failed notification never repeats them.
   */
  apply(published: FeedbackStatusesResponse['statuses']): { matched: MatchedReport[]; announce: MatchedReport[] } {
    const matched = matchStatuses(this.reports, published, this.known());
    const statuses: Record<string, { status: ReportStatus; changelogId?: string }> = {};
    for (const m of matched) if (m.status !== 'new') statuses[m.id] = { status: m.status, ...(m.changelogId ? { changelogId: m.changelogId } : {}) };
    this.store.set(K.statuses, statuses);
    const announced = new Set(parseList(this.store.get(K.announced), Id, MAX_KEPT_REPORTS * 2));
    const announce = fixedToAnnounce(matched, announced);
    if (announce.length > 0) {
      const kept = new Set(matched.map((m) => m.id));
      // Ids of reports no longer kept are dropped, so the list stays bounded.
      this.store.set(K.announced, [...announce.map((a) => a.id), ...[...announced].filter((id) => kept.has(id))].slice(0, MAX_KEPT_REPORTS * 2));
    }
    return { matched, announce };
  }
}
