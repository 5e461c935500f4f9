// Which service and team the open repository is: from Backstage's catalog-info.yaml when
// the repo has one, else from its git remote. Never throws: bad input gives a reason.
import { componentOnly, parseCatalogInfo, type CatalogComponent } from '../catalog/catalogInfo';

export interface RemoteRepo {
  readonly host: string;
  /** Everything between host and repo: an org, or GitLab-style group/subgroup. */
  readonly owner: string;
  readonly repo: string;
  /** `host/owner/repo`, lower-case host, no credentials, no `.git`. */
  readonly slug: string;
}

/**
 * Normalizes a git remote URL: `git@github.com:org/repo.git`, `https://user:token@github.com/org/repo`,
 * `ssh://git@host:22/org/repo.git`, `git://host/org/repo`. Credentials are dropped.
 */
export function parseRemoteUrl(url: string): RemoteRepo | undefined {
  const s = url.trim();
  let host: string;
  let path: string;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(s);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      return undefined;
    }
    if (u.protocol === 'file:') return undefined;
    host = u.hostname;
    path = safeDecode(u.pathname);
  } else if (scp) {
    host = scp[1]!;
    path = scp[2]!;
  } else {
    return undefined;
  }
  const parts = path
    .replace(/\.git\/?$/, '')
    .split('/')
    .filter((p) => p.length > 0);
  // GitHub Enterprise over https may put the repo under a path prefix; keep the last two.
  if (parts.length < 2 || host.length === 0) return undefined;
  const repo = parts[parts.length - 1]!;
  const owner = parts.slice(0, -1).join('/');
  const h = host.toLowerCase();
  return { host: h, owner, repo, slug: `${h}/${owner}/${repo}` };
}

export interface ServiceIdentity {
  readonly service: string;
  readonly team?: string;
  readonly system?: string;
  readonly source: 'catalog' | 'remote' | 'folder';
  /** owner/repo for the GitHub source: the catalog's project slug, else a GitHub-hosted remote. */
  readonly github?: { readonly host: string; readonly owner: string; readonly repo: string };
  readonly component?: CatalogComponent;
  /** Why the catalog was not used, when it was present but unreadable. */
  readonly catalogProblem?: string;
}

/**
 * Service identity from what the host read: catalog-info.yaml text (if the file exists), the
 * remote URL (if any) and the folder name as a last resort. `githubHosts` are the hosts
 * treated as GitHub (github.com plus any GitHub Enterprise host).
 */
export function resolveServiceIdentity(input: {
  readonly catalogText?: string;
  readonly remoteUrl?: string;
  readonly folderName: string;
  readonly githubHosts?: readonly string[];
}): ServiceIdentity {
  const githubHosts = (input.githubHosts ?? ['github.com']).map((h) => h.toLowerCase());
  const remote = input.remoteUrl ? parseRemoteUrl(input.remoteUrl) : undefined;
  const remoteGithub = remote && githubHosts.includes(remote.host) ? { host: remote.host, owner: remote.owner, repo: remote.repo } : undefined;
  let catalogProblem: string | undefined;
  if (input.catalogText !== undefined) {
    const c = componentOnly(parseCatalogInfo(input.catalogText));
    if (c.ok) {
      const cc = c.component;
      const github = cc.githubSlug ? { host: remoteGithub?.host ?? 'github.com', ...cc.githubSlug } : remoteGithub;
      return {
        service: cc.name,
        ...(cc.owner !== undefined ? { team: cc.owner } : {}),
        ...(cc.system !== undefined ? { system: cc.system } : {}),
        source: 'catalog',
        ...(github ? { github } : {}),
        component: cc,
      };
    }
    catalogProblem = c.error;
  }
  const extra = catalogProblem !== undefined ? { catalogProblem } : {};
  if (remote) return { service: remote.repo, source: 'remote', ...(remoteGithub ? { github: remoteGithub } : {}), ...extra };
  return { service: input.folderName, source: 'folder', ...extra };
}


/** decodeURIComponent that keeps a malformed escape (`%`, `%zz`) as written instead of throwing. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
