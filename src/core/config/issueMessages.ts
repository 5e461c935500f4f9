import type * as z from 'zod/mini';

// Turns zod issues into one-line messages a person can act on from the Problems panel.
// zod/mini ships no locale, so its own messages are all "Invalid input": we build ours
// from the issue's structured fields and keep any message a schema author wrote.

export type PathSegment = string | number;

const GENERIC_MESSAGE = 'Invalid input';

/** `steps[2].check.type`; the root is `(file)`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out || '(file)';
}

/** How a value reads in a message: strings quoted, collections named, long things cut. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null (an empty value)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `'${v.length > 60 ? `${v.slice(0, 57)}...` : v}'`;
  return String(v);
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  literal: 'a fixed value',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

function formatValues(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return shown.length === 1 ? `${shown[0]}` : `one of ${shown.join(', ')}`;
}

/** Edit distance, to suggest the value someone probably meant ("fle" -> "file"). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

export function suggest(got: unknown, options: readonly unknown[]): string {
  if (typeof got !== 'string') return '';
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    if (typeof o !== 'string') continue;
    const d = distance(got.toLowerCase(), o.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(best.length / 4)) ? ` (did you mean '${best}'?)` : '';
}

export interface IssueText {
  /** Where the message belongs: for a missing key, the map that lacks it. */
  path: PathSegment[];
  /** The message without its path prefix. */
  detail: string;
}

/**
 * One message per issue. `unrecognized_keys` is not handled here: the loader reports
 * each unknown key on its own line as a warning.
 */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): IssueText {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as PathSegment[];
  const at = (p: PathSegment[], detail: string): IssueText => ({ path: p, detail });
  const received = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'invalid_type': {
      const parentPath = path.slice(0, -1);
      const last = path[path.length - 1];
      if (received === undefined && last !== undefined && !hasKey(input, path)) {
        return at(parentPath, `missing required key '${String(last)}' (${typeName(issue.expected)})`);
      }
      return at(path, `expected ${typeName(issue.expected)}; got ${describeValue(received)}`);
    }
    case 'invalid_value':
      return at(path, `expected ${formatValues(issue.values)}; got ${describeValue(received)}${suggest(received, issue.values)}`);
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (disc !== undefined && options !== undefined) {
        const got = received !== null && typeof received === 'object' ? (received as Record<string, unknown>)[disc] : undefined;
        if (got === undefined) {
          return at(path.slice(0, -1), `missing required key '${disc}' (${formatValues(options)})`);
        }
        return at(path, `expected ${formatValues(options)}; got ${describeValue(got)}${suggest(got, options)}`);
      }
      if (issue.message !== GENERIC_MESSAGE) return at(path, issue.message);
      // Name each form's first problem: guessing which form was meant misleads too often.
      const branches = issue.errors.filter((b) => b.length > 0).slice(0, 3);
      if (branches.length > 0) {
        const parts = branches.map((b, n) => {
          const inner = describeIssue({ ...b[0]!, path: [...path, ...b[0]!.path] } as z.core.$ZodIssue, input);
          const rel = inner.path.slice(path.length);
          return `(${n + 1}) ${rel.length > 0 ? `${formatPath(rel)}: ` : ''}${inner.detail}`;
        });
        return at(path, `matches none of the allowed forms: ${parts.join('; ')}`);
      }
      return at(path, `${describeValue(received)} does not match any allowed form`);
    }
    case 'too_small':
    case 'too_big': {
      if (issue.message !== GENERIC_MESSAGE) return at(path, issue.message);
      const small = issue.code === 'too_small';
      const bound = small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum;
      if (issue.origin === 'array') return at(path, `needs ${small ? 'at least' : 'at most'} ${String(bound)} item(s)`);
      if (issue.origin === 'string') {
        if (small && Number(bound) === 1) return at(path, 'must not be empty');
        return at(path, `needs ${small ? 'at least' : 'at most'} ${String(bound)} characters`);
      }
      return at(path, `must be ${small ? '>=' : '<='} ${String(bound)}; got ${describeValue(received)}`);
    }
    case 'invalid_format':
      if (issue.message !== GENERIC_MESSAGE) return at(path, issue.message);
      return at(path, `expected a valid ${issue.format === 'url' ? 'URL' : issue.format}; got ${describeValue(received)}`);
    default:
      return at(path, issue.message === GENERIC_MESSAGE ? `invalid value ${describeValue(received)}` : issue.message);
  }
}

function hasKey(root: unknown, path: readonly PathSegment[]): boolean {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[path[i] as string];
  }
  return node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, path[path.length - 1]!);
}
