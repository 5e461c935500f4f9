import { simpleGit, type SimpleGit } from 'simple-git';
import type { GitQueries } from '../core/signals/gitQueries';

// GitQueries over simple-git (no vscode import: usable from unit tests and benchmarks).
// Each answer is one git command that stops as early as git can:
//  - hasCommitBy: `git log -1` stops at the first match;
//  - firstCommitBy with `since`: `--since` stops the walk at commits older than the start of
//    new-hire mode, so only that (small) range is read, then `--reverse` picks the oldest.
// `--fixed-strings -i --author=<email>` matches the exact address between angle brackets,
// case-insensitively, with no regex to escape. `--all` looks at every ref, so commits
// already pushed from another machine count too.

export class SimpleGitQueries implements GitQueries {
  private readonly git: SimpleGit;

  constructor(repoRoot: string, git?: SimpleGit) {
    this.git = git ?? simpleGit({ baseDir: repoRoot, trimmed: true });
  }

  async userEmail(): Promise<string | undefined> {
    const r = await this.git.raw(['config', '--get', 'user.email']).catch((e: unknown) => {
      // exit code 1 means "not set"
      if (e instanceof Error && /exited with code '?1'?|^$/.test(e.message)) return '';
      throw e;
    });
    const email = r.trim();
    return email === '' ? undefined : email;
  }

  async hasCommitBy(email: string): Promise<boolean> {
    const out = await this.git.raw(['log', '--all', '-1', '--fixed-strings', '--regexp-ignore-case', `--author=<${email}>`, '--format=%H']);
    return out.trim().length > 0;
  }

  async firstCommitBy(email: string, since?: Date): Promise<{ hash: string; time: Date } | undefined> {
    const args = ['log', '--all', '--fixed-strings', '--regexp-ignore-case', `--author=<${email}>`, '--format=%H %ct'];
    if (since) args.push(`--since=${Math.floor(since.getTime() / 1000)}`, '--reverse');
    else args.push('--reverse');
    const out = await this.git.raw(args);
    let best: { hash: string; time: Date } | undefined;
    // Several refs can interleave; pick the oldest by commit time rather than trust order.
    for (const line of out.split('\n')) {
      const m = /^([0-9a-f]{7,64}) (\d+)$/.exec(line.trim());
      if (!m) continue;
      const time = new Date(Number(m[2]) * 1000);
      if (since && time.getTime() < Math.floor(since.getTime() / 1000) * 1000) continue;
      if (!best || time < best.time) best = { hash: m[1]!, time };
    }
    return best;
  }
}
