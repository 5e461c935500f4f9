// GitHistory over simple-git: a handful of precise git questions, each one process, so a
// repository with thousands of tags costs a few git runs, never one per tag.
// Must not import 'vscode': the benches and unit tests run it in plain node.
// Refs come from settings and repository files: `--end-of-options` goes before them in
// every call, so a ref such as `--output=FILE` is a (missing) revision, never an option.
import { simpleGit, type SimpleGit } from 'simple-git';
import type { GitCommitNode, GitHistory, GitRevert, GitTagInfo, HistoryRefs } from '../core/metrics/gitSource';

const US = '\x1f';
const RS = '\x1e';
const REVERT_LINE = /This reverts commit ([0-9a-f]{7,40})/;

function seconds(s: string | undefined): number {
  const n = Number(s);
  return s !== undefined && s !== '' && Number.isFinite(n) ? n * 1000 : NaN;
}

function records(out: string): string[][] {
  return out
    .split(RS)
    .map((r) => r.replace(/^\n+/, ''))
    .filter((r) => r.length > 0)
    .map((r) => r.split(US));
}

function refFlags(options: HistoryRefs): string[] {
  return [...(options.allTags ? ['--tags'] : []), ...(options.allBranches ? ['--branches'] : [])];
}

export class SimpleGitHistory implements GitHistory {
  private _client: SimpleGit | undefined;

  constructor(
    private readonly _repoDir: string,
    client?: SimpleGit,
  ) {
    this._client = client;
  }

  // Created on first use: simple-git throws synchronously for a missing folder, and callers
  // expect a rejected promise they can turn into a message.
  private get _git(): SimpleGit {
    this._client ??= simpleGit({ baseDir: this._repoDir, maxConcurrentProcesses: 2 });
    return this._client;
  }

  /** The checked-out branch; undefined when HEAD is detached or the repo has no commit yet. */
  async currentBranch(): Promise<string | undefined> {
    const b = (await this._git.raw(['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
    return b && b !== 'HEAD' ? b : undefined;
  }

  async tags(): Promise<GitTagInfo[]> {
    const format = ['%(refname:strip=2)', '%(objecttype)', '%(objectname)', '%(*objecttype)', '%(*objectname)', '%(taggerdate:unix)', '%(committerdate:unix)', '%(*committerdate:unix)']
      .join('%1f')
      .concat('%1e');
    const out = await this._git.raw(['for-each-ref', `--format=${format}`, 'refs/tags']);
    const tags: GitTagInfo[] = [];
    for (const [name, type, sha, peeledType, peeledSha, taggerDate, commitDate] of records(out)) {
      if (name === undefined) continue;
      if (type === 'commit') tags.push({ name, sha: sha!, time: seconds(commitDate), annotated: false });
      else if (type === 'tag' && peeledType === 'commit') tags.push({ name, sha: peeledSha!, time: seconds(taggerDate), annotated: true });
      // Tags of trees, blobs or other tags ship no commits of their own: left out.
    }
    return tags;
  }

  async commits(refs: readonly string[], options: HistoryRefs = {}): Promise<GitCommitNode[]> {
    const args = ['log', `--format=%H${US}%ct${US}%P${US}%s${RS}`, ...refFlags(options), '--end-of-options', ...refs, '--'];
    if (refs.length === 0 && !options.allTags && !options.allBranches) return [];
    const out = await this._git.raw(args);
    return records(out).map(([sha, ct, parents, subject]) => ({
      sha: sha!,
      time: seconds(ct),
      parents: parents ? parents.split(' ') : [],
      subject: subject ?? '',
    }));
  }

  async reverts(refs: readonly string[], options: HistoryRefs = {}): Promise<GitRevert[]> {
    if (refs.length === 0 && !options.allTags && !options.allBranches) return [];
    const args = ['log', '--grep=This reverts commit', '--fixed-strings', `--format=%H${US}%ct${US}%B${RS}`, ...refFlags(options), '--end-of-options', ...refs, '--'];
    const out = await this._git.raw(args);
    const result: GitRevert[] = [];
    for (const [sha, ct, body] of records(out)) {
      const m = REVERT_LINE.exec(body ?? '');
      if (sha && m) result.push({ sha, time: seconds(ct), revertedSha: m[1]! });
    }
    return result;
  }

  async isShallow(): Promise<boolean> {
    return (await this._git.raw(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  }

  async merges(branch: string): Promise<GitCommitNode[]> {
    const out = await this._git.raw(['log', '--first-parent', '--merges', `--format=%H${US}%ct${US}%P${US}%s${RS}`, '--end-of-options', branch, '--']);
    return records(out).map(([sha, ct, parents, subject]) => ({
      sha: sha!,
      time: seconds(ct),
      parents: parents ? parents.split(' ') : [],
      subject: subject ?? '',
    }));
  }
}
