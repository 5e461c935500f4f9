import * as z from 'zod/mini';
import { EventEnvelope } from '../events/envelope';
import { AffectsRule } from '../docs/entries';

/** Golden-path checks a repository's configuration may carry (src/core/goldenPath/definition.ts). */
export const MAX_GOLDEN_PATH_CHECKS = 100;

// The platform API, version 1, as zod schemas: the single source of truth for the
// client, the fixture server, docs/platform-api.md and the generated JSON Schemas.
// Response objects are non-strict on purpose: a server may add fields in v1 without
// breaking older clients (unknown fields are dropped, not rejected).

export const API_VERSION = 'v1';

/** Most events one POST /v1/events may carry. */
export const MAX_BATCH_EVENTS = 1000;
/** Largest POST /v1/events body in bytes (UTF-8). */
export const MAX_BATCH_BYTES = 1_000_000;

const isoTime = z.iso.datetime({ offset: true });
const nonEmpty = z.string().check(z.minLength(1));

// ---- POST /v1/events ---------------------------------------------------------

export const PostEventsRequest = z.object({
  events: z.array(EventEnvelope).check(z.minLength(1), z.maxLength(MAX_BATCH_EVENTS)),
});
export type PostEventsRequest = z.infer<typeof PostEventsRequest>;

export const RejectedEvent = z.object({
  id: z.string(),
  /** One line a person can act on, e.g. "data.exitCode: expected number". */
  reason: z.string(),
});
export type RejectedEvent = z.infer<typeof RejectedEvent>;

/**
 * 200/202 answer. Every event of the batch not listed in `rejected` is stored (ids in
 * `duplicates` were stored by an earlier request: success, not an error).
 */
export const PostEventsResponse = z.object({
  accepted: z.array(z.string()),
  duplicates: z.array(z.string()),
  rejected: z.array(RejectedEvent),
});
export type PostEventsResponse = z.infer<typeof PostEventsResponse>;

/** Body of every 4xx/5xx answer. `rejected` may name the bad events of a 400. */
export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  rejected: z.optional(z.array(RejectedEvent)),
});
export type ApiError = z.infer<typeof ApiError>;

// ---- GET /v1/repos/{repoId}/config ---------------------------------------------

export const FeatureFlags = z.object({
  signals: z.optional(z.boolean()),
  metrics: z.optional(z.boolean()),
  surveys: z.optional(z.boolean()),
  onboarding: z.optional(z.boolean()),
  docs: z.optional(z.boolean()),
});
export type FeatureFlags = z.infer<typeof FeatureFlags>;

/** A survey definition; its body belongs to the surveys feature, which validates the rest. */
export const SurveyDefinition = z.looseObject({
  id: nonEmpty,
  version: z.optional(z.number().check(z.int(), z.nonnegative())),
});
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;

export const DocSource = z.object({
  /** platform: GET /v1/repos/{repoId}/docs; url: a web page; repoFile: a path in the repository. */
  type: z.enum(['platform', 'url', 'repoFile']),
  kind: z.enum(['doc', 'changelog']),
  location: z.optional(z.string()),
  title: z.optional(z.string()),
});
export type DocSource = z.infer<typeof DocSource>;

export const MetricsSource = z.object({
  /** Service name used in GET /v1/services/{service}/deployments. */
  service: nonEmpty,
  team: z.optional(z.string()),
  /** Which environment counts as production; default "production". */
  environment: z.optional(z.string()),
});
export type MetricsSource = z.infer<typeof MetricsSource>;

export const RepoConfig = z.object({
  repoId: z.string(),
  features: FeatureFlags,
  surveys: z.array(SurveyDefinition),
  docSources: z.array(DocSource),
  metrics: z.optional(MetricsSource),
  /**
   * An onboarding checklist in the `.dx/onboarding.yaml` format (onboarding.schema.json),
   * for repos that have none of their own; validated by the onboarding feature.
   */
  onboarding: z.optional(z.unknown()),
  /**
   * Added in v1 (optional): the golden path, checks on the repository's files in the
   * `goldenPath.checks` format of docs/configuration.md; validated by the extension, which
   * skips an invalid check with a reason and evaluates the rest on the developer's machine.
   */
  goldenPath: z.optional(z.object({ checks: z.array(z.unknown()).check(z.maxLength(MAX_GOLDEN_PATH_CHECKS)) })),
});
export type RepoConfig = z.infer<typeof RepoConfig>;

// ---- GET /v1/services/{service}/deployments?since=&until= ----------------------

export const DeploymentCommit = z.object({
  sha: z.string().check(z.regex(/^[0-9a-f]{7,64}$/i)),
  /** Commit (author) time: lead time starts here. */
  time: isoTime,
});

export const Incident = z.object({
  id: nonEmpty,
  createdAt: isoTime,
  resolvedAt: z.optional(isoTime),
});

