import * as l10n from '@vscode/l10n';
import semver from 'semver';
import * as z from 'zod/mini';
import { patternProblem } from '../metrics/patterns';
import { outsideWorkspaceReason } from '../onboarding/definition';
import { MAX_GOLDEN_PATH_CHECKS } from '../platform/contract';

// The golden path: checks a platform team defines on a repository's files (like
// Backstage Tech Insights checks), in its platform configuration or a repository's
// `.dx/pulse.yaml` under `goldenPath.checks`. Each check has exactly one rule. Patterns are
// the metrics patterns (a glob, or a /regex/ run on RE2JS in linear time), so a repo file
// can never make matching stall the editor. Only a check's id and whether it passed ever
// leave the machine (see docs/privacy.md).

export const MAX_CHECKS = MAX_GOLDEN_PATH_CHECKS;
export const CHECK_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const nonEmpty = z.string().check(z.minLength(1));
const Pattern = z.string().check(
  z.refine((v) => patternProblem(v) === undefined, { error: () => l10n.t('expected a glob such as registry.acme.dev/* or a /regular expression/ that compiles, with no g or y flag (lookarounds and backreferences are not supported)') }),
);
const RepoPath = z.string().check(
  z.minLength(1),
  z.maxLength(300),
  z.superRefine((p, ctx) => {
    const why = outsideWorkspaceReason(p) ?? (/[*?[\]{}]/.test(p) ? l10n.t("'{0}' is a glob; a golden-path check names one file, such as catalog-info.yaml or src/health.ts", p) : undefined);
    if (why) ctx.issues.push({ code: 'custom', message: why, input: p });
  }),
);
const Range = z.string().check(z.refine((r) => semver.validRange(r, { loose: true }) !== null, { error: () => l10n.t('expected a semver range such as ^4.18.0 or >=20') }));

export const GoldenPathRules = {
  /** A file exists at this path. */
  fileExists: RepoPath,
  /** A file exists and some part of its text matches the pattern (use a /regex/ for content). */
  fileMatches: z.strictObject({ path: RepoPath, pattern: Pattern }),
  /** Every base image of the root Dockerfiles matches the pattern (and there is at least one). */
  dockerfileFrom: z.strictObject({ pattern: Pattern }),
  /** Some GitHub workflow step or job `uses:` something that matches (owner/repo[/path][@ref], lower case). */
  ciUsesWorkflow: z.strictObject({ pattern: Pattern }),
  /** package.json names this dependency (or engine, with `engine: true`) at a version in the range. */
  dependency: z.strictObject({ name: nonEmpty, range: Range, engine: z.optional(z.boolean()) }),
} as const;
export type RuleName = keyof typeof GoldenPathRules;
export const RULE_NAMES = Object.keys(GoldenPathRules) as RuleName[];

export const GoldenPathCheck = z
  .strictObject({
    id: z.string().check(z.regex(CHECK_ID_RE, { error: () => l10n.t('expected an id of letters, digits, ".", "_" or "-" (at most 64), such as catalog-info') })),
    title: z.string().check(z.minLength(1), z.maxLength(200)),
    /** What to change, in a sentence, shown under a failing check. */
    fix: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
    /** A page that explains it: an https URL, opened in the browser. */
    docUrl: z.optional(z.string().check(z.regex(/^https:\/\/\S+$/i, { error: () => l10n.t('expected an https:// URL') }), z.maxLength(2000))),
    /** A docs or changelog entry id (a migration entry), opened in DX Pulse's doc viewer. */
    docId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    fileExists: z.optional(GoldenPathRules.fileExists),
    fileMatches: z.optional(GoldenPathRules.fileMatches),
    dockerfileFrom: z.optional(GoldenPathRules.dockerfileFrom),
    ciUsesWorkflow: z.optional(GoldenPathRules.ciUsesWorkflow),
    dependency: z.optional(GoldenPathRules.dependency),
  })
  .check(
    z.refine((c) => RULE_NAMES.filter((r) => (c as Record<string, unknown>)[r] !== undefined).length === 1, {
      error: () => l10n.t('a check needs exactly one rule: {0}', RULE_NAMES.join(', ')),
    }),
  );
export type GoldenPathCheck = z.infer<typeof GoldenPathCheck>;

export const GoldenPathSection = z.strictObject({
  checks: z.optional(z.array(GoldenPathCheck).check(z.maxLength(MAX_CHECKS))),
});

/** The rule of a check (exactly one after validation). */
export function ruleOf(check: GoldenPathCheck): { rule: RuleName; value: unknown } {
  const rule = RULE_NAMES.find((r) => check[r] !== undefined) ?? 'fileExists';
  return { rule, value: check[rule] };
}

/** Duplicate ids, for diagnostics: the later ones are dropped. */
export function duplicateIds(checks: readonly GoldenPathCheck[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  checks.forEach((c, i) => {
    if (seen.has(c.id)) out.push(i);
    seen.add(c.id);
  });
  return out;
}

/**
 * Checks from outside the type system (the platform's configuration): valid ones kept,
 * each invalid one named in a problem line. Never throws.
 */
export function parseGoldenPathChecks(raw: unknown): { checks: GoldenPathCheck[]; problems: string[] } {
  const problems: string[] = [];
  const checks: GoldenPathCheck[] = [];
  if (!Array.isArray(raw)) return { checks, problems: raw === undefined ? [] : ['goldenPath.checks: expected a list of checks'] };
  raw.slice(0, MAX_CHECKS).forEach((item, i) => {
    const r = GoldenPathCheck.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0];
      problems.push(`goldenPath.checks[${i}]${issue?.path.length ? '.' + issue.path.join('.') : ''}: ${issue?.message ?? 'invalid'}`);
    } else if (checks.some((c) => c.id === r.data.id)) problems.push(`goldenPath.checks[${i}]: the id ${r.data.id} is used twice; the first one is kept`);
    else checks.push(r.data);
  });
  if (raw.length > MAX_CHECKS) problems.push(`goldenPath.checks: only the first ${MAX_CHECKS} checks are read`);
  return { checks, problems };
}
