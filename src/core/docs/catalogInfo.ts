import { parseAllDocuments } from 'yaml';

// A deliberately small reader of Backstage catalog-info.yaml for the docs feature.
// src/core/metrics/serviceIdentity.ts did not exist when this was written; once it
// does, the lead may swap this for it (same fields).

export interface CatalogLink {
  url: string;
  title?: string;
  icon?: string;
}

export interface CatalogInfo {
  name: string;
  kind: string;
  owner?: string;
  system?: string;
  type?: string;
  lifecycle?: string;
  tags: string[];
  links: CatalogLink[];
  annotations: Record<string, string>;
}

export interface CatalogParseResult {
  catalog?: CatalogInfo;
  notes: string[];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * Reads the first `kind: Component` document (else the first entity) of a catalog
 * file, which may hold several documents separated by `---`. Never throws.
 */
export function parseCatalogInfo(text: string, file = 'catalog-info.yaml'): CatalogParseResult {
  const notes: string[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch (e) {
    return { notes: [`${file}: not readable YAML (${e instanceof Error ? e.message : String(e)})`] };
  }
  const entities: Record<string, unknown>[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if ('errors' in d && d.errors.length > 0) {
      notes.push(`${file}: YAML error: ${d.errors[0].message.split('\n')[0]}`);
      continue;
    }
    let v: Record<string, unknown> | undefined;
    try {
      v = record(d.toJS({ maxAliasCount: 50 }));
    } catch (e) {
      // An alias bomb (&a [*a, *a, ...] nested) stops here instead of expanding.
      notes.push(`${file}: not readable (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    if (v) entities.push(v);
  }
  const entity = entities.find((e) => str(e.kind)?.toLowerCase() === 'component') ?? entities[0];
  const metadata = record(entity?.metadata);
  const name = str(metadata?.name);
  if (!entity || !metadata || !name) {
    notes.push(`${file}: no entity with metadata.name found; service tags will not match`);
    return { notes };
  }
  const spec = record(entity.spec) ?? {};
  const tags = Array.isArray(metadata.tags) ? metadata.tags.filter((t): t is string => typeof t === 'string') : [];
  const links: CatalogLink[] = [];
  if (Array.isArray(metadata.links)) {
    for (const l of metadata.links) {
      const lr = record(l);
      const url = str(lr?.url);
      if (!url || !/^https?:\/\//i.test(url)) {
        notes.push(`${file}: a link without an http(s) url was skipped`);
        continue;
      }
      links.push({ url, title: str(lr?.title), icon: str(lr?.icon) });
    }
  }
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(record(metadata.annotations) ?? {})) {
    if (typeof v === 'string') annotations[k] = v;
  }
  return {
    catalog: {
      name,
      kind: str(entity.kind) ?? 'Component',
      owner: str(spec.owner),
      system: str(spec.system),
      type: str(spec.type),
      lifecycle: str(spec.lifecycle),
      tags,
      links,
      annotations,
    },
    notes,
  };
}
