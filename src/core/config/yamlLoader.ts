import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { describeIssue, formatPath, type PathSegment } from './issueMessages';

// One loader for every repo file (.dx/pulse.yaml, .dx/onboarding.yaml, ...). It never
// throws and never gives up on a whole file for one bad entry: an invalid list item is
// reported and dropped, an invalid optional key is reported and left to its default,
// and only what the schema cannot do without (or broken YAML syntax) loses the value.

export type { PathSegment } from './issueMessages';

/** 0-based, ready for vscode.Range. */
export interface SourceRange {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

export type Severity = 'error' | 'warning';

export interface ConfigDiagnostic {
  message: string;
  severity: Severity;
  range: SourceRange;
  /** Where in the document (YAML keys and list indexes), [] for the whole file. */
  path: PathSegment[];
}

export interface LoadResult<T> {
  /** undefined when the file is unusable (syntax error, too big, a required part is invalid). */
  value: T | undefined;
  diagnostics: ConfigDiagnostic[];
}

/** Adds a diagnostic from a check that runs on the validated value (e.g. cross-references). */
export type Reporter = (path: readonly PathSegment[], message: string, severity: Severity) => void;

export interface LoadOptions<T> {
  /** For messages only, e.g. ".dx/onboarding.yaml". */
  fileName: string;
  /** Refuse larger files; default 1 MiB. */
  maxBytes?: number;
  /** What an empty document means; default {} so that an all-optional schema loads. */
  emptyValue?: unknown;
  /**
   * Checks the schema cannot express (cycles, unknown ids). Runs on the validated value;
   * paths it reports are in that value's terms and are mapped back to the file, even
   * after dropped list items shifted indexes. May return a repaired value.
   */
  postValidate?: (value: T, report: Reporter, raw: unknown) => T;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;
const MAX_ROUNDS = 20;
const MAX_DIAGNOSTICS = 200;

export function loadYaml<T>(text: string, schema: z.ZodMiniType<T>, options: LoadOptions<T>): LoadResult<T> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const bytes = Buffer.byteLength(text, 'utf8');
  const whole: SourceRange = { startLine: 0, startCol: 0, endLine: 0, endCol: 0 };
  if (bytes > maxBytes) {
    const msg = l10n.t('{0} is {1} MB; files over {2} MB are not read. Split it or remove generated content.', options.fileName, (bytes / 1024 / 1024).toFixed(1), (maxBytes / 1024 / 1024).toFixed(1));
    return { value: undefined, diagnostics: [{ message: msg, severity: 'error', range: whole, path: [] }] };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const locator = new Locator(text, lineCounter, doc);
  const diagnostics: ConfigDiagnostic[] = [];
  const push = (d: ConfigDiagnostic): void => {
    if (diagnostics.length >= MAX_DIAGNOSTICS) return;
    if (diagnostics.some((x) => x.message === d.message && x.range.startLine === d.range.startLine)) return;
    diagnostics.push(d);
  };

  for (const w of doc.warnings) push({ message: l10n.t('YAML: {0}', firstLine(w.message)), severity: 'warning', range: locator.offsets(w.pos), path: [] });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) push({ message: l10n.t('YAML syntax: {0}', firstLine(e.message)), severity: 'error', range: locator.offsets(e.pos), path: [] });
    return { value: undefined, diagnostics };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Alias bombs and the like: the message from yaml is already specific.
    push({ message: l10n.t('YAML: {0}', e instanceof Error ? e.message : String(e)), severity: 'error', range: whole, path: [] });
    return { value: undefined, diagnostics };
  }
  if (data === null || data === undefined) data = options.emptyValue ?? {};

  const validated = validateWithPruning(data, schema, locator, push);
  if (validated === undefined) return { value: undefined, diagnostics: byPosition(diagnostics) };

  let value = validated.value;
  if (options.postValidate) {
    value = options.postValidate(value, (path, message, severity) => {
      const original = validated.toOriginal(path);
      push({ message: `${formatPath(original)}: ${message}`, severity, range: locator.rangeFor(original, 'value'), path: original });
    }, data);
  }
  return { value, diagnostics: byPosition(diagnostics) };
}

function byPosition(ds: ConfigDiagnostic[]): ConfigDiagnostic[] {
  return [...ds].sort((a, b) => a.range.startLine - b.range.startLine || a.range.startCol - b.range.startCol);
}

