import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { loadYaml, type LoadResult, type PathSegment, type Reporter } from '../config/yamlLoader';
import { extractVersion } from './versions';

// The `.dx/onboarding.yaml` format. docs/onboarding.md documents it; the JSON Schema in
// docs/schemas/onboarding.schema.json is generated from these definitions.

export const ONBOARDING_FILE = '.dx/onboarding.yaml';

const nonEmpty = z.string().check(z.minLength(1));
const StepId = z.string().check(z.regex(/^[A-Za-z0-9][\w.-]*$/, { error: () => l10n.t('a step id uses letters, digits, ".", "_" and "-", e.g. install-deps') }));

/** A bare program name: starts with a letter or digit, no path separators, no `..`. */
export const TOOL_NAME = /^(?!.*\.\.)[A-Za-z0-9][\w.+-]*$/;

export const CHECK_TYPES = ['file', 'tool', 'command', 'setting', 'extension', 'event', 'manual'] as const;
export const ONBOARDING_EVENTS = ['buildSucceeded', 'testSucceeded', 'firstCommit'] as const;
export type OnboardingEvent = (typeof ONBOARDING_EVENTS)[number];

/**
 * Why a file check's path is not inside the workspace (`..`, absolute, a drive, `~`, a
 * URL), or undefined when it is. Without this a checklist could ask whether files outside
 * the repository exist, and `onboarding.stepCompleted` would tell the platform.
 */
export function outsideWorkspaceReason(p: string): string | undefined {
  const t = p.trim();
  if (/^[\\/]/.test(t) || /^[a-z]:/i.test(t)) return l10n.t("'{0}' is an absolute path; a file check takes a path inside the workspace, such as .env or config/local.json", p);
  if (t.startsWith('~')) return l10n.t("'{0}' points into a home folder; a file check takes a path inside the workspace", p);
  if (/^[a-z][a-z0-9+.-]*:/i.test(t)) return l10n.t("'{0}' is a URL; a file check takes a path inside the workspace", p);
  if (t.split(/[\\/{},]/).some((seg) => seg === '..')) return l10n.t("'{0}' leaves the workspace with '..'; a file check takes a path inside the workspace", p);
  return undefined;
}

export const FileCheck = z.strictObject({
  type: z.literal('file'),
  /** Workspace-relative path; glob patterns such as `**\/*.env` are allowed; never `..` or absolute. */
  path: nonEmpty.check(z.superRefine((p, ctx) => {
    const why = outsideWorkspaceReason(p);
    if (why) ctx.issues.push({ code: 'custom', message: why, input: p });
  })),
  kind: z.optional(z.enum(['file', 'folder'])),
});
export const ToolCheck = z.strictObject({
  type: z.literal('tool'),
  // The host runs `<name> --version`: a bare program name only, never a shell snippet.
  name: z.string().check(z.regex(TOOL_NAME, { error: () => l10n.t('a tool name is a program name such as node or docker (no spaces, paths or shell syntax)') })),
  minVersion: z.optional(
    z.string().check(z.refine((v) => extractVersion(v) !== undefined, { error: () => l10n.t('minVersion must be a version such as 20, 20.11 or 20.11.1') })),
  ),
});
export const CommandCheck = z.strictObject({ type: z.literal('command'), id: nonEmpty });
export const SettingCheck = z.strictObject({
  type: z.literal('setting'),
  key: nonEmpty,
  /** Without it, any value the user set (not the default) counts. */
  equals: z.optional(z.union([z.string(), z.number(), z.boolean()])),
});
export const ExtensionCheck = z.strictObject({
  type: z.literal('extension'),
  id: z.string().check(z.regex(/^[\w-]+\.[\w.-]+$/, { error: () => l10n.t('an extension id is publisher.name, e.g. dbaeumer.vscode-eslint') })),
});
export const EventCheck = z.strictObject({ type: z.literal('event'), event: z.enum(ONBOARDING_EVENTS) });
export const ManualCheck = z.strictObject({ type: z.literal('manual') });

export const StepCheck = z.discriminatedUnion('type', [FileCheck, ToolCheck, CommandCheck, SettingCheck, ExtensionCheck, EventCheck, ManualCheck]);
export type StepCheck = z.infer<typeof StepCheck>;

export const StepLink = z
  .strictObject({
    title: nonEmpty,
    /** A web page, or a workspace-relative file such as docs/setup.md. */
    url: z.optional(nonEmpty),
    /** A VS Code command id, run when the link is clicked. */
    command: z.optional(nonEmpty),
  })
  .check(z.refine((l) => (l.url === undefined) !== (l.command === undefined), { error: () => l10n.t('a link needs either url or command (exactly one)') }));
export type StepLink = z.infer<typeof StepLink>;

