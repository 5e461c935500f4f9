import * as l10n from '@vscode/l10n';
import type { SurveyDefinition, SurveyDefinitionInput, SurveyEntry, TemplateReference as TemplateReferenceType } from './definitions';
import { SurveyDefinition as SurveyDefinitionSchema, TemplateReference, dateBoundMs, parseWith } from './definitions';

// Built-in surveys a platform switches on by id. The five questions come from the
// seed document's quarterly developer survey; each runs alone as a one-question pulse
// (answered in seconds from a notification) or together as `dx-quarterly`.

type QuestionInput = SurveyDefinitionInput['questions'][number];

const fridayDeploy = (): QuestionInput => ({
  id: 'friday-deploy-confidence',
  type: 'scale',
  text: l10n.t('How confident are you deploying to production on a Friday?'),
  labels: { low: l10n.t('Not at all confident'), high: l10n.t('Completely confident') },
});

const newServiceTime = (): QuestionInput => ({
  id: 'new-service-lead-time',
  type: 'singleChoice',
  text: l10n.t('When you last created a new service, how long did it take to get it running in production?'),
  choices: [
    { id: 'lt-1h', label: l10n.t('< 1 hour') },
    { id: '1-4h', label: l10n.t('1-4 hours') },
    { id: '1d', label: l10n.t('1 day') },
    { id: '2-5d', label: l10n.t('2-5 days') },
    { id: 'gt-1w', label: l10n.t('> 1 week') },
  ],
});

const workflowFrustration = (): QuestionInput => ({
  id: 'workflow-frustration',
  type: 'freeText',
  text: l10n.t('What is the most frustrating part of your development workflow?'),
  maxLength: 1000,
});

const platformWish = (): QuestionInput => ({
  id: 'platform-wish',
  type: 'freeText',
  text: l10n.t('What is one thing the platform team could do to make your life easier?'),
  maxLength: 1000,
});

const docsFindability = (): QuestionInput => ({
  id: 'docs-findability',
  type: 'scale',
  text: l10n.t('How easy is it to find documentation for our internal tools?'),
  labels: { low: l10n.t('Very hard'), high: l10n.t('Very easy') },
});

const defaultNpsSubject = (): string => l10n.t('the developer platform');

function pulse(id: string, title: string, question: QuestionInput): SurveyDefinitionInput {
  // A pulse with a single free-text question must require it, or "submit" sends nothing.
  return { id, title, questions: [{ ...question, required: true }], trigger: 'quarterly' };
}

const TEMPLATES: Record<string, (subject: string) => SurveyDefinitionInput> = {
  'platform-nps': (subject) => ({
    id: 'platform-nps',
    title: l10n.t('Platform NPS'),
    questions: [
      { id: 'nps', type: 'nps', subject },
      { id: 'nps-reason', type: 'freeText', text: l10n.t('What is the main reason for your score?'), maxLength: 500 },
    ],
    trigger: 'quarterly',
  }),
  'friday-deploy-confidence': () => pulse('friday-deploy-confidence', l10n.t('Friday deploys'), fridayDeploy()),
  'new-service-lead-time': () => pulse('new-service-lead-time', l10n.t('New service to production'), newServiceTime()),
  'workflow-frustration': () => pulse('workflow-frustration', l10n.t('Workflow frustrations'), workflowFrustration()),
  'platform-wish': () => pulse('platform-wish', l10n.t('One thing we could do'), platformWish()),
  'docs-findability': () => pulse('docs-findability', l10n.t('Finding documentation'), docsFindability()),
  'dx-quarterly': () => ({
    id: 'dx-quarterly',
    title: l10n.t('Quarterly developer experience survey'),
    questions: [fridayDeploy(), newServiceTime(), workflowFrustration(), platformWish(), docsFindability()],
    trigger: 'quarterly',
  }),
};

/** Ids a config may name under `template:`. */
export const TEMPLATE_IDS: readonly string[] = Object.keys(TEMPLATES);

