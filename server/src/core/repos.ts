// Repository ids as the extension makes them: the normalized remote (host/owner/repo,
// lower case, no credentials, no .git) and its SHA-256, with the extension's own code.
import { parseCatalogInfo } from '../../../src/core/metrics/serviceIdentity';
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


export type CatalogRepo = { ok: true; repo: RepoRecord } | { ok: false; reason: string };

/**
 * A repository from its Backstage catalog-info.yaml (read by the extension's own parser):
 * the Component's name is the service, its owner the team, and the repository URL is the
 * one given or the `github.com/project-slug` annotation's.
 */
export function repoFromCatalogInfo(text: string, url: string | undefined): CatalogRepo {
  const c = parseCatalogInfo(text);
  if (!c.ok) return { ok: false, reason: c.error };
  const slug = c.component.githubSlug;
  const remote = url ?? (slug ? `https://github.com/${slug.owner}/${slug.repo}` : undefined);
  if (!remote) return { ok: false, reason: 'no repository URL: pass "url", or add the github.com/project-slug annotation' };
  // Backstage owner references look like "group:default/payments" or "payments".
  const team = c.component.owner?.replace(/^[a-z]+:/i, '').replace(/^[^/]*\//, '');
  const r = repoRecords([{ url: remote, service: c.component.name, ...(team ? { team } : {}) }]);
  return r.repos[0] ? { ok: true, repo: r.repos[0] } : { ok: false, reason: r.invalid[0]!.reason };
}

/** The stored id (SHA-256) for a repo given as its hash, its normalized name or any remote URL. */
export function canonicalRepoId(input: string): string {
  if (/^[0-9a-f]{64}$/i.test(input)) return input.toLowerCase();
  const name = normalizeRemoteUrl(input.includes('://') || input.includes('@') ? input : `https://${input}`) ?? input.toLowerCase();
  return repoIdentity(name, false).id;
}