export const OnboardingStep = z.strictObject({
  id: StepId,
  title: nonEmpty,
  /** Markdown. */
  description: z.optional(z.string()),
  links: z.optional(z.array(StepLink)),
  /** Ids of steps that must be done first. */
  prerequisites: z.optional(z.array(StepId)),
  /** How the step ticks itself; a manual tick when absent. */
  check: z.optional(StepCheck),
});
export type OnboardingStep = z.infer<typeof OnboardingStep>;

export const OnboardingDefinition = z.strictObject({
  version: z.optional(z.literal(1)),
  title: z.optional(z.string()),
  /** Markdown shown above the steps. */
  description: z.optional(z.string()),
  steps: z.array(OnboardingStep).check(z.minLength(1, { error: () => l10n.t('needs at least one valid step') })),
});
export type OnboardingDefinition = z.infer<typeof OnboardingDefinition>;

/** Parses and validates `.dx/onboarding.yaml`; bad steps are reported and left out. */
export function loadOnboarding(text: string, fileName: string = ONBOARDING_FILE): LoadResult<OnboardingDefinition> {
  return loadYaml(text, OnboardingDefinition, { fileName, postValidate: checkReferences });
}

/**
 * Cross-step rules the schema cannot state: unique ids, prerequisites that exist, no
 * cycles. Offending references are reported and removed so the rest still works.
 */
export function checkReferences(def: OnboardingDefinition, report: Reporter, raw?: unknown): OnboardingDefinition {
  const rawSteps = raw !== null && typeof raw === 'object' ? (raw as { steps?: unknown }).steps : undefined;
  const invalidIds = new Set(
    (Array.isArray(rawSteps) ? rawSteps : []).map((s) => (s !== null && typeof s === 'object' ? (s as { id?: unknown }).id : undefined)).filter((id): id is string => typeof id === 'string'),
  );
  const seen = new Set<string>();
  const dropSteps = new Set<number>();
  def.steps.forEach((s, i) => {
    if (seen.has(s.id)) {
      report(['steps', i, 'id'], l10n.t("duplicate step id '{0}'; this step is ignored", s.id), 'error');
      dropSteps.add(i);
    }
    seen.add(s.id);
  });

  const dropEdges = new Set<string>();
  const edgeKey = (i: number, j: number): string => `${i}/${j}`;
  const indexOf = new Map<string, number>();
  def.steps.forEach((s, i) => {
    if (!dropSteps.has(i)) indexOf.set(s.id, i);
  });
  // Listed once, and only the first few: a long file must not rebuild it per mistake.
  let knownIds: string | undefined;
  const known = (): string => (knownIds ??= [...indexOf.keys()].slice(0, 20).join(', ') + (indexOf.size > 20 ? l10n.t(', … ({0} in all)', indexOf.size) : ''));
  def.steps.forEach((s, i) => {
    (s.prerequisites ?? []).forEach((p, j) => {
      const at: PathSegment[] = ['steps', i, 'prerequisites', j];
      if (p === s.id) {
        report(at, l10n.t("step '{0}' cannot be its own prerequisite; ignored", s.id), 'error');
        dropEdges.add(edgeKey(i, j));
      } else if (!indexOf.has(p) && invalidIds.has(p)) {
        report(at, l10n.t("prerequisite '{0}' has errors and is ignored; fix that step first", p), 'error');
        dropEdges.add(edgeKey(i, j));
      } else if (!indexOf.has(p)) {
        report(at, l10n.t("unknown step id '{0}' (known: {1}); ignored", p, known()), 'error');
        dropEdges.add(edgeKey(i, j));
      }
    });
  });

  // Depth-first search; an edge back into the current path closes a cycle.
  const state = new Map<number, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (i: number): void => {
    state.set(i, 'visiting');
    stack.push(def.steps[i]!.id);
    (def.steps[i]!.prerequisites ?? []).forEach((p, j) => {
      if (dropEdges.has(edgeKey(i, j))) return;
      const k = indexOf.get(p)!;
      if (state.get(k) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(p)), p].join(' -> ');
        report(['steps', i, 'prerequisites', j], l10n.t("prerequisites form a cycle ({0}); '{1}' is ignored as a prerequisite of '{2}'", cycle, p, def.steps[i]!.id), 'error');
        dropEdges.add(edgeKey(i, j));
      } else if (state.get(k) === undefined) {
        visit(k);
      }
    });
    stack.pop();
    state.set(i, 'done');
  };
  def.steps.forEach((_, i) => {
    if (!dropSteps.has(i) && state.get(i) === undefined) visit(i);
  });

  if (dropSteps.size === 0 && dropEdges.size === 0) return def;
  const steps = def.steps
    .map((s, i) => {
      if (!s.prerequisites) return s;
      return { ...s, prerequisites: s.prerequisites.filter((_, j) => !dropEdges.has(edgeKey(i, j))) };
    })
    .filter((_, i) => !dropSteps.has(i));
  return { ...def, steps };
}
