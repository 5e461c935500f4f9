import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import english from 'zod/v4/locales/en.js';
import { isoDateOrDateTime, isoUtcMs } from '../common/isoTime';
import { issuesText } from '../common/issueText';

// Survey definitions as a platform team writes them (platform config or the repo's
// `.dx/pulse.yaml` `surveys:` section). Input forms are forgiving (`trigger: quarterly`,
// `audience: newHires`, choices as plain strings); the parsed output is one normalized
// shape so eligibility and the UI never re-interpret shorthands. See docs/surveys.md.

// The default zod/mini messages are just "Invalid input"; the English locale is applied
// per parse (not globally, which would change other modules' messages).
// Only English: `z.locales` would pull every locale (~280 KB) into the bundle.
const en = english();

/** Parses with readable English messages; returns the value or one multi-line message. */
export function parseWith<S extends z.ZodMiniType>(
  schema: S,
  raw: unknown,
): { ok: true; value: z.output<S> } | { ok: false; message: string } {
  const r = schema.safeParse(raw, { error: en.localeError });
  return r.success ? { ok: true, value: r.data as z.output<S> } : { ok: false, message: issuesText(r.error) };
}

const Id = z.string().check(
  z.regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, { error: () => l10n.t('must be 1-64 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit') }),
);
const Text = (max: number) => z.string().check(z.trim(), z.minLength(1, { error: () => l10n.t('must not be empty') }), z.maxLength(max));

// ---------------------------------------------------------------------------- questions

/** The standard NPS wording; only the subject varies, so results stay comparable. */
export function npsQuestionText(subject: string): string {
  return l10n.t('How likely are you to recommend {0} to a colleague?', subject);
}

const NpsQuestionInput = z.object({
  id: Id,
  type: z.literal('nps'),
  /** What is being recommended, e.g. "the developer platform". */
  subject: Text(120),
  required: z.optional(z.boolean()),
});
const NpsQuestion = z.pipe(
  NpsQuestionInput,
  z.transform((q) => ({
    id: q.id,
    type: 'nps' as const,
    subject: q.subject,
    text: npsQuestionText(q.subject),
    min: 0,
    max: 10,
    labels: { low: l10n.t('Not at all likely'), high: l10n.t('Extremely likely') },
    required: q.required ?? true,
  })),
);

const ScaleQuestion = z.pipe(
  z.object({
    id: Id,
    type: z.literal('scale'),
    text: Text(300),
    /** Words for the two ends, e.g. { low: 'Very hard', high: 'Very easy' }. */
    labels: z.object({ low: Text(60), high: Text(60) }),
    required: z.optional(z.boolean()),
  }),
  z.transform((q) => ({ ...q, min: 1, max: 5, required: q.required ?? true })),
);

const Choice = z.pipe(
  z.union([Text(120), z.object({ id: Id, label: Text(120) })]),
  // A plain string is its own id, so the answer is readable without the definition.
  z.transform((c) => (typeof c === 'string' ? { id: c, label: c } : c)),
);
const Choices = z.array(Choice).check(
  z.minLength(2, { error: () => l10n.t('needs at least 2 choices') }),
  z.maxLength(12, { error: () => l10n.t('at most 12 choices fit in a quick pick') }),
  z.refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, { error: () => l10n.t('choice ids must be unique') }),
);

const SingleChoiceQuestion = z.pipe(
  z.object({ id: Id, type: z.literal('singleChoice'), text: Text(300), choices: Choices, required: z.optional(z.boolean()) }),
  z.transform((q) => ({ ...q, required: q.required ?? true })),
);

const MultipleChoiceQuestion = z.pipe(
  z.object({
    id: Id,
    type: z.literal('multipleChoice'),
    text: Text(300),
    choices: Choices,
    maxSelections: z.optional(z.number().check(z.int(), z.gte(1))),
    required: z.optional(z.boolean()),
  }),
  z.transform((q) => ({ ...q, maxSelections: Math.min(q.maxSelections ?? q.choices.length, q.choices.length), required: q.required ?? true })),
);

export const FREE_TEXT_DEFAULT_MAX = 500;
export const FREE_TEXT_HARD_MAX = 2000;
const FreeTextQuestion = z.pipe(
  z.object({
    id: Id,
    type: z.literal('freeText'),
    text: Text(300),
    maxLength: z.optional(z.number().check(z.int(), z.gte(1), z.lte(FREE_TEXT_HARD_MAX))),
    placeholder: z.optional(Text(120)),
    required: z.optional(z.boolean()),
  }),
  // Free text is optional unless the author says otherwise: a blank box must never block
  // the scored answers that came before it.
  z.transform((q) => ({ ...q, maxLength: q.maxLength ?? FREE_TEXT_DEFAULT_MAX, required: q.required ?? false })),
);