/** "file:line:col: message" (1-based), for log lines. */
export function formatDiagnostic(fileName: string, d: ConfigDiagnostic): string {
  return `${fileName}:${d.range.startLine + 1}:${d.range.startCol + 1}: ${d.severity}: ${d.message}`;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

// ---- validation, dropping what is invalid -------------------------------------------

type PathKey = string;
const keyOf = (p: readonly PathSegment[]): PathKey => JSON.stringify(p);

interface Pruned {
  value: unknown;
  /** Maps a path in the pruned value back to the same node's path in the file. */
  toOriginal(path: readonly PathSegment[]): PathSegment[];
}

function prune(data: unknown, removed: ReadonlySet<PathKey>): Pruned {
  const indexMaps = new WeakMap<object, number[]>();
  const copy = (v: unknown, path: PathSegment[]): unknown => {
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      const orig: number[] = [];
      v.forEach((item, i) => {
        const p = [...path, i];
        if (removed.has(keyOf(p))) return;
        out.push(copy(item, p));
        orig.push(i);
      });
      indexMaps.set(out, orig);
      return out;
    }
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const p = [...path, k];
        // defineProperty: a `__proto__` key stays an own (unknown) key, never the prototype.
        if (!removed.has(keyOf(p))) Object.defineProperty(out, k, { value: copy(item, p), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  const value = copy(data, []);
  return {
    value,
    toOriginal(path) {
      const out: PathSegment[] = [];
      let node: unknown = value;
      for (const seg of path) {
        const map = node !== null && typeof node === 'object' ? indexMaps.get(node) : undefined;
        out.push(map && typeof seg === 'number' ? (map[seg] ?? seg) : seg);
        node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[seg] : undefined;
      }
      return out;
    },
  };
}

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
}

function validateWithPruning<T>(
  data: unknown,
  schema: z.ZodMiniType<T>,
  locator: Locator,
  push: (d: ConfigDiagnostic) => void,
): { value: T; toOriginal: Pruned['toOriginal'] } | undefined {
  const removed = new Set<PathKey>();
  const issuesUnder = (prefix: PathSegment[]): boolean => {
    const p = prune(data, new Set([...removed, keyOf(prefix)]));
    const r = schema.safeParse(p.value);
    return !r.success && r.error.issues.some((i) => startsWith(p.toOriginal(i.path as PathSegment[]), prefix));
  };

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const pruned = prune(data, removed);
    const result = schema.safeParse(pruned.value, { reportInput: true });
    if (result.success) return { value: result.data, toOriginal: pruned.toOriginal };

    const before = removed.size;
    let fatal = false;
    for (const issue of result.error.issues) {
      const issuePath = pruned.toOriginal(issue.path as PathSegment[]);
      if (issue.code === 'unrecognized_keys') {
        for (const k of issue.keys) {
          const p = [...issuePath, k];
          push({ message: l10n.t("{0}: unknown key '{1}' (ignored)", formatPath(p), k), severity: 'warning', range: locator.rangeFor(p, 'key'), path: p });
          removed.add(keyOf(p));
        }
        continue;
      }
      const text = describeIssue(issue, pruned.value);
      const where = pruned.toOriginal(text.path);
      // Under a part already dropped? One set look-up per prefix, not a scan of every drop.
      const dropAt = issuePath.some((_, i) => removed.has(keyOf(issuePath.slice(0, i + 1))))
        ? undefined
        : chooseDrop(issuePath, issuesUnder);
      const suffix = dropAt && dropAt.length > 0 ? l10n.t('; {0} is ignored until this is fixed', formatPath(dropAt)) : '';
      const mode = text.path.length < issue.path.length ? 'missing' : 'value';
      push({ message: `${formatPath(where)}: ${text.detail}${suffix}`, severity: 'error', range: locator.rangeFor(where, mode), path: where });
      if (dropAt === undefined) continue;
      if (dropAt.length === 0) fatal = true;
      else removed.add(keyOf(dropAt));
    }
    if (fatal || removed.size === before) return undefined;
  }
  return undefined;
}

/**
 * What to drop so the rest of the file loads: the innermost list item on the path (a
 * bad step drops that step, not the checklist), else the innermost key whose removal
 * makes the problem go away (an optional key or section). [] means nothing can be
 * dropped: the whole file is unusable.
 */
function chooseDrop(path: PathSegment[], issuesUnder: (prefix: PathSegment[]) => boolean): PathSegment[] {
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === 'number') return path.slice(0, i + 1);
  }
  for (let i = path.length; i >= 1; i--) {
    const prefix = path.slice(0, i);
    if (!issuesUnder(prefix)) return prefix;
  }
  return [];
}

// ---- positions ----------------------------------------------------------------------

class Locator {
  constructor(
    private readonly text: string,
    private readonly lines: LineCounter,
    private readonly doc: Document,
  ) {}

  private pos(offset: number): { line: number; col: number } {
    const p = this.lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return { line: p.line - 1, col: p.col - 1 };
  }

  offsets(pos: readonly [number, number]): SourceRange {
    const s = this.pos(pos[0]);
    const e = this.pos(Math.max(pos[1], pos[0]));
    return { startLine: s.line, startCol: s.col, endLine: e.line, endCol: e.col === s.col && e.line === s.line ? e.col + 1 : e.col };
  }

  /** A node's range; for a map or list only its first line, so the squiggle stays readable. */
  private nodeRange(node: YamlNode): SourceRange {
    const range = node.range;
    if (!range) return { startLine: 0, startCol: 0, endLine: 0, endCol: 0 };
    if (!isCollection(node)) return this.offsets([range[0], range[1]]);
    const eol = this.text.indexOf('\n', range[0]);
    const end = Math.min(eol === -1 ? this.text.length : eol, range[1]);
    return this.offsets([range[0], end]);
  }

  /**
   * 'value': the node at `path` (or its key when it is a map or list under a key);
   * 'key': the key naming it; 'missing': `path` is the map lacking a required key.
   * Walks as far as the document goes, so a path into a dropped part still lands near.
   */
  rangeFor(path: readonly PathSegment[], mode: 'value' | 'key' | 'missing'): SourceRange {
    let node: unknown = this.doc.contents;
    let keyNode: YamlNode | undefined;
    for (const seg of path) {
      if (isAlias(node)) node = node.resolve(this.doc);
      let next: unknown;
      let nextKey: YamlNode | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
        if (pair) {
          next = pair.value ?? pair.key;
          nextKey = pair.key as YamlNode;
        }
      } else if (isSeq(node) && typeof seg === 'number') {
        next = node.items[seg];
      }
      if (next === undefined || next === null) break;
      node = next;
      keyNode = nextKey;
    }
    if (isAlias(node)) node = node.resolve(this.doc);
    if ((mode === 'key' || isCollection(node) || mode === 'missing') && keyNode) return this.nodeRange(keyNode);
    if (node && typeof node === 'object' && 'range' in node) return this.nodeRange(node as YamlNode);
    return { startLine: 0, startCol: 0, endLine: 0, endCol: 1 };
  }
}
