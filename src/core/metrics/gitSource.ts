// Source 3, no server: deployments read from the repository's own history.
// Deployments are tags matching a pattern (or first-parent merges into a branch); a deploy
// failed when a later commit reverts one of its commits, or when a hotfix (a tag, or a
// merge of a branch, matching the hotfix pattern) follows it. See docs/metrics.md.
import * as l10n from '@vscode/l10n';
import { errorMessage, type Log } from '../common/log';
import { DEFAULT_ENVIRONMENT, type Deployment, type EpochMs, type ShippedCommit } from './types';
import { branchNameProblem } from './gitRef';
import { compilePattern, DEFAULT_HOTFIX_PATTERN, DEFAULT_TAG_PATTERN, patternProblem } from './patterns';

export interface GitTagInfo {
  readonly name: string;
  /** The commit the tag points at (peeled for annotated tags). */
  readonly sha: string;
  /** Tagger date for annotated tags, the commit's committer date for lightweight ones. */
  readonly time: EpochMs;
  readonly annotated: boolean;
}

export interface GitCommitNode {
  readonly sha: string;
  /** Committer time. */
  readonly time: EpochMs;
  readonly parents: readonly string[];
  readonly subject: string;
}

export interface GitRevert {
  readonly sha: string;
  readonly time: EpochMs;
  /** The reverted commit as the message names it (possibly abbreviated). */
  readonly revertedSha: string;
}

/** The git questions this source asks; src/host/gitHistory.ts answers them with simple-git. */
export interface GitHistory {
  /** Every tag, once (`git for-each-ref refs/tags`). */
  tags(): Promise<GitTagInfo[]>;
  /** Every commit reachable from `refs` (and from all tags when asked), one `git log`. */
  commits(refs: readonly string[], options?: HistoryRefs): Promise<GitCommitNode[]>;
  /** Commits reachable from `refs` (and tags, branches) whose message says "This reverts commit <sha>". */
  reverts(refs: readonly string[], options?: HistoryRefs): Promise<GitRevert[]>;
  /** Merge commits on the first-parent line of `branch`. */
  merges(branch: string): Promise<GitCommitNode[]>;
  /** Whether this is a shallow clone (`git rev-parse --is-shallow-repository`). */
  isShallow(): Promise<boolean>;
}

/** Which refs besides the named ones a history question covers. */
export interface HistoryRefs {
  readonly allTags?: boolean;
  /** Every local branch: what is checked out (a detached HEAD on an old tag) does not matter. */
  readonly allBranches?: boolean;
}

const shallowHint = (): string => l10n.t('This is a shallow clone, so history and tags are missing and lead time, failure rate and rework come out wrong. Run `git fetch --unshallow --tags` for real numbers.');

export interface GitSourceOptions {
  readonly service: string;
  /** The environment these deploys are labelled with. Default 'production'. */
  readonly environment?: string;
  /** 'tags' (default): each matching tag is a deploy; 'merges': each merge into `branch`. */
  readonly mode?: 'tags' | 'merges';
  /** Glob (`v*`) or `/regex/flags`. Default: semver-like tags such as v1.2.3 or 1.2. */
  readonly tagPattern?: string;
  /** Merge mode: the deploy branch (default 'main'). */
  readonly branch?: string;
  /** Tag mode: when no tag matches, count merges into this branch instead (the documented fallback). */
  readonly fallbackBranch?: string;
  /** Glob or `/regex/` for hotfix tags and merged hotfix branches. Default `*hotfix*`. */
  readonly hotfixPattern?: string;
  readonly log?: Log;
}

export type GitSourceResult =
  | { readonly ok: true; readonly deployments: Deployment[]; readonly warnings: string[] }
  | { readonly ok: false; readonly error: string };

interface DeployPoint {
  readonly id: string;
  readonly sha: string;
  readonly time: EpochMs;
  /** A hotfix by its own name (tag or merge subject). */
  readonly hotfix: boolean;
}

interface Draft {
  readonly point: DeployPoint;
  readonly commits: ShippedCommit[];
  failed: boolean;
  restoredAt: EpochMs | undefined;
  unplanned: boolean;
}

