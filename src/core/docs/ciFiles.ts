import { parse } from 'yaml';
import { parseImageRef, type ImageRef } from './dockerfile';

export interface ActionRef {
  /** `owner/repo` or `owner/repo/path`, lower-cased. */
  action: string;
  /** What follows `@`: a tag, a branch or a commit SHA. */
  ref?: string;
  file: string;
}

export interface CiParseResult {
  actions: ActionRef[];
  images: ImageRef[];
  notes: string[];
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function parseYaml(text: string, file: string, notes: string[]): unknown {
  try {
    return parse(text, { maxAliasCount: 100, prettyErrors: false });
  } catch (e) {
    notes.push(`${file}: not readable YAML (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`);
    return undefined;
  }
}

function imageFrom(v: unknown, file: string, notes: string[]): ImageRef | undefined {
  const raw = typeof v === 'string' ? v : typeof record(v)?.image === 'string' ? (record(v)?.image as string) : typeof record(v)?.name === 'string' ? (record(v)?.name as string) : undefined;
  if (!raw || !raw.trim()) return undefined;
  if (raw.includes('$')) {
    notes.push(`${file}: image ${raw} uses a variable; it cannot be checked`);
    return undefined;
  }
  return { ...parseImageRef(raw), raw: raw.trim(), file };
}

/** `uses:` of a GitHub workflow step or job. Local (`./`) actions are the repo's own. */
export function parseUses(uses: string, file: string): { action?: ActionRef; image?: ImageRef } {
  const u = uses.trim();
  if (u.startsWith('./') || u.startsWith('../')) return {};
  if (u.startsWith('docker://')) {
    const raw = u.slice('docker://'.length);
    return { image: { ...parseImageRef(raw), raw, file } };
  }
  const at = u.lastIndexOf('@');
  const name = (at >= 0 ? u.slice(0, at) : u).toLowerCase();
  // Reusable workflows are `owner/repo/.github/workflows/x.yml@ref`; keep the path, the rule matcher also accepts owner/repo.
  return { action: { action: name, ref: at >= 0 ? u.slice(at + 1) : undefined, file } };
}

export function parseGithubWorkflow(text: string, file: string): CiParseResult {
  const notes: string[] = [];
  const actions: ActionRef[] = [];
  const images: ImageRef[] = [];
  const doc = record(parseYaml(text, file, notes));
  if (!doc) {
    if (notes.length === 0) notes.push(`${file}: not a workflow (no top-level mapping)`);
    return { actions, images, notes };
  }
  const jobs = record(doc.jobs);
  if (!jobs) notes.push(`${file}: no jobs found`);
  for (const job of Object.values(jobs ?? {})) {
    const j = record(job);
    if (!j) continue;
    if (typeof j.uses === 'string') {
      const r = parseUses(j.uses, file);
      if (r.action) actions.push(r.action);
    }
    const c = imageFrom(j.container, file, notes);
    if (c) images.push(c);
    for (const svc of Object.values(record(j.services) ?? {})) {
      const s = imageFrom(svc, file, notes);
      if (s) images.push(s);
    }
    if (Array.isArray(j.steps)) {
      for (const step of j.steps) {
        const uses = record(step)?.uses;
        if (typeof uses !== 'string') continue;
        const r = parseUses(uses, file);
        if (r.action) actions.push(r.action);
        if (r.image) images.push(r.image);
      }
    }
  }
  return { actions, images, notes };
}

const GITLAB_RESERVED = new Set(['stages', 'variables', 'workflow', 'include', 'cache', 'before_script', 'after_script']);

export function parseGitlabCi(text: string, file = '.gitlab-ci.yml'): CiParseResult {
  const notes: string[] = [];
  const images: ImageRef[] = [];
  const doc = record(parseYaml(text, file, notes));
  if (!doc) {
    if (notes.length === 0) notes.push(`${file}: no top-level mapping`);
    return { actions: [], images, notes };
  }
  const visit = (node: Record<string, unknown>): void => {
    const img = imageFrom(node.image, file, notes);
    if (img) images.push(img);
    if (Array.isArray(node.services)) {
      for (const s of node.services) {
        const si = imageFrom(s, file, notes);
        if (si) images.push(si);
      }
    }
  };
  visit(doc);
  for (const [key, value] of Object.entries(doc)) {
    if (GITLAB_RESERVED.has(key)) continue;
    const v = record(value);
    if (v && key !== 'image' && key !== 'services') visit(v);
  }
  return { actions: [], images, notes };
}
