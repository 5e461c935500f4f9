import * as l10n from '@vscode/l10n';
import type * as z from 'zod/mini';

// Turns zod issues into one-line messages a person can act on from the Problems panel.
// zod/mini ships no locale, so its own messages are all "Invalid input": we build ours
// from the issue's structured fields and keep any message a schema author wrote.

export type PathSegment = string | number;

const GENERIC_MESSAGE = 'Invalid input'; // l10n-ignore: zod's own message, compared, not shown

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
  if (v === undefined) return l10n.t('nothing');
  if (v === null) return l10n.t('null (an empty value)');
  if (Array.isArray(v)) return l10n.t('a list');
  if (typeof v === 'object') return l10n.t('a map');
  if (typeof v === 'string') return `'${v.length > 60 ? `${v.slice(0, 57)}...` : v}'`;
  return String(v);
}

function typeName(expected: string): string {
  const names: Record<string, string> = {
    string: l10n.t('a string'),
    number: l10n.t('a number'),
    int: l10n.t('a whole number'),
    boolean: l10n.t('true or false'),
    array: l10n.t('a list'),
    object: l10n.t('a map'),
    literal: l10n.t('a fixed value'),
  };
  return names[expected] ?? expected;
}

function formatValues(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return shown.length === 1 ? `${shown[0]}` : l10n.t('one of {0}', shown.join(', '));
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
  return best !== undefined && bestD <= Math.max(1, Math.floor(best.length / 4)) ? l10n.t(" (did you mean '{0}'?)", best) : '';
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
        return at(parentPath, l10n.t("missing required key '{0}' ({1})", String(last), typeName(issue.expected)));
      }
      return at(path, l10n.t('expected {0}; got {1}', typeName(issue.expected), describeValue(received)));
    }
    case 'invalid_value':
      return at(path, l10n.t('expected {0}; got {1}', formatValues(issue.values), describeValue(received)) + suggest(received, issue.values));
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (disc !== undefined && options !== undefined) {
        const got = received !== null && typeof received === 'object' ? (received as Record<string, unknown>)[disc] : undefined;
        if (got === undefined) {
          return at(path.slice(0, -1), l10n.t("missing required key '{0}' ({1})", disc, formatValues(options)));
        }
        return at(path, l10n.t('expected {0}; got {1}', formatValues(options), describeValue(got)) + suggest(got, options));
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
        return at(path, l10n.t('matches none of the allowed forms: {0}', parts.join('; ')));
      }
      return at(path, l10n.t('{0} does not match any allowed form', describeValue(received)));
    }
    case 'too_small':
    case 'too_big': {
      if (issue.message !== GENERIC_MESSAGE) return at(path, issue.message);
      const small = issue.code === 'too_small';
      const bound = small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum;
      if (issue.origin === 'array') return at(path, small ? l10n.t('needs at least {0} item(s)', String(bound)) : l10n.t('needs at most {0} item(s)', String(bound)));
      if (issue.origin === 'string') {
        if (small && Number(bound) === 1) return at(path, l10n.t('must not be empty'));
        return at(path, small ? l10n.t('needs at least {0} characters', String(bound)) : l10n.t('needs at most {0} characters', String(bound)));
      }
      return at(path, l10n.t('must be {0} {1}; got {2}', small ? '>=' : '<=', String(bound), describeValue(received)));
    }
    case 'invalid_format':
      if (issue.message !== GENERIC_MESSAGE) return at(path, issue.message);
      return at(path, l10n.t('expected a valid {0}; got {1}', issue.format === 'url' ? 'URL' : issue.format, describeValue(received)));
    default:
      return at(path, issue.message === GENERIC_MESSAGE ? l10n.t('invalid value {0}', describeValue(received)) : issue.message);
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