export async function deploymentsFromGit(history: GitHistory, options: GitSourceOptions): Promise<GitSourceResult> {
  let mode = options.mode ?? 'tags';
  let branch = options.branch ?? options.fallbackBranch ?? 'main';
  const tagPattern = options.tagPattern ?? DEFAULT_TAG_PATTERN;
  const hotfixPattern = options.hotfixPattern ?? DEFAULT_HOTFIX_PATTERN;
  const tagRe = compilePattern(tagPattern);
  const hotfixRe = compilePattern(hotfixPattern);
  const branchProblem = branchNameProblem(branch);
  if (branchProblem) return { ok: false, error: l10n.t('The deploy branch {0} is not used: {1}. Fix dxPulse.metrics.deployBranch (or metrics.deployBranch in .dx/pulse.yaml).', JSON.stringify(branch.slice(0, 80)), branchProblem) };
  if (!tagRe) return { ok: false, error: l10n.t('The deploy tag pattern "{0}" is not used: {1}. Fix it in the DX Pulse settings.', tagPattern.slice(0, 80), String(patternProblem(tagPattern))) };
  if (!hotfixRe) return { ok: false, error: l10n.t('The hotfix pattern "{0}" is not used: {1}. Fix it in the DX Pulse settings.', hotfixPattern.slice(0, 80), String(patternProblem(hotfixPattern))) };
  const warnings: string[] = [];

  let points: DeployPoint[] = [];
  let hotfixTags: GitTagInfo[] = [];
  let nodes: GitCommitNode[];
  let reverts: GitRevert[];
  try {
    const shallow = await history.isShallow().catch(() => false);
    if (shallow) warnings.push(shallowHint());
    if (mode === 'tags') {
      const tags = (await history.tags()).filter((t) => !Number.isNaN(t.time));
      points = tags.filter((t) => tagRe.test(t.name)).map((t) => ({ id: t.name, sha: t.sha, time: t.time, hotfix: hotfixRe.test(t.name) }));
      hotfixTags = tags.filter((t) => hotfixRe.test(t.name) && !tagRe.test(t.name));
      if (points.length === 0) {
        const why = shallow ? shallowHint() : l10n.t('No tags match "{0}": set the deploy tag pattern, or the deploy branch.', tagPattern);
        if (!options.fallbackBranch) return { ok: true, deployments: [], warnings: [why] };
        // The documented fallback: no deploy tags, so merges into the deploy branch count.
        mode = 'merges';
        branch = options.fallbackBranch;
        warnings.length = 0;
        warnings.push(l10n.t('{0} Counting merges into "{1}" instead.', why, branch));
      }
    }
    if (mode === 'tags') {
      nodes = await history.commits([], { allTags: true });
      // Every branch and tag, not HEAD's ancestors: a detached HEAD must not hide a revert on main.
      reverts = await history.reverts([], { allTags: true, allBranches: true });
    } else {
      const merges = (await history.merges(branch)).filter((m) => !Number.isNaN(m.time));
      points = merges.map((m) => ({ id: m.sha, sha: m.sha, time: m.time, hotfix: hotfixRe.test(mergedBranch(m.subject) ?? m.subject) }));
      if (points.length === 0) return { ok: true, deployments: [], warnings: [...warnings, l10n.t('No merge commits on "{0}".', branch)] };
      nodes = await history.commits([branch]);
      reverts = await history.reverts([branch]);
    }
  } catch (e) {
    options.log?.error(`reading git history failed: ${errorMessage(e)}`);
    return { ok: false, error: l10n.t('Could not read the git history: {0}', errorMessage(e)) };
  }

  // Time order; several tags on one commit keep a stable (name) order.
  points.sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const drafts: Draft[] = points.map((point) => ({ point, commits: [], failed: false, restoredAt: undefined, unplanned: false }));

  // Each commit belongs to the first deploy that contains it: walk back from each deploy
  // (oldest first) and stop at commits an earlier deploy already shipped. Every commit is
  // visited once, however many tags there are.
  const byShaIndex = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) byShaIndex.set(nodes[i]!.sha, i);
  const owner = new Int32Array(nodes.length).fill(-1);
  const stack: number[] = [];
  for (let d = 0; d < drafts.length; d++) {
    const start = byShaIndex.get(drafts[d]!.point.sha);
    if (start === undefined || owner[start] !== -1) continue;
    owner[start] = d;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop()!;
      const node = nodes[i]!;
      drafts[d]!.commits.push({ sha: node.sha, time: node.time });
      for (const p of node.parents) {
        const j = byShaIndex.get(p);
        if (j !== undefined && owner[j] === -1) {
          owner[j] = d;
          stack.push(j);
        }
      }
    }
  }
  const shipper = (sha: string): number => {
    const i = byShaIndex.get(sha);
    return i === undefined ? -1 : owner[i]!;
  };
  const firstAfter = (t: EpochMs, from = 0): number => {
    for (let d = from; d < drafts.length; d++) if (drafts[d]!.point.time >= t) return d;
    return -1;
  };
  const markFailed = (d: number, restoredAt: EpochMs | undefined): void => {
    const draft = drafts[d]!;
    draft.failed = true;
    if (restoredAt !== undefined && (draft.restoredAt === undefined || restoredAt < draft.restoredAt)) draft.restoredAt = restoredAt;
  };

  // A merged hotfix branch shows in a merge commit's subject ("Merge branch 'hotfix/x'").
  for (let d = 0; d < drafts.length; d++) {
    const draft = drafts[d]!;
    const viaMerge = draft.commits.some((c) => {
      const n = nodes[byShaIndex.get(c.sha)!]!;
      return n.parents.length > 1 && hotfixRe.test(n.subject);
    });
    if (draft.point.hotfix || viaMerge) {
      draft.unplanned = true;
      if (d > 0) markFailed(d - 1, draft.point.time);
    }
  }
  // A hotfix tag that is not itself a deploy tag: the deploy before it failed, and service
  // came back with the next deploy.
  for (const h of hotfixTags) {
    let before = -1;
    for (let d = 0; d < drafts.length && drafts[d]!.point.time <= h.time; d++) if (drafts[d]!.point.sha !== h.sha) before = d;
    if (before < 0) continue;
    const fix = firstAfter(h.time, before + 1);
    markFailed(before, fix < 0 ? undefined : drafts[fix]!.point.time);
    if (fix >= 0) drafts[fix]!.unplanned = true;
  }
  // A revert of a shipped commit, made after that deploy: the deploy failed; service came
  // back with the deploy that shipped the revert (or, untagged yet, stays open).
  const shortShas = reverts.some((r) => r.revertedSha.length < 40);
  for (const r of reverts) {
    let target = r.revertedSha;
    if (target.length < 40 && shortShas) target = nodes.find((n) => n.sha.startsWith(target))?.sha ?? target;
    const d = shipper(target);
    if (d < 0 || r.time < drafts[d]!.point.time) continue;
    const fix = shipper(r.sha);
    if (fix === d) continue; // reverted before it shipped: not a failed deploy
    markFailed(d, fix < 0 ? undefined : drafts[fix]!.point.time);
    if (fix >= 0) drafts[fix]!.unplanned = true;
  }

  const environment = options.environment ?? DEFAULT_ENVIRONMENT;
  const deployments: Deployment[] = drafts.map((dr) => ({
    id: dr.point.id,
    service: options.service,
    environment,
    time: dr.point.time,
    status: 'success',
    commits: dr.commits,
    failed: dr.failed,
    ...(dr.restoredAt !== undefined ? { restoredAt: dr.restoredAt } : {}),
    ...(dr.unplanned ? { unplanned: true } : {}),
  }));
  return { ok: true, deployments, warnings };
}

/**
 * The branch a merge commit merged, from git's and the forges' default subjects:
 * "Merge branch 'hotfix/x' [into main]", "Merge remote-tracking branch 'origin/hotfix/x'",
 * "Merge pull request #12 from org/hotfix/x", "Merge branch 'x' of host:repo". The hotfix
 * pattern is matched against it, so "Merge branch 'docs/remove-hotfix-section'" is not a
 * hotfix for `hotfix/*`. Undefined for other subjects (then the subject itself is matched).
 */
export function mergedBranch(subject: string): string | undefined {
  const git = /^Merge (?:remote-tracking )?branch '([^']{1,255})'/.exec(subject);
  if (git) return git[1]!.replace(/^origin\//, '');
  const pr = /^Merge pull request #\d+ from [^/\s]{1,100}\/(\S{1,255})/.exec(subject);
  if (pr) return pr[1];
  const mr = /^Merge branch '([^']{1,255})' into /.exec(subject);
  return mr?.[1];
}

