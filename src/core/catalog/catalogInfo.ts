// The one reader of Backstage's catalog-info.yaml, for every feature: metrics take the
// service and team from it, docs its name, system, owner, tags and links, surveys its
// team. The host reads the file once per repository (WorkspaceRepo) and every feature
// uses what this returns. Never throws: bad input gives a reason.
import { parseAllDocuments } from 'yaml';
import * as z from 'zod/mini';

export const CATALOG_FILES = ['catalog-info.yaml', 'catalog-info.yml'] as const;

export interface CatalogLink {
  readonly url: string;
  readonly title?: string;
  readonly icon?: string;
}

export interface CatalogComponent {
  /** `Component` normally; another kind only when the file has no Component (see parseCatalogInfo). */
  readonly kind: string;
  readonly name: string;
  readonly owner?: string;
  readonly system?: string;
  readonly type?: string;
  readonly lifecycle?: string;
  readonly tags: readonly string[];
  /** http(s) links only; others are dropped. */
  readonly links: readonly CatalogLink[];
  readonly annotations: Readonly<Record<string, string>>;
  /** owner/repo from the `github.com/project-slug` annotation. */
  readonly githubSlug?: { readonly owner: string; readonly repo: string };
}

export type CatalogResult = { readonly ok: true; readonly component: CatalogComponent } | { readonly ok: false; readonly error: string };

const EntitySchema = z.object({
  kind: z.string(),
  metadata: z.object({
    name: z.string().check(z.minLength(1)),
    // Lenient: one malformed tag or link must not cost the whole entity (service and team).
    tags: z.optional(z.array(z.unknown())),
    links: z.optional(z.array(z.unknown())),
    annotations: z.optional(z.record(z.string(), z.unknown())),
  }),
  spec: z.optional(
    z.object({
      owner: z.optional(z.unknown()),
      system: z.optional(z.unknown()),
      type: z.optional(z.unknown()),
      lifecycle: z.optional(z.unknown()),
    }),
  ),
});

const MAX_CATALOG_BYTES = 1 << 20;

/**
 * The first `kind: Component` of a (possibly multi-document) catalog file, else the first
 * entity with a `metadata.name` (a repository that only describes a System or an API still
 * names what its docs are about; metrics ask for a Component and say so otherwise).
 */
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
  const entities: z.infer<typeof EntitySchema>[] = [];
  let invalidComponent: string | undefined;
  for (const doc of list) {
    if (doc.errors.length > 0) return { ok: false, error: `${fileName} is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` };
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // An alias bomb (&a [*a, *a, ...] nested) stops here instead of expanding.
      return { ok: false, error: `${fileName} could not be read: ${e instanceof Error ? e.message : String(e)}` };
    }
    const parsed = EntitySchema.safeParse(value);
    if (parsed.success) entities.push(parsed.data);
    // A Component fails only for want of a name: kind and metadata.name are all it needs.
    else if (isComponent(value)) invalidComponent ??= 'it has no metadata.name';
  }
  const entity = entities.find((e) => e.kind.toLowerCase() === 'component') ?? (invalidComponent === undefined ? entities[0] : undefined);
  if (!entity) {
    if (invalidComponent !== undefined) return { ok: false, error: `The Component in ${fileName} is not usable: ${invalidComponent}.` };
    return { ok: false, error: `${fileName} has no entity with a metadata.name.` };
  }
  return { ok: true, component: toComponent(entity) };
}

/** The same result, as an error unless the entity is a Component (what metrics and the platform need). */
export function componentOnly(r: CatalogResult, fileName = 'catalog-info.yaml'): CatalogResult {
  if (!r.ok || r.component.kind.toLowerCase() === 'component') return r;
  return { ok: false, error: `${fileName} has no "kind: Component" entity (found: ${r.component.kind}).` };
}

function isComponent(v: unknown): boolean {
  const kind = v !== null && typeof v === 'object' ? (v as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' && kind.toLowerCase() === 'component';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function toComponent(e: z.infer<typeof EntitySchema>): CatalogComponent {
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.metadata.annotations ?? {})) if (typeof v === 'string') annotations[k] = v;
  const slug = /^([^/\s]+)\/([^/\s]+)$/.exec(annotations['github.com/project-slug'] ?? '');
  const spec = e.spec ?? {};
  const owner = str(spec.owner);
  const system = str(spec.system);
  const type = str(spec.type);
  const lifecycle = str(spec.lifecycle);
  return {
    kind: e.kind,
    name: e.metadata.name.trim(),
    ...(owner !== undefined ? { owner } : {}),
    ...(system !== undefined ? { system } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(lifecycle !== undefined ? { lifecycle } : {}),
    tags: (e.metadata.tags ?? []).filter((t): t is string => typeof t === 'string'),
    links: (e.metadata.links ?? []).flatMap(toLink),
    annotations,
    ...(slug ? { githubSlug: { owner: slug[1]!, repo: slug[2]! } } : {}),
  };
}

function toLink(raw: unknown): CatalogLink[] {
  if (!raw || typeof raw !== 'object') return [];
  const l = raw as Record<string, unknown>;
  const url = str(l.url);
  if (!url || !/^https?:\/\//i.test(url)) return [];
  const title = str(l.title);
  const icon = str(l.icon);
  return [{ url, ...(title ? { title } : {}), ...(icon ? { icon } : {}) }];
}
