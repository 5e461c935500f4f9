// Every message between the extension host and the sidebar webview. Both sides import
// this file; it imports neither. The webview imports types only, so zod stays out of its
// bundle; the host validates every message it receives with the schemas below.
//
// Sections: common, metrics, docs, survey, reports. Each section owns its view type (host ->
// webview, inside SidebarState) and its commands (webview -> host).
import * as z from 'zod/mini';
import type { CheckResult } from '../core/goldenPath/result';

// ==== common ==========================================================================

/** webview -> host: the webview has loaded its script and can receive messages. */
export const ReadyCommand = z.object({ type: z.literal('sidebar/ready') });

/** webview -> host: run one of DX Pulse's own commands (buttons in the view). */
export const RunCommandCommand = z.object({
  type: z.literal('sidebar/runCommand'),
  command: z.string().check(z.regex(/^dxPulse\.[A-Za-z.]+$/)),
  args: z.optional(z.array(z.union([z.string(), z.number(), z.boolean()]))),
});

/** webview -> host: open an http(s) link in the browser (links are never followed inside the webview). */
export const OpenLinkCommand = z.object({ type: z.literal('sidebar/openLink'), url: z.string().check(z.regex(/^https?:\/\//i), z.maxLength(2000)) });

/** webview -> host: open a file of the open repository (a path relative to its folder; the host refuses any other). */
export const OpenRepoFileCommand = z.object({ type: z.literal('sidebar/openRepoFile'), path: z.string().check(z.minLength(1), z.maxLength(500)) });

export interface Insights {
  /** How long setting up this repo took on this machine, once it is done. */
  readonly setupMinutes?: number;
  /** Setup in progress since (epoch ms). */
  readonly setupSince?: number;
  readonly setupFailedAttempts?: number;
  /** Why this repo has no setup time (e.g. "it was created here (git init), not cloned"). */
  readonly setupNotMeasured?: string;
  /** New-hire mode since (epoch ms), until the first commit. */
  readonly newHireSince?: number;
  /** The failure streak in progress. */
  readonly streak?: { readonly command: string; readonly failures: number; readonly since: number };
}

// ==== metrics =========================================================================

/** webview -> host: show another window (7 / 30 / 90 days). */
export const MetricsSetWindowCommand = z.object({ type: z.literal('metrics/setWindow'), days: z.union([z.literal(7), z.literal(30), z.literal(90)]) });
/** webview -> host: fetch again now. */
export const MetricsRefreshCommand = z.object({ type: z.literal('metrics/refresh') });

export type MetricsSource = 'platform' | 'github' | 'git';
export type BandName = 'elite' | 'high' | 'medium' | 'low';

export interface MetricCardView {
  readonly key: 'deploymentFrequency' | 'leadTime' | 'changeFailRate' | 'recoveryTime' | 'reworkRate';
  readonly title: string;
  /** What the metric means, in one plain line ("How often changes reach production"). */
  readonly summary: string;
  /** Formatted headline, e.g. "2.3 / week", "4.2 h", "12 %"; "—" when there is nothing to measure. */
  readonly value: string;
  /** A longer reading for screen readers, e.g. "2.3 deployments per week". */
  readonly valueLabel: string;
  readonly band: BandName | null;
  /** direction: better or worse (the colour); arrow: which way the value moved. */
  readonly trend: { readonly direction: 'better' | 'worse' | 'same' | 'none'; readonly arrow: 'up' | 'down' | 'flat'; readonly text: string };
  /** Oldest first; null where the bucket had no value. */
  readonly series: readonly (number | null)[];
  /** How the number was computed, in a sentence or two. */
  readonly explanation: string;
  readonly deploymentIds: readonly string[];
  /** Extra facts shown with the explanation (open failures, commits counted, ...). */
  readonly notes: readonly string[];
}

export interface DeploymentRowView {
  readonly id: string;
  readonly name: string;
  readonly time: number;
  readonly failed: boolean;
  readonly unplanned: boolean;
  readonly commits: number;
  readonly leadTime?: string;
  readonly restored?: string;
}

export type MetricsView =
  | { readonly status: 'loading'; readonly message: string }
  | { readonly status: 'empty'; readonly message: string; readonly hint: string; readonly sourceLabel?: string }
  | { readonly status: 'error'; readonly message: string; readonly hint: string }
  | {
      readonly status: 'ready';
      readonly source: MetricsSource;
      readonly sourceLabel: string;
      readonly service: string;
      readonly team?: string;
      /** When the data was fetched (epoch ms); the view says how old it is. */
      readonly fetchedAt: number;
      /** Refreshing failed: this is the last good data. */
      readonly stale?: string;
      readonly refreshing: boolean;
      readonly windowDays: 7 | 30 | 90;
      readonly cards: readonly MetricCardView[];
      readonly deployments: readonly DeploymentRowView[];
      readonly warnings: readonly string[];
    };

// ==== ci ==============================================================================
// (owned by the CI feature; see src/host/ciController.ts)

/** webview -> host: fetch the CI runs again now. */
export const CiRefreshCommand = z.object({ type: z.literal('ci/refresh') });

export interface CiBranchView {
  readonly branch: string;
  /** "main (default branch)", "feature/x (your branch)". */
  readonly label: string;
  readonly runs: number;
  /** Formatted p50 and p90 ("7 min"), "—" without runs. */
  readonly p50: string;
  readonly p90: string;
  /** The p50 is over the target. */
  readonly overTarget: boolean;
  readonly trend: { readonly direction: 'better' | 'worse' | 'same' | 'none'; readonly text: string };
  /** Further facts, one line each: target, failures, flakiness, slowest job and step. */
  readonly lines: readonly string[];
}

export interface CiLocalView {
  /** "Local build and test: 2 min (p50 of 12 runs)". */
  readonly summary: string;
  readonly lines: readonly string[];
}

export type CiView =
  | { readonly status: 'none' }
  | { readonly status: 'loading'; readonly message: string; readonly local?: CiLocalView }
  | { readonly status: 'empty' | 'error'; readonly message: string; readonly hint: string; readonly local?: CiLocalView }
  | {
      readonly status: 'ready';
      readonly source: 'platform' | 'github' | 'gitlab';
      readonly sourceLabel: string;
      /** When the runs were fetched (epoch ms); the view says how old they are. */
      readonly fetchedAt: number;
      readonly stale?: string;
      readonly refreshing: boolean;
      readonly windowDays: 7 | 30 | 90;
      /** The one-line summary shown on the folded section. */
      readonly summary: string;
      readonly target: string;
      readonly branches: readonly CiBranchView[];
      /** "GitHub API quota is low: 40 of 5000 requests left until 12:30 UTC." */
      readonly quota?: string;
      readonly warnings: readonly string[];
      readonly local?: CiLocalView;
    };

// ==== docs ============================================================================
// (owned by the docs feature; see src/host/docsController.ts)

/** webview -> host: every changelog entry now counts as read (clears the badge). */
export const DocsMarkAllReadCommand = z.object({ type: z.literal('docs/markAllRead') });
/** webview -> host: fetch every source again now. */
export const DocsRefreshCommand = z.object({ type: z.literal('docs/refresh') });
/** webview -> host: open an entry (browser, or DX Pulse's doc viewer) and mark it read. */
export const DocsOpenCommand = z.object({ type: z.literal('docs/open'), id: z.string().check(z.minLength(1), z.maxLength(200)) });

export interface DocsEntryView {
  readonly id: string;
  readonly title: string;
  readonly kind: 'doc' | 'changelog';
  readonly type: 'feature' | 'fix' | 'improvement' | 'breaking' | 'deprecation' | 'announcement';
  /** "Deprecation", "Breaking", "New", ... */
  readonly typeLabel: string;
  readonly summary?: string;
  /**
   * HTML the host made from a remote source's markdown. UNSANITIZED: the webview passes
   * it through DOMPurify (webview-ui/src/markdown.ts) before any of it reaches the DOM.
   */
  readonly bodyHtml?: string;
  /** Migration steps (breaking changes and deprecations), as bodyHtml: unsanitized. */
  readonly migrationHtml?: string;
  readonly url?: string;
  readonly migrationUrl?: string;
  /** The document's own URL, to resolve relative links in `bodyHtml`/`migrationHtml`. */
  readonly baseUrl?: string;
  readonly version?: string;
  readonly publishedAt?: string;
  /** "removed in 12 days" and the date. */
  readonly removal?: { readonly text: string; readonly date: string; readonly daysLeft: number };
  /** Why it concerns this repo: "Dockerfile uses node:16-alpine; node < 18 is deprecated". */
  readonly affected?: string;
  /** The repository files that show it (relative paths), each opened by a link. */
  readonly affectedFiles?: readonly string[];
  /** Why it ranks where it does: "dependencies: left-pad". */
  readonly matches: readonly string[];
  readonly unread: boolean;
  /** Something to open (a URL, or markdown for the doc viewer). */
  readonly openable: boolean;
}

/** Which images remote markdown may load (dxPulse.docs.loadRemoteImages). */
export interface DocsImagePolicy {
  /** Hosts images load from: the configured platform's and the feeds'. */
  readonly hosts: readonly string[];
  /** True: images load from any https host. */
  readonly remote: boolean;
}

export type DocsView =
  /** The docs feature is turned off (features.docs: false). */
  | { readonly status: 'none' }
  | { readonly status: 'loading'; readonly message: string }
  | { readonly status: 'empty'; readonly message: string; readonly hint: string; readonly problems: readonly string[] }
  | {
      readonly status: 'ready';
      /** Breaking changes and deprecations for this repo (affecting ones first). */
      readonly actionable: readonly DocsEntryView[];
      /** Everything else, ranked by relevance. */
      readonly entries: readonly DocsEntryView[];
      readonly unread: number;
      /** Oldest confirmation among the sources (epoch ms). */
      readonly fetchedAt?: number;
      readonly refreshing: boolean;
      /** Sources that could not be refreshed, in a line each (the last good data is shown). */
      readonly problems: readonly string[];
      readonly images: DocsImagePolicy;
    };

// ==== survey ==========================================================================
// (owned by the surveys feature; see src/host/surveyController.ts)

/** One question as the form renders it (a plain copy of the validated definition). */
export type SurveyQuestionView =
  | { readonly id: string; readonly type: 'nps' | 'scale'; readonly text: string; readonly required: boolean; readonly min: number; readonly max: number; readonly labels: { readonly low: string; readonly high: string } }
  | { readonly id: string; readonly type: 'singleChoice'; readonly text: string; readonly required: boolean; readonly choices: readonly { readonly id: string; readonly label: string }[] }
  | { readonly id: string; readonly type: 'multipleChoice'; readonly text: string; readonly required: boolean; readonly choices: readonly { readonly id: string; readonly label: string }[]; readonly maxSelections: number }
  | { readonly id: string; readonly type: 'freeText'; readonly text: string; readonly required: boolean; readonly maxLength: number; readonly placeholder?: string };

export type SurveyView =
  | { readonly status: 'none' }
  | {
      readonly status: 'form';
      readonly surveyId: string;
      readonly title: string;
      readonly anonymous: boolean;
      readonly questions: readonly SurveyQuestionView[];
      /** Why the last submit was refused, one line per problem. */
      readonly problems: readonly string[];
    }
  | { readonly status: 'thanks'; readonly surveyId: string; readonly title: string; readonly queued: boolean };

const SurveyId = z.string().check(z.minLength(1), z.maxLength(64));
/** webview -> host: the form's answers, by question id (the host checks them against the survey). */
export const SurveySubmitCommand = z.object({
  type: z.literal('survey/submit'),
  surveyId: SurveyId,
  answers: z.record(z.string().check(z.maxLength(64)), z.union([z.number(), z.string().check(z.maxLength(5000)), z.array(z.string().check(z.maxLength(200))).check(z.maxLength(20))])),
});
/** webview -> host: "Remind me later" on the form. */
export const SurveyRemindLaterCommand = z.object({ type: z.literal('survey/remindLater'), surveyId: SurveyId });
/** webview -> host: "Don't ask again" on the form. */
export const SurveyDontAskCommand = z.object({ type: z.literal('survey/dontAsk'), surveyId: SurveyId });
/** webview -> host: close the form (or the thank-you) without a choice. */
export const SurveyCloseCommand = z.object({ type: z.literal('survey/close'), surveyId: SurveyId });

// ==== reports ==================================================================// (owned by "Your reports"; see src/host/reportsController.ts)

/** webview -> host: fetch the published statuses again now. */
export const ReportsRefreshCommand = z.object({ type: z.literal('reports/refresh') });

export interface ReportRowView {
  readonly id: string;
  /** The start of what the developer wrote (kept on this machine only). */
  readonly text: string;
  readonly sentAt: number;
  readonly status: 'new' | 'acknowledged' | 'planned' | 'fixed' | 'wontFix';
  /** The changelog entry that tells what changed (opened with docs/open). */
  readonly changelogId?: string;
}

export type ReportsView =
  /** No report sent from this install: the section is not shown. */
  | { readonly status: 'none' }
  | {
      readonly status: 'ready';
      readonly reports: readonly ReportRowView[];
      /** When the platform last confirmed the statuses (epoch ms). */
      readonly fetchedAt?: number;
      readonly refreshing: boolean;
      /** Why statuses are not current, in one line (not signed in, telemetry off, a failed fetch). */
      readonly problem?: string;
    };
// ==== golden path =====================================================================
// (owned by the golden-path feature; see src/host/goldenPathController.ts)

/** webview -> host: open what a check links to (a docs entry in the doc viewer, or its page in the browser). */
export const GoldenPathOpenCommand = z.object({ type: z.literal('goldenPath/open'), checkId: z.string().check(z.minLength(1), z.maxLength(64)) });
/** webview -> host: evaluate the checks again now. */
export const GoldenPathRefreshCommand = z.object({ type: z.literal('goldenPath/refresh') });

/** One check's result as core computed it (src/core/goldenPath/evaluate.ts), shown as it is. */
export type GoldenPathCheckView = CheckResult;

export type GoldenPathView =
  /** No checks are defined for this repository. */
  | { readonly status: 'none' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly passed: number; readonly total: number; readonly evaluatedAt: number; readonly checks: readonly GoldenPathCheckView[] };

// ==== the whole state and the unions ===================================================

/** host -> webview: everything the view renders from; sent after ready and on every change. */
export interface SidebarState {
  readonly version: string;
  /** The editor's display language (vscode.env.language), for dates. */
  readonly locale?: string;
  readonly sharing: 'off' | 'signals' | 'all';
  readonly insights: Insights;
  readonly metrics: MetricsView;
  /** Optional so a host or test that knows nothing of CI still sends a valid state. */
  readonly ci?: CiView;
  readonly docs: DocsView;
  readonly survey: SurveyView;
  readonly reports: ReportsView;
  readonly goldenPath: GoldenPathView;
}

export interface StateNotification {
  readonly type: 'sidebar/state';
  readonly state: SidebarState;
}

/** host -> webview: bring one docs entry into view ("Show in DX Pulse" on a notification). */
export interface RevealNotification {
  readonly type: 'sidebar/reveal';
  readonly entryId: string;
}

export type HostNotification = StateNotification | RevealNotification;

export const WebviewCommand = z.discriminatedUnion('type', [
  ReadyCommand,
  RunCommandCommand,
  OpenLinkCommand,
  OpenRepoFileCommand,
  MetricsSetWindowCommand,
  MetricsRefreshCommand,
  CiRefreshCommand,
  DocsMarkAllReadCommand,
  DocsRefreshCommand,
  DocsOpenCommand,
  // docs commands go here
  // survey commands go here
  GoldenPathOpenCommand,
  GoldenPathRefreshCommand,
  SurveySubmitCommand,
  SurveyRemindLaterCommand,
  SurveyDontAskCommand,
  SurveyCloseCommand,
  ReportsRefreshCommand,
]);
export type WebviewCommand = z.infer<typeof WebviewCommand>;
export type WebviewCommandType = WebviewCommand['type'];