export const Deployment = z.object({
  id: nonEmpty,
  service: nonEmpty,
  environment: z.string(),
  time: isoTime,
  status: z.enum(['success', 'failure', 'inProgress', 'cancelled']),
  commits: z.array(DeploymentCommit),
  /** This deploy caused a failure in production (rollback, hotfix or incident). */
  failed: z.boolean(),
  /** When service was restored after this failed deploy. */
  restoredAt: z.optional(isoTime),
  incidents: z.optional(z.array(Incident)),
  /** Added in v1 (optional): a deploy made because of a production incident (hotfix, revert, rollback), for the rework rate. */
  unplanned: z.optional(z.boolean()),
});
export type Deployment = z.infer<typeof Deployment>;

export const DeploymentsResponse = z.object({
  service: z.string(),
  team: z.optional(z.string()),
  since: isoTime,
  until: isoTime,
  deployments: z.array(Deployment),
});
export type DeploymentsResponse = z.infer<typeof DeploymentsResponse>;

// ---- GET /v1/repos/{repoId}/ci-runs?since= (added in v1) ---------------------------

const duration = z.number().check(z.nonnegative(), z.lte(31 * 86_400_000));
export const CiRun = z.object({
  /** Unique per attempt. */
  id: nonEmpty,
  /** The workflow or pipeline name; a rerun has the same workflow and sha. */
  workflow: nonEmpty,
  branch: z.string(),
  sha: z.string().check(z.regex(/^[0-9a-f]{7,64}$/i)),
  /** 1 for the first run of this workflow on this commit, 2 for its first rerun, ... */
  attempt: z.number().check(z.int(), z.positive()),
  conclusion: z.enum(['success', 'failure', 'cancelled']),
  startedAt: isoTime,
  finishedAt: isoTime,
  jobs: z.optional(z.array(z.object({ name: nonEmpty, durationMs: duration, steps: z.optional(z.array(z.object({ name: nonEmpty, durationMs: duration }))) }))),
});
export type CiRun = z.infer<typeof CiRun>;

export const CiRunsResponse = z.object({
  repoId: z.string(),
  /** The repository's default branch, when the platform knows it. */
  defaultBranch: z.optional(z.string()),
  since: isoTime,
  runs: z.array(CiRun),
});
export type CiRunsResponse = z.infer<typeof CiRunsResponse>;

// ---- GET /v1/repos/{repoId}/docs ---------------------------------------------------

export const DocEntry = z
  .object({
    id: nonEmpty,
    kind: z.enum(['doc', 'changelog']),
    title: nonEmpty,
    url: z.optional(z.url({ protocol: /^https?$/ })),
    markdown: z.optional(z.string()),
    tags: z.array(z.string()),
    /** Changelog entries: what kind of change. */
    type: z.optional(z.enum(['feature', 'fix', 'breaking', 'deprecation'])),
    publishedAt: isoTime,
    /** Deprecations: when the old way stops working (YYYY-MM-DD or date-time). */
    removalDate: z.optional(z.union([z.iso.date(), isoTime])),
    /** Markdown telling what to change. */
    migration: z.optional(z.string()),
    /** Added in v1 (optional): what in a repository this entry concerns, as in a feed (docs/docs-and-changelog.md); an affected repo gets the notice. */
    affects: z.optional(z.array(AffectsRule).check(z.maxLength(50))),
  })
  .check(z.refine((e) => e.url !== undefined || e.markdown !== undefined, 'an entry needs a url or markdown'));
export type DocEntry = z.infer<typeof DocEntry>;

export const DocsResponse = z.object({
  entries: z.array(DocEntry),
});
export type DocsResponse = z.infer<typeof DocsResponse>;

// ---- GET /v1/feedback/statuses ----------------------------------------------------

/** Most statuses one answer carries (the newest first); older ones drop off the list. */
export const MAX_PUBLISHED_STATUSES = 5000;

export const REPORT_STATUSES = ['new', 'acknowledged', 'planned', 'fixed', 'wontFix'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The platform team's status for one friction report, by the event id the extension sent. */
export const PublishedStatus = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  status: z.enum(REPORT_STATUSES),
  /** The changelog entry (GET /v1/repos/{repoId}/docs) that tells what changed. */
  changelogId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  updatedAt: isoTime,
});
export type PublishedStatus = z.infer<typeof PublishedStatus>;

/**
 * Every status the platform team set, for every install alike: the client matches its own
 * report ids locally, so the request says nothing about which reports it holds.
 */
export const FeedbackStatusesResponse = z.object({
  statuses: z.array(PublishedStatus).check(z.maxLength(MAX_PUBLISHED_STATUSES)),
});
export type FeedbackStatusesResponse = z.infer<typeof FeedbackStatusesResponse>;

/** Every schema of the contract, by the name docs/schemas uses. */
export const contractSchemas = {
  PostEventsRequest,
  PostEventsResponse,
  ApiError,
  RepoConfig,
  DeploymentsResponse,
  DocsResponse,
  CiRunsResponse,
  FeedbackStatusesResponse,
} as const;