/** A built-in template as a validated definition (with its default trigger, sampling 1). */
export function templateById(templateId: string, subject: string = defaultNpsSubject()): SurveyDefinition | undefined {
  const make = TEMPLATES[templateId];
  if (!make) return undefined;
  const r = parseWith(SurveyDefinitionSchema, make(subject));
  // Templates are ours: a failure here is a bug that the unit tests catch.
  if (!r.ok) throw new Error(`built-in survey template '${templateId}' is invalid: ${r.message}`);
  return r.value;
}

export type ResolveResult = { ok: true; survey: SurveyDefinition } | { ok: false; message: string };

/** Applies a reference's overrides to its template. */
export function resolveTemplate(ref: TemplateReferenceType): ResolveResult {
  const base = templateById(ref.template, ref.subject ?? defaultNpsSubject());
  if (!base) return { ok: false, message: l10n.t("unknown survey template '{0}'; known: {1}", ref.template, TEMPLATE_IDS.join(', ')) };
  if (ref.subject !== undefined && !base.questions.some((q) => q.type === 'nps')) {
    return { ok: false, message: l10n.t("'subject' only applies to NPS templates, and '{0}' has no NPS question", ref.template) };
  }
  const survey: SurveyDefinition = {
    ...base,
    id: ref.id ?? base.id,
    title: ref.title ?? base.title,
    trigger: ref.trigger ?? base.trigger,
    sampling: ref.sampling ?? base.sampling,
    audience: ref.audience ?? base.audience,
    startDate: ref.startDate ?? base.startDate,
    endDate: ref.endDate ?? base.endDate,
    anonymous: ref.anonymous ?? base.anonymous,
  };
  if (survey.startDate && survey.endDate && dateBoundMs(survey.startDate, 'start') > dateBoundMs(survey.endDate, 'end')) {
    return { ok: false, message: l10n.t("survey '{0}': endDate is before startDate", survey.id) };
  }
  return { ok: true, survey };
}

export interface ParsedSurveys {
  surveys: SurveyDefinition[];
  /** One readable line per entry that was skipped; the rest still run. */
  problems: string[];
}

/**
 * Turns already-validated entries (e.g. the merged `surveys` of the configuration) into
 * definitions: template references are resolved, later duplicates of an id skipped.
 */
export function resolveSurveyEntries(entries: readonly SurveyEntry[]): ParsedSurveys {
  const out: ParsedSurveys = { surveys: [], problems: [] };
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const r: ResolveResult = 'template' in entry ? resolveTemplate(entry) : { ok: true, survey: entry };
    add(out, seen, `surveys[${i}]${entryName(entry)}`, r);
  });
  return out;
}

/**
 * Reads a raw `surveys:` list entry by entry: a bad entry is reported and skipped, never
 * fatal to the others. Later duplicates of an id are skipped too.
 */
export function parseSurveyEntries(raw: unknown): ParsedSurveys {
  const out: ParsedSurveys = { surveys: [], problems: [] };
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw)) {
    out.problems.push(l10n.t("'surveys' must be a list of surveys or template references, not {0}", typeof raw));
    return out;
  }
  const seen = new Set<string>();
  raw.forEach((entry, i) => {
    let r: ResolveResult;
    if (entry && typeof entry === 'object' && 'template' in entry) {
      const ref = parseWith(TemplateReference, entry);
      r = ref.ok ? resolveTemplate(ref.value) : { ok: false, message: ref.message };
    } else {
      const def = parseWith(SurveyDefinitionSchema, entry);
      r = def.ok ? { ok: true, survey: def.value } : { ok: false, message: def.message };
    }
    add(out, seen, `surveys[${i}]${entryName(entry)}`, r);
  });
  return out;
}

function add(out: ParsedSurveys, seen: Set<string>, where: string, r: ResolveResult): void {
  if (!r.ok) {
    out.problems.push(`${where}: ${r.message}`);
  } else if (seen.has(r.survey.id)) {
    out.problems.push(l10n.t("{0}: duplicate survey id '{1}' (give the second one its own 'id')", where, r.survey.id));
  } else {
    seen.add(r.survey.id);
    out.surveys.push(r.survey);
  }
}

function entryName(entry: unknown): string {
  if (!entry || typeof entry !== 'object') return '';
  const e = entry as Record<string, unknown>;
  const name = typeof e.id === 'string' ? e.id : typeof e.template === 'string' ? e.template : undefined;
  return name ? ` ('${name}')` : '';
}
