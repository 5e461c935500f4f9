import * as crypto from 'node:crypto';
import * as z from 'zod/mini';
import type { Clock } from '../common/clock';
import type { EventEnvelope } from './envelope';
import { dayPrecision } from '../privacy/anonymity';

// Every event kind DX Pulse records: its `data` schema, version and a documented example.
// docs/events.md and telemetry.json are rendered from this registry (./eventDocs.ts), and a
// unit test fails when they drift. To add a kind: add an entry below, then regenerate them
// (the command is at the top of ./eventDocs.ts).

/** How a field is classified in telemetry.json (VS Code's vocabulary). */
export type Classification = 'SystemMetaData' | 'EndUserPseudonymizedInformation' | 'CustomerContent' | 'PublicNonPersonalData';
export type Purpose = 'FeatureInsight' | 'PerformanceAndHealth' | 'BusinessInsight';

export interface FieldDoc {
  readonly classification: Classification;
  readonly purpose: Purpose;
  readonly comment: string;
  /** A number to aggregate (telemetry.json `isMeasurement`). */
  readonly isMeasurement?: boolean;
}

export interface KindDef<S extends z.ZodMiniType> {
  readonly schemaVersion: number;
  readonly schema: S;
  readonly description: string;
  readonly example: z.infer<S>;
  readonly fields: { readonly [F in keyof z.infer<S>]-?: FieldDoc };
  /** When true for a given payload, the event carries no install, session or repo identity. */
  readonly anonymous?: (data: z.infer<S>) => boolean;
}

function defineKind<S extends z.ZodMiniType>(def: KindDef<S>): KindDef<S> {
  return def;
}

const count = () => z.int().check(z.nonnegative());
const durationMs = () => z.number().check(z.nonnegative());
/** Exit code; absent when the editor could not tell (e.g. no shell integration). */
const exitCode = () => z.optional(z.int());
export const CommandCategory = z.enum(['install', 'build', 'test', 'other']);
export type CommandCategory = z.infer<typeof CommandCategory>;
/** A command reduced to program + subcommand (see signals/commandClassifier.ts). */
const reducedCommand = () => z.string().check(z.minLength(1), z.maxLength(80));

const entryId = () => z.string().check(z.minLength(1), z.maxLength(200));
const surveyId = () => z.string().check(z.minLength(1), z.maxLength(100));
const teamName = () => z.string().check(z.minLength(1), z.maxLength(200));
const foundItem = () =>
  z.object({ rule: z.enum(['dependency', 'image', 'action']), name: z.string().check(z.minLength(1), z.maxLength(200)), version: z.optional(z.string().check(z.maxLength(100))) });

const meta = (comment: string, isMeasurement = false): FieldDoc =>
  ({ classification: 'SystemMetaData', purpose: 'FeatureInsight', comment, ...(isMeasurement ? { isMeasurement } : {}) });

