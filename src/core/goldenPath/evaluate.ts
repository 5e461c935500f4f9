import * as l10n from '@vscode/l10n';
import semver from 'semver';
import { numericPrefixVersion } from '../docs/affectedness';
import type { RepoFiles, RepoProfile } from '../docs/repoProfile';
import { compilePattern, type PatternMatcher } from '../metrics/patterns';
import { ruleOf, type GoldenPathCheck } from './definition';
import type { CheckResult } from './result';

export type { CheckResult } from './result';

// Evaluates golden-path checks on this machine, from the repo profile the docs feature
// already builds (images, workflow `uses:`, dependencies) and, for file rules, the files
// themselves. Nothing here leaves the machine: the `detail` lines name file contents and
// stay in the sidebar; only `{ id, passed }` is ever recorded (see goldenPathEvent).

/** A file whose text is matched is read up to this many characters; a larger one fails with a reason. */
export const MAX_MATCH_CHARS = 1_000_000;

export interface Scorecard {
  readonly results: readonly CheckResult[];
  readonly passed: number;
  readonly total: number;
}

function matcher(pattern: string): PatternMatcher {
  // Validated when the configuration was read; a pattern that no longer compiles never matches.
  return compilePattern(pattern) ?? { test: () => false };
}

function dirAndBase(path: string): [string, string] {
  const norm = path.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  const i = norm.lastIndexOf('/');
  return i < 0 ? ['.', norm] : [norm.slice(0, i), norm.slice(i + 1)];
}

async function exists(files: RepoFiles, path: string): Promise<boolean> {
  const [dir, base] = dirAndBase(path);
  try {
    return (await files.list(dir)).includes(base);
  } catch {
    return false;
  }
}

async function readText(files: RepoFiles, path: string): Promise<string | undefined> {
  try {
    return await files.read(dirAndBase(path).join('/').replace(/^\.\//, ''));
  } catch {
    return undefined;
  }
}

/** The images of the root Dockerfiles (the profile also holds workflow and GitLab images). */
function dockerfileImages(profile: RepoProfile): RepoProfile['images'] {
  return profile.images.filter((i) => !i.file.includes('/') && i.file.toLowerCase() !== '.gitlab-ci.yml');
}

async function evaluateRule(check: GoldenPathCheck, files: RepoFiles, profile: RepoProfile): Promise<{ passed: boolean; detail: string }> {
  const { rule } = ruleOf(check);
  switch (rule) {
    case 'fileExists': {
      const path = check.fileExists!;
      return (await exists(files, path)) ? { passed: true, detail: l10n.t('{0} exists', path) } : { passed: false, detail: l10n.t('{0} is missing', path) };
    }
    case 'fileMatches': {
      const { path, pattern } = check.fileMatches!;
      const text = await readText(files, path);
      if (text === undefined) return { passed: false, detail: l10n.t('{0} is missing', path) };
      if (text.length > MAX_MATCH_CHARS) return { passed: false, detail: l10n.t('{0} is larger than {1} characters and is not read', path, MAX_MATCH_CHARS) };
      return matcher(pattern).test(text) ? { passed: true, detail: l10n.t('{0} matches {1}', path, pattern) } : { passed: false, detail: l10n.t('{0} does not match {1}', path, pattern) };
    }
    case 'dockerfileFrom': {
      const { pattern } = check.dockerfileFrom!;
      const images = dockerfileImages(profile);
      if (images.length === 0) return { passed: false, detail: l10n.t('no Dockerfile with a FROM image at the repository root') };
      const m = matcher(pattern);
      const off = images.filter((i) => !m.test(i.raw));
      if (off.length === 0) return { passed: true, detail: l10n.t('every FROM matches {0}', pattern) };
      return { passed: false, detail: l10n.t('{0} uses {1}, which does not match {2}', off[0]!.file, off[0]!.raw, pattern) };
    }
    case 'ciUsesWorkflow': {
      const { pattern } = check.ciUsesWorkflow!;
      const m = matcher(pattern);
      const hit = profile.actions.find((a) => m.test(a.action) || (a.ref !== undefined && m.test(`${a.action}@${a.ref}`)));
      if (hit) return { passed: true, detail: l10n.t('{0} uses {1}', hit.file, hit.ref ? `${hit.action}@${hit.ref}` : hit.action) };
      return { passed: false, detail: profile.actions.length === 0 ? l10n.t('no GitHub workflow uses anything') : l10n.t('no workflow uses {0}', pattern) };
    }
    case 'dependency': {
      const { name, range, engine } = check.dependency!;
      const declared = engine ? profile.engines[name] : profile.dependencies[name];
      const where = engine ? l10n.t('package.json engines') : l10n.t('package.json');
      if (declared === undefined) return { passed: false, detail: l10n.t('{0} does not name {1}', where, name) };
      const version = dependencyVersion(declared, engine ? undefined : profile.lockedVersions[name]);
      if (version === undefined) return { passed: false, detail: l10n.t('{0} names {1} {2}, whose version cannot be told', where, name, declared) };
      const ok = semver.satisfies(version, range, { loose: true, includePrerelease: true });
      return ok ? { passed: true, detail: l10n.t('{0} {1} satisfies {2}', name, version, range) } : { passed: false, detail: l10n.t('{0} {1} does not satisfy {2}', name, version, range) };
    }
  }
}

/** The locked version when known, else the lowest version the declared range allows. */
export function dependencyVersion(declared: string, locked: string | undefined): string | undefined {
  if (locked && semver.valid(locked, { loose: true })) return semver.valid(locked, { loose: true }) ?? undefined;
  if (semver.valid(declared, { loose: true })) return semver.valid(declared, { loose: true }) ?? undefined;
  try {
    if (semver.validRange(declared, { loose: true })) return semver.minVersion(declared, { loose: true })?.version ?? undefined;
  } catch {
    // fall through: not a range semver can read
  }
  return numericPrefixVersion(declared);
}

/** Every check's result, in the order defined. Never throws: a rule that fails to run fails with the reason. */
export async function evaluateGoldenPath(checks: readonly GoldenPathCheck[], files: RepoFiles, profile: RepoProfile): Promise<Scorecard> {
  const results: CheckResult[] = [];
  for (const c of checks) {
    let r: { passed: boolean; detail: string };
    try {
      r = await evaluateRule(c, files, profile);
    } catch (e) {
      r = { passed: false, detail: l10n.t('could not be evaluated: {0}', e instanceof Error ? e.message : String(e)) };
    }
    results.push({ id: c.id, title: c.title, ...r, ...(c.fix ? { fix: c.fix } : {}), ...(c.docUrl ? { docUrl: c.docUrl } : {}), ...(c.docId ? { docId: c.docId } : {}) });
  }
  return { results, passed: results.filter((r) => r.passed).length, total: results.length };
}

/** What the `goldenPath.evaluated` event carries: ids and pass/fail, nothing read from a file. */
export function goldenPathEventData(card: Scorecard): { checks: { id: string; passed: boolean }[]; passed: number; total: number } {
  return { checks: card.results.map((r) => ({ id: r.id, passed: r.passed })), passed: card.passed, total: card.total };
}

/** A stable key of the results, to record the event only when they change. */
export function scorecardKey(card: Scorecard): string {
  return card.results.map((r) => `${r.id}=${r.passed ? 1 : 0}`).sort().join(',');
}
