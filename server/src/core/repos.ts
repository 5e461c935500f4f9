// Repository ids as the extension makes them: the normalized remote (host/owner/repo,
// lower case, no credentials, no .git) and its SHA-256, with the extension's own code.
import { normalizeRemoteUrl, repoIdentity } from '../../../src/core/privacy/repoIdentity';

export interface RepoInput {
  readonly url: string;
  readonly service?: string;
  readonly team?: string;
}

export interface RepoRecord {
  /** SHA-256 of `name`: what events carry unless developers share repository names. */
  readonly id: string;
  /** The normalized remote, e.g. github.com/acme/shop. */
  readonly name: string;
  readonly service: string | null;
  readonly team: string | null;
}

export function repoRecords(inputs: readonly RepoInput[]): { repos: RepoRecord[]; invalid: { url: string; reason: string }[] } {
  const repos: RepoRecord[] = [];
  const invalid: { url: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const r of inputs) {
    const name = normalizeRemoteUrl(r.url);
    if (name === undefined) {
      invalid.push({ url: r.url, reason: 'not a git remote URL (https://host/owner/repo, git@host:owner/repo.git or ssh://...)' });
      continue;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    repos.push({ id: repoIdentity(name, false).id, name, service: r.service ?? null, team: r.team ?? null });
  }
  return { repos, invalid };
}