export const QuestionType = z.enum(['nps', 'scale', 'singleChoice', 'multipleChoice', 'freeText']);
export type QuestionType = z.infer<typeof QuestionType>;

export const Question = z.discriminatedUnion('type', [NpsQuestion, ScaleQuestion, SingleChoiceQuestion, MultipleChoiceQuestion, FreeTextQuestion]);
export type Question = z.output<typeof Question>;
export type NpsQuestion = Extract<Question, { type: 'nps' }>;
export type ScaleQuestion = Extract<Question, { type: 'scale' }>;
export type SingleChoiceQuestion = Extract<Question, { type: 'singleChoice' }>;
export type MultipleChoiceQuestion = Extract<Question, { type: 'multipleChoice' }>;
export type FreeTextQuestion = Extract<Question, { type: 'freeText' }>;

// ------------------------------------------------------------------------------ trigger

export const TRIGGER_EVENTS = ['buildSucceeded', 'streakFixed', 'onboardingCompleted', 'changelogRead'] as const;
export const TriggerEventKind = z.enum(TRIGGER_EVENTS);
export type TriggerEventKind = z.infer<typeof TriggerEventKind>;

export const CALENDAR_PERIODS = ['weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type CalendarPeriod = (typeof CALENDAR_PERIODS)[number];

/** Normalized schedule: calendar periods (UTC) or a rolling number of days. */
export type Schedule = { kind: 'calendar'; period: CalendarPeriod } | { kind: 'rolling'; days: number };

const Every = z.pipe(
  z.union([
    z.string().check(z.regex(/^\s*[1-9][0-9]{0,3}\s*d\s*$/, { error: () => l10n.t('must look like "90d" (a number of days)') })),
    z.number().check(z.int(), z.gte(1), z.lte(3650)),
  ]),
  z.transform((v) => (typeof v === 'number' ? v : Number.parseInt(v, 10))),
);
const ScheduleInput = z.union([z.enum(CALENDAR_PERIODS), z.object({ every: Every })]);
const ScheduleSchema = z.pipe(
  ScheduleInput,
  z.transform((s): Schedule => (typeof s === 'string' ? { kind: 'calendar', period: s } : { kind: 'rolling', days: s.every })),
);
export { ScheduleSchema as Schedule };

/** Normalized trigger. Event triggers are asked once unless `repeat` names a schedule. */
export type Trigger =
  | { kind: 'schedule'; schedule: Schedule }
  | { kind: 'event'; on: TriggerEventKind; count: number; repeat?: Schedule };

const EventTriggerInput = z.object({
  on: TriggerEventKind,
  /** How many such events since the survey was last shown; 1 unless given. */
  count: z.optional(z.number().check(z.int(), z.gte(1), z.lte(10_000))),
  repeat: z.optional(ScheduleSchema),
});

export const TriggerSchema = z.pipe(
  z.union([
    z.enum(CALENDAR_PERIODS),
    z.object({ every: Every }),
    z.object({ schedule: ScheduleSchema }),
    EventTriggerInput,
  ]),
  z.transform((t): Trigger => {
    if (typeof t === 'string') return { kind: 'schedule', schedule: { kind: 'calendar', period: t } };
    if ('every' in t) return { kind: 'schedule', schedule: { kind: 'rolling', days: t.every } };
    if ('schedule' in t) return { kind: 'schedule', schedule: t.schedule };
    const out: Trigger = { kind: 'event', on: t.on, count: t.count ?? 1 };
    if (t.repeat) out.repeat = t.repeat;
    return out;
  }),
);

// ----------------------------------------------------------------------------- audience

/** Normalized audience. All given criteria must hold; a list matches if any entry does. */
export interface Audience {
  newHires: boolean;
  /** Repo ids or globs (`*` within a path segment, `**` across segments). Empty: any repo. */
  repos: string[];
  /** Team names, compared case-insensitively. Empty: any team. */
  teams: string[];
}

export const AudienceSchema = z.pipe(
  z.union([
    z.enum(['everyone', 'newHires']),
    z.object({
      newHires: z.optional(z.boolean()),
      repos: z.optional(z.array(Text(300))),
      teams: z.optional(z.array(Text(120))),
    }),
  ]),
  z.transform((a): Audience => {
    if (a === 'everyone') return { newHires: false, repos: [], teams: [] };
    if (a === 'newHires') return { newHires: true, repos: [], teams: [] };
    return { newHires: a.newHires ?? false, repos: a.repos ?? [], teams: a.teams ?? [] };
  }),
);

// ------------------------------------------------------------------------------- survey

const DateInput = isoDateOrDateTime(() => l10n.t('must be an ISO 8601 date (2025-04-01, UTC) or date-time (2025-04-01T09:00:00Z; without a zone it is UTC)'));

export const Sampling = z.number().check(
  z.refine((n) => Number.isFinite(n) && n >= 0 && n <= 1, { error: () => l10n.t('sampling is a probability: a number from 0 (nobody) to 1 (everyone), e.g. 0.2') }),
);

const SurveyDefinitionObject = z.object({
  id: Id,
  title: Text(120),
  questions: z.array(Question).check(
    z.minLength(1, { error: () => l10n.t('a survey needs at least one question') }),
    z.maxLength(10, { error: () => l10n.t('at most 10 questions: keep surveys short') }),
    z.refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, { error: () => l10n.t('question ids must be unique within a survey') }),
  ),
  audience: z.optional(AudienceSchema),
  trigger: TriggerSchema,
  /** Share of installs ever asked, drawn once per install and survey. Default 1. */
  sampling: z.optional(Sampling),
  /** ISO date (`2025-01-01`, UTC) or date-time. A date-only end date includes that whole day. */
  startDate: z.optional(DateInput),
  endDate: z.optional(DateInput),
  /** Anonymous answers carry no install or session id. Default true. */
  anonymous: z.optional(z.boolean()),
});