export const EVENT_KINDS = {
  'task.ended': defineKind({
    schemaVersion: 1,
    description: 'A VS Code task process ended (tasks.onDidEndTaskProcess).',
    schema: z.object({
      exitCode: exitCode(),
      name: z.string().check(z.maxLength(120)),
      group: z.enum(['build', 'test', 'clean', 'rebuild', 'other', 'none']),
      source: z.string().check(z.maxLength(60)),
      durationMs: durationMs(),
      category: CommandCategory,
    }),
    example: { exitCode: 2, name: 'build', group: 'build', source: 'Workspace', durationMs: 5230, category: 'build' },
    fields: {
      exitCode: meta('Exit code of the task process; absent if unknown.'),
      name: meta('Task label as defined in tasks.json or by its provider.'),
      group: meta('Task group: build, test, clean, rebuild, other or none.'),
      source: meta('Who provides the task, e.g. Workspace, npm, shell.'),
      durationMs: meta('How long the task process ran.', true),
      category: meta('install, build, test or other, from the task group and command patterns.'),
    },
  }),
  'terminal.commandEnded': defineKind({
    schemaVersion: 1,
    description: 'A command in the integrated terminal ended (shell integration). Only program and subcommand are kept.',
    schema: z.object({ exitCode: exitCode(), command: reducedCommand(), category: CommandCategory, durationMs: durationMs() }),
    example: { exitCode: 1, command: 'npm test', category: 'test', durationMs: 8120 },
    fields: {
      exitCode: meta('Exit code reported by the shell; absent if unknown.'),
      command: meta('Program and subcommand only, e.g. "npm run build": never arguments, paths or environment.'),
      category: meta('install, build, test or other, from the configured patterns.'),
      durationMs: meta('How long the command ran.', true),
    },
  }),
  'setup.completed': defineKind({
    schemaVersion: 1,
    description: 'The first successful build or test after this repository was first opened on this machine.',
    schema: z.object({ durationMs: durationMs(), failedAttempts: count(), installRuns: count(), firstSuccess: z.enum(['build', 'test']) }),
    example: { durationMs: 2_700_000, failedAttempts: 4, installRuns: 2, firstSuccess: 'build' },
    fields: {
      durationMs: meta('From the first open of the repository to its first successful build or test.', true),
      failedAttempts: meta('Failed builds and tests in between.', true),
      installRuns: meta('Install commands run in between.', true),
      firstSuccess: meta('Whether the first success was a build or a test.'),
    },
  }),
  'newHire.firstCommit': defineKind({
    // sha (#13) is an optional field of version 1, not a version 2: a platform refuses versions
    // it does not know, so older servers keep taking these events from newer extensions.
    schemaVersion: 1,
    description: 'A new hire made their first commit in this repository.',
    schema: z.object({ durationMs: durationMs(), startedBy: z.enum(['command', 'noCommitsByUser']), sha: z.optional(z.string().check(z.regex(/^[0-9a-f]{7,64}$/))) }),
    example: { durationMs: 86_400_000, startedBy: 'noCommitsByUser', sha: '3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39' },
    fields: {
      durationMs: meta('From the start of new-hire mode to the first commit authored by the user.', true),
      startedBy: meta('How new-hire mode started: the "I\'m new here" command, or no commit by the user yet.'),
      sha: meta('The first commit\'s hash (no author, message or content), to find the first production deploy that shipped it.'),
    },
  }),
  'stuck.detected': defineKind({
    schemaVersion: 1,
    description: 'The same build or test command failed repeatedly within a short window.',
    schema: z.object({ command: reducedCommand(), failures: count(), windowMinutes: z.number().check(z.positive()) }),
    example: { command: 'npm test', failures: 3, windowMinutes: 15 },
    fields: {
      command: meta('Program and subcommand of the failing command, or the label of the failing task (as task.ended names it).'),
      failures: meta('Failures in the streak.', true),
      windowMinutes: meta('The window the failures fell in.', true),
    },
  }),
  'stuck.helpChosen': defineKind({
    schemaVersion: 1,
    description: 'What the developer chose in the offer made after a failure streak.',
    schema: z.object({ choice: z.enum(['help', 'report', 'dismissed']) }),
    example: { choice: 'help' },
    fields: { choice: meta('help, report or dismissed.') },
  }),
  'friction.reported': defineKind({
    schemaVersion: 1,
    description: 'The developer reported friction in one line, with the context they chose to keep.',
    schema: z.object({
      text: z.string().check(z.minLength(1), z.maxLength(500)),
      context: z.object({
        repo: z.optional(z.string().check(z.maxLength(300))),
        lastFailedCommand: z.optional(reducedCommand()),
        failingForMinutes: z.optional(z.number().check(z.nonnegative())),
      }),
    }),
    example: { text: 'Integration tests need a VPN nobody told me about', context: { lastFailedCommand: 'npm test', failingForMinutes: 25 } },
    fields: {
      text: { classification: 'CustomerContent', purpose: 'FeatureInsight', comment: 'Free text the developer typed and sent (at most 500 characters).' },
      context: { classification: 'SystemMetaData', purpose: 'FeatureInsight', comment: 'Only the context fields the developer kept: repo, lastFailedCommand, failingForMinutes.' },
    },
  }),
  'survey.answered': defineKind({
    schemaVersion: 1,
    description: 'Answers to a micro-survey. Anonymous answers carry no install, session or repo identity.',
    schema: z.object({
      surveyId: surveyId(),
      anonymous: z.boolean(),
      answers: z.array(z.object({
        questionId: z.string().check(z.minLength(1), z.maxLength(100)),
        value: z.union([z.string().check(z.maxLength(1000)), z.number(), z.boolean(), z.array(z.string().check(z.maxLength(200)))]),
      })).check(z.maxLength(50)),
      // Added in place (schema version 1): optional, so older servers drop it and older extensions stay valid.
      team: z.optional(teamName()),
    }).check(z.refine((d) => d.anonymous || d.team === undefined, { message: 'team is carried only by anonymous answers (attributed ones carry the repository)' })),
    example: { surveyId: 'q3-build-speed', anonymous: true, answers: [{ questionId: 'satisfaction', value: 4 }, { questionId: 'slowest', value: ['tests'] }], team: 'payments' },
    fields: {
      surveyId: meta('The survey, as published by the platform.'),
      anonymous: meta('Whether the answers were sent without identity.'),
      answers: { classification: 'CustomerContent', purpose: 'FeatureInsight', comment: 'Question ids with the values the developer gave.' },
      team: meta('Only on anonymous answers: the team owning the repository (catalog-info.yaml, else metrics.team of the configuration), so NPS can be shown per team. Never the repository or install; the platform hides teams with fewer respondents than its minimum group.'),
    },
    anonymous: (d) => d.anonymous,
  }),
  'onboarding.stepCompleted': defineKind({
    schemaVersion: 1,
    description: 'An onboarding checklist step was completed.',
    // sinceChecklistMs was added in place (schema version 1): the platform refuses versions it
    // does not know, so a new version would cost every older extension its onboarding events.
    schema: z.object({ stepId: z.string().check(z.minLength(1), z.maxLength(100)), durationMs: durationMs(), sinceChecklistMs: z.optional(durationMs()) }),
    example: { stepId: 'run-tests', durationMs: 540_000, sinceChecklistMs: 7_200_000 },
    fields: {
      stepId: meta('The step, as named in the onboarding checklist.'),
      durationMs: meta('From the step being shown (or its prerequisites done) to it being done.', true),
      sinceChecklistMs: meta("From the checklist's first appearance in this repository to this step being done; absent from extensions that predate it.", true),
    },
  }),
  'activity.day': defineKind({
    schemaVersion: 1,
    description: 'The editor was used in this repository today (UTC). At most one per install and repository per day, kept across restarts and windows: the platform\'s count of active developers.',
    schema: z.object({ day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)) }),
    example: { day: '2025-01-06' },
    fields: { day: meta('The UTC day (YYYY-MM-DD). No durations, no files.') },
  }),
  'docs.opened': defineKind({
    schemaVersion: 1,
    description: 'A platform doc or changelog entry was opened (sidebar, search, notification).',
    schema: z.object({ entryId: entryId(), entryKind: z.enum(['doc', 'changelog']) }),
    example: { entryId: 'node-16-deprecation', entryKind: 'changelog' },
    fields: {
      entryId: meta('The entry, as its source names it.'),
      entryKind: meta('doc or changelog.'),
    },
  }),
  'docs.searched': defineKind({
    schemaVersion: 1,
    description: 'Search Platform Docs was used. The query is kept only at sharing level "all"; the number of results always.',
    schema: z.object({ query: z.optional(z.string().check(z.minLength(1), z.maxLength(200))), results: count(), opened: z.boolean() }),
    example: { query: 'vpn integration tests', results: 0, opened: false },
    fields: {
      query: { classification: 'CustomerContent', purpose: 'FeatureInsight', comment: 'What the developer typed (at most 200 characters); only at sharing level "all".' },
      results: meta('How many entries matched the query.', true),
      opened: meta('Whether an entry was opened from this search.'),
    },
  }),
  'deprecation.affected': defineKind({
    schemaVersion: 1,
    description: 'This repository uses something a deprecation or breaking-change entry names. Once per entry and repository until it is resolved.',
    schema: z.object({ entryId: entryId(), found: z.array(foundItem()).check(z.minLength(1), z.maxLength(20)), removalDate: z.optional(z.string().check(z.maxLength(10))) }),
    example: { entryId: 'node-16-deprecation', found: [{ rule: 'image', name: 'node', version: '16-alpine' }], removalDate: '2025-03-31' },
    fields: {
      entryId: meta('The changelog entry.'),
      found: meta('What matched the entry\'s rules: dependency, image or action, its name and the version found. Never file contents or paths.'),
      removalDate: meta('The entry\'s removal date, when it has one.'),
    },
  }),
  'deprecation.resolved': defineKind({
    schemaVersion: 1,
    description: 'A repository that was affected by an entry no longer uses what it names.',
    schema: z.object({ entryId: entryId() }),
    example: { entryId: 'node-16-deprecation' },
    fields: { entryId: meta('The changelog entry.') },
  }),
  'survey.shown': defineKind({
    schemaVersion: 1,
    description: 'A survey was offered (a prompt, or the developer asked for it). For an anonymous survey it is as anonymous as its answers.',
    schema: z.object({ surveyId: surveyId(), anonymous: z.boolean(), onRequest: z.boolean() }),
    example: { surveyId: 'q3-build-speed', anonymous: true, onRequest: false },
    fields: {
      surveyId: meta('The survey, as published by the platform.'),
      anonymous: meta('Whether the survey is anonymous: then no install, session or repo identity, and day precision.'),
      onRequest: meta('true when the developer opened it (Take a Survey), false for a prompt.'),
    },
    anonymous: (d) => d.anonymous,
  }),
  'survey.dismissed': defineKind({
    schemaVersion: 1,
    description: 'A survey prompt was turned away. For an anonymous survey it is as anonymous as its answers.',
    schema: z.object({ surveyId: surveyId(), anonymous: z.boolean(), choice: z.enum(['remindLater', 'never', 'closed']) }),
    example: { surveyId: 'q3-build-speed', anonymous: true, choice: 'remindLater' },
    fields: {
      surveyId: meta('The survey, as published by the platform.'),
      anonymous: meta('Whether the survey is anonymous (see survey.shown).'),
      choice: meta('remindLater ("Remind me later"), never ("Don\'t ask again") or closed (the prompt was closed without a choice).'),
    },
    anonymous: (d) => d.anonymous,
  }),
  'goldenPath.evaluated': defineKind({
    schemaVersion: 1,
    description: "The repository's golden-path checks were evaluated on this machine and their results changed (or were evaluated for the first time). Only each check's id and whether it passed: nothing read from a file.",
    schema: z.object({
      checks: z.array(z.object({ id: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)), passed: z.boolean() })).check(z.maxLength(100)),
      passed: count(),
      total: count(),
    }),
    example: { checks: [{ id: 'catalog-info', passed: true }, { id: 'approved-base-image', passed: false }], passed: 1, total: 2 },
    fields: {
      checks: meta('Each check the platform or the repository defines, by id, with whether it passed.'),
      passed: meta('How many checks passed.', true),
      total: meta('How many checks were evaluated.', true),
    },
  }),
  'outbox.dropped': defineKind({
    schemaVersion: 1,
    description: 'Events were dropped before delivery (outbox full, or refused by the platform), so no loss is silent.',
    schema: z.object({ count: z.int().check(z.positive()), reason: z.string().check(z.maxLength(300)) }),
    example: { count: 120, reason: 'outbox full: oldest undelivered events dropped' },
    fields: {
      count: { classification: 'SystemMetaData', purpose: 'PerformanceAndHealth', comment: 'How many events were dropped.', isMeasurement: true },
      reason: { classification: 'SystemMetaData', purpose: 'PerformanceAndHealth', comment: 'Why they were dropped.' },
    },
  }),
} as const;

