import * as l10n from '@vscode/l10n';
import semver from 'semver';
import { normalizeImageName } from './dockerfile';
import { entryTime, type AffectsRule, type Entry } from './entries';
import type { RepoProfile } from './repoProfile';

export interface AffectReason {
  rule: AffectsRule;
  /** The file that shows it: Dockerfile, package.json, .github/workflows/ci.yml. */
  file: string;
  /** e.g. "Dockerfile uses node:16-alpine; node < 18 is deprecated". */
  text: string;
  /** What matched, for deprecation.affected: never the file's contents or path. */
  found: FoundItem;
}

export interface FoundItem {
  rule: 'dependency' | 'image' | 'action';
  name: string;
  version?: string;
}

export interface RemovalInfo {
  date: string;
  /** Whole UTC calendar days from today to the removal date; negative once past. */
  daysLeft: number;
  /** "removed in 12 days", "removed today", "removed 3 days ago". */
  text: string;
}

export interface Affectedness {
  entryId: string;
  reasons: AffectReason[];
  /** The reasons joined for a notification or a tooltip. */
  explanation: string;
  removal?: RemovalInfo;
}

const DAY_MS = 86_400_000;

function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** Days left until an entry's removal date, counted in UTC calendar days from `now`. */
export function removalInfo(entry: Pick<Entry, 'removalDate'>, now: number): RemovalInfo | undefined {
  const t = entryTime(entry.removalDate);
  if (t === undefined || !entry.removalDate) return undefined;
  const daysLeft = utcDay(t) - utcDay(now);
  return { date: entry.removalDate.slice(0, 10), daysLeft, text: daysLeftText(daysLeft) };
}

export function daysLeftText(daysLeft: number): string {
  if (daysLeft === 0) return l10n.t('removed today');
  const n = Math.abs(daysLeft);
  if (daysLeft > 0) return n === 1 ? l10n.t('removed in 1 day') : l10n.t('removed in {0} days', n);
  return n === 1 ? l10n.t('removed 1 day ago') : l10n.t('removed {0} days ago', n);
}

const SHA_RE = /^[0-9a-f]{40}$/i;

/**
 * The numeric prefix of an image tag or action ref as a semver version: `16-alpine`
 * is 16.0.0, `v3` is 3.0.0, `18.17.1-bookworm` is 18.17.1. Undefined for `latest`,
 * `main` or a commit SHA, whose version cannot be known from the text.
 */
export function numericPrefixVersion(tagOrRef: string | undefined): string | undefined {
  if (!tagOrRef || SHA_RE.test(tagOrRef)) return undefined;
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?=$|[^\d.])/i.exec(tagOrRef.trim());
  if (!m) return undefined;
  return `${Number(m[1])}.${Number(m[2] ?? 0)}.${Number(m[3] ?? 0)}`;
}

function inRange(version: string, range: string | undefined): boolean {
  if (range === undefined) return true;
  const valid = semver.validRange(range, { loose: true });
  if (!valid) return false;
  return semver.satisfies(version, valid, { includePrerelease: true, loose: true });
}

/** "package.json depends on left-pad ^1.0.0; left-pad < 2 is deprecated". */
function affectsText(entry: Entry, subject: string, rule: string): string {
  if (entry.type === 'deprecation') return l10n.t('{0}; {1} is deprecated', subject, rule);
  if (entry.type === 'breaking') return l10n.t('{0}; {1} has a breaking change', subject, rule);
  return l10n.t('{0}; {1} is named by this entry', subject, rule);
}

function ruleLabel(name: string, range: string | undefined): string {
  return range ? `${name} ${range.replace(/^([<>=~^]+)\s*/, '$1 ').trim()}` : name;
}

/** The smallest version a declared range allows; undefined for git URLs, tags, workspaces. */
export function declaredMinimum(range: string): string | undefined {
  try {
    return semver.validRange(range, { loose: true }) ? (semver.minVersion(range, { loose: true })?.version ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

function matchRule(rule: AffectsRule, entry: Entry, profile: RepoProfile): AffectReason[] {
  const reasons: AffectReason[] = [];
  if ('dependency' in rule) {
    const declared = profile.dependencies[rule.dependency];
    if (declared === undefined) return reasons;
    const locked = profile.lockedVersions[rule.dependency];
    const version = locked ?? declaredMinimum(declared);
    if (!version || !inRange(version, rule.versions)) return reasons;
    const what = locked ? l10n.t('{0} {1} (locked at {2})', rule.dependency, declared, locked) : `${rule.dependency} ${declared}`;
    reasons.push({ rule, file: 'package.json', text: affectsText(entry, l10n.t('package.json depends on {0}', what), ruleLabel(rule.dependency, rule.versions)), found: { rule: 'dependency', name: rule.dependency, version: locked ?? declared } });
  } else if ('image' in rule) {
    const wanted = normalizeImageName(rule.image);
    for (const img of profile.images) {
      if (img.image !== wanted) continue;
      if (rule.tags !== undefined) {
        const v = numericPrefixVersion(img.tag);
        if (!v || !inRange(v, rule.tags)) continue;
      }
      reasons.push({ rule, file: img.file, text: affectsText(entry, l10n.t('{0} uses {1}', img.file, img.raw), ruleLabel(rule.image, rule.tags)), found: { rule: 'image', name: img.image, ...(img.tag ? { version: img.tag } : {}) } });
    }
  } else {
    const wanted = rule.action.toLowerCase();
    for (const a of profile.actions) {
      const repo = a.action.split('/').slice(0, 2).join('/');
      if (a.action !== wanted && repo !== wanted) continue;
      if (rule.versions !== undefined) {
        const v = numericPrefixVersion(a.ref);
        if (!v || !inRange(v, rule.versions)) continue;
      }
      reasons.push({ rule, file: a.file, text: affectsText(entry, l10n.t('{0} uses {1}@{2}', a.file, a.action, a.ref ?? ''), ruleLabel(rule.action, rule.versions)), found: { rule: 'action', name: a.action, ...(a.ref ? { version: a.ref } : {}) } });
    }
  }
  return reasons;
}

/**
 * Whether an entry concerns this repo, and why. Undefined when it does not: a repo
 * that is not affected gets no notice. Unknown versions (`latest`, a SHA, a git URL)
 * never count as affected; guessing wrong would train people to ignore the notice.
 */
export function assessEntry(entry: Entry, profile: RepoProfile, now: number): Affectedness | undefined {
  if (!entry.affects || entry.affects.length === 0) return undefined;
  const reasons = entry.affects.flatMap((r) => matchRule(r, entry, profile));
  if (reasons.length === 0) return undefined;
  const seen = new Set<string>();
  const unique = reasons.filter((r) => (seen.has(r.text) ? false : (seen.add(r.text), true)));
  return { entryId: entry.id, reasons: unique, explanation: unique.map((r) => r.text).join('; '), removal: removalInfo(entry, now) };
}