export const SurveyDefinition = z.pipe(
  SurveyDefinitionObject.check(
    z.refine(
      (s) => !s.startDate || !s.endDate || dateBoundMs(s.startDate, 'start') <= dateBoundMs(s.endDate, 'end'),
      { error: () => l10n.t('endDate is before startDate'), path: ['endDate'] },
    ),
  ),
  z.transform((s) => ({
    id: s.id,
    title: s.title,
    questions: s.questions,
    audience: s.audience ?? { newHires: false, repos: [], teams: [] },
    trigger: s.trigger,
    sampling: s.sampling ?? 1,
    startDate: s.startDate,
    endDate: s.endDate,
    anonymous: s.anonymous ?? true,
  })),
);
export type SurveyDefinition = z.output<typeof SurveyDefinition>;
export type SurveyDefinitionInput = z.input<typeof SurveyDefinition>;

/**
 * A built-in template switched on by id, with optional overrides. The `template` key
 * tells it apart from a full definition.
 */
export const TemplateReference = z.object({
  template: Id,
  /** Run a template twice (e.g. per team) under different ids. */
  id: z.optional(Id),
  title: z.optional(Text(120)),
  /** For NPS templates: what is being recommended. */
  subject: z.optional(Text(120)),
  trigger: z.optional(TriggerSchema),
  sampling: z.optional(Sampling),
  audience: z.optional(AudienceSchema),
  startDate: z.optional(DateInput),
  endDate: z.optional(DateInput),
  anonymous: z.optional(z.boolean()),
});
export type TemplateReference = z.output<typeof TemplateReference>;

/**
 * One entry of a `surveys:` list: a template reference when it has a `template` key,
 * else a full definition. The first step dispatches on that key, because a plain union
 * that fails both ways only says "Invalid input"; the union after it gives the typed
 * output and, being what JSON Schema generation sees for input, the editor schema.
 */
export const SurveyEntry = z.pipe(
  z.transform((raw: unknown, ctx) => {
    const isRef = typeof raw === 'object' && raw !== null && 'template' in raw;
    const r = (isRef ? TemplateReference : SurveyDefinition).safeParse(raw, { error: en.localeError });
    if (r.success) return raw;
    for (const issue of r.error.issues) ctx.issues.push({ ...issue, input: raw } as (typeof ctx.issues)[number]);
    return z.NEVER;
  }),
  z.union([TemplateReference, SurveyDefinition]),
);
export type SurveyEntry = z.output<typeof SurveyEntry>;

/**
 * The whole `surveys:` list, validated strictly (one bad entry fails the list). Loaders
 * that prefer to keep the good entries use `parseSurveyEntries` in ./templates.ts.
 */
export const SurveyList = z.array(SurveyEntry);

/** A date bound in ms; a date-only end means the end of that UTC day. NaN if unparsable. */
export function dateBoundMs(iso: string, side: 'start' | 'end'): number {
  const ms = isoUtcMs(iso);
  if (side === 'end' && /^\d{4}-\d{2}-\d{2}$/.test(iso)) return ms + 24 * 60 * 60 * 1000 - 1;
  return ms;
}