export type EventKind = keyof typeof EVENT_KINDS;
export type EventData<K extends EventKind> = z.infer<(typeof EVENT_KINDS)[K]['schema']>;

/** What the host knows about where an event happens; identities are made once by the host. */
export interface EventContext {
  readonly clock: Clock;
  readonly installId: string;
  readonly sessionId: string;
  readonly repo?: { readonly id: string; readonly hashed: boolean };
  readonly extensionVersion: string;
}

export class InvalidEventError extends Error {
  constructor(readonly kind: string, readonly issues: string) {
    super(`invalid data for event '${kind}': ${issues}`);
    this.name = 'InvalidEventError';
  }
}

export function isEventKind(kind: string): kind is EventKind {
  return Object.prototype.hasOwnProperty.call(EVENT_KINDS, kind);
}

/** Builds a validated event; throws InvalidEventError when `data` does not fit the kind's schema. */
export function makeEvent<K extends EventKind>(kind: K, data: EventData<K>, ctx: EventContext): EventEnvelope {
  const def = EVENT_KINDS[kind] as unknown as KindDef<z.ZodMiniType>;
  const r = def.schema.safeParse(data);
  if (!r.success) throw new InvalidEventError(kind, z.prettifyError(r.error).replace(/\n\s*/g, ' '));
  const parsed = r.data as Record<string, unknown>;
  const anonymous = def.anonymous?.(parsed) ?? false;
  const ev: EventEnvelope = {
    id: crypto.randomUUID(),
    kind,
    schemaVersion: def.schemaVersion,
    // An exact time would tie an anonymous answer to the events around it.
    time: anonymous ? dayPrecision(ctx.clock.now()) : new Date(ctx.clock.now()).toISOString(),
    ...(anonymous ? {} : { installId: ctx.installId, sessionId: ctx.sessionId }),
    ...(anonymous || !ctx.repo ? {} : { repo: { id: ctx.repo.id, hashed: ctx.repo.hashed } }),
    extensionVersion: ctx.extensionVersion,
    data: parsed,
  };
  return ev;
}

/** Like makeEvent, for data from outside the type system (e.g. a webview message). */
export function tryMakeEvent(kind: string, data: unknown, ctx: EventContext): { ok: true; event: EventEnvelope } | { ok: false; error: string } {
  if (!isEventKind(kind)) return { ok: false, error: `unknown event kind '${kind}'` };
  try {
    return { ok: true, event: makeEvent(kind, data as EventData<typeof kind>, ctx) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
