// Which service and team the open repository is: from Backstage's catalog-info.yaml when
// the repo has one, else from its git remote. Never throws: bad input gives a reason.
import { parseAllDocuments } from 'yaml';
import * as z from 'zod/mini';

export interface CatalogLink {
  readonly url: string;
  readonly title?: string;
  readonly icon?: string;
}

export interface CatalogComponent {
  readonly name: string;
  readonly owner?: string;
  readonly system?: string;
  readonly type?: string;
  readonly lifecycle?: string;
  readonly tags: readonly string[];
  readonly links: readonly CatalogLink[];
  readonly annotations: Readonly<Record<string, string>>;
  /** owner/repo from the `github.com/project-slug` annotation. */
  readonly githubSlug?: { readonly owner: string; readonly repo: string };
}

export type CatalogResult = { readonly ok: true; readonly component: CatalogComponent } | { readonly ok: false; readonly error: string };

const ComponentSchema = z.object({
  kind: z.string(),
  metadata: z.object({
    name: z.string().check(z.minLength(1)),
    tags: z.optional(z.array(z.string())),
    // Lenient: one malformed link must not cost the whole Component (service and team).
    links: z.optional(z.array(z.unknown())),
    annotations: z.optional(z.record(z.string(), z.string())),
  }),
  spec: z.optional(
    z.object({
      owner: z.optional(z.string()),
      system: z.optional(z.string()),
      type: z.optional(z.string()),
      lifecycle: z.optional(z.string()),
    }),
  ),
});

const MAX_CATALOG_BYTES = 1 << 20;

/** The first `kind: Component` in a (possibly multi-document) catalog-info.yaml text. */
export function parseCatalogInfo(text: string, fileName = 'catalog-info.yaml'): CatalogResult {
  if (text.length > MAX_CATALOG_BYTES) return { ok: false, error: `${fileName} is larger than 1 MB; DX Pulse did not read it.` };
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch (e) {
    return { ok: false, error: `${fileName} could not be read as YAML: ${e instanceof Error ? e.message : String(e)}` };
  }
  // parseAllDocuments returns an EmptyStream (not an array) for empty input.
  const list = Array.isArray(docs) ? docs : [];
  const kinds: string[] = [];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      const first = doc.errors[0]!;
      return { ok: false, error: `${fileName} is not valid YAML: ${first.message.split('\n')[0]}` };
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // An alias bomb (&a [*a, *a, ...] nested) stops here instead of expanding.
      return { ok: false, error: `${fileName} could not be read: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (typeof value !== 'object' || value === null) continue;
    const kind = (value as { kind?: unknown }).kind;
    if (typeof kind === 'string') kinds.push(kind);
    if (typeof kind !== 'string' || kind.toLowerCase() !== 'component') continue;
    const parsed = ComponentSchema.safeParse(value);
    if (!parsed.success) return { ok: false, error: `The Component in ${fileName} is not valid: ${z.prettifyError(parsed.error)}` };
    const c = parsed.data;
    const annotations = c.metadata.annotations ?? {};
    const slug = /^([^/\s]+)\/([^/\s]+)$/.exec(annotations['github.com/project-slug'] ?? '');
    return {
      ok: true,
      component: {
        name: c.metadata.name,
        ...(c.spec?.owner !== undefined ? { owner: c.spec.owner } : {}),
        ...(c.spec?.system !== undefined ? { system: c.spec.system } : {}),
        ...(c.spec?.type !== undefined ? { type: c.spec.type } : {}),
        ...(c.spec?.lifecycle !== undefined ? { lifecycle: c.spec.lifecycle } : {}),
        tags: c.metadata.tags ?? [],
        links: (c.metadata.links ?? []).flatMap(toLink),
        annotations,
        ...(slug ? { githubSlug: { owner: slug[1]!, repo: slug[2]! } } : {}),
      },
    };
  }
  const found = kinds.length ? ` (found: ${[...new Set(kinds)].join(', ')})` : '';
  return { ok: false, error: `${fileName} has no "kind: Component" entity${found}.` };
}

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
    const c = parseCatalogInfo(input.catalogText);
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

function toLink(raw: unknown): CatalogLink[] {
  if (!raw || typeof raw !== 'object') return [];
  const l = raw as Record<string, unknown>;
  if (typeof l.url !== 'string' || !l.url) return [];
  return [{ url: l.url, ...(typeof l.title === 'string' ? { title: l.title } : {}), ...(typeof l.icon === 'string' ? { icon: l.icon } : {}) }];
}

/** decodeURIComponent that keeps a malformed escape (`%`, `%zz`) as written instead of throwing. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
