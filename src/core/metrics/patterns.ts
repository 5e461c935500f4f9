import type { RE2JS as RE2JSClass } from 're2js';

// Tag, branch and hotfix patterns come from settings and from repository files, so a
// cloned repository chooses them: matching must never take more than linear time.
// Globs are matched without regular expressions (two pointers, one retry point). A
// `/regex/` runs on RE2JS, a linear-time engine (no backtracking, so `(a+)+` or
// `.*a.*a.*b` cannot stall the editor); it is loaded only when such a pattern is used,
// since the default patterns are our own and run on V8's engine. Stateful flags
// (`g`, `y`) are refused: `RegExp.test` with them skipped every other matching tag.

export const DEFAULT_TAG_PATTERN = '/^v?\\d+\\.\\d+(\\.\\d+)?([-+.].*)?$/i';
/** A name that starts with "hotfix" (hotfix/login, hotfix-2024-05-01) or ends with "-hotfix" (v1.2.1-hotfix). */
export const DEFAULT_HOTFIX_PATTERN = '/^hotfix|[-_.]hotfix\\d*$/i';
/** Our own defaults: known to be linear on V8's engine, so they never load RE2JS. */
const NATIVE = new Set([DEFAULT_TAG_PATTERN, DEFAULT_HOTFIX_PATTERN]);

const MAX_PATTERN_LENGTH = 200;

export interface PatternMatcher {
  test(text: string): boolean;
}

/** Why a pattern is unusable, or undefined when it compiles to a matcher. */
export function patternProblem(pattern: string): string | undefined {
  return compile(pattern).problem;
}

/** A glob (`*`, `?`; case-insensitive) or a `/regex/flags`; undefined when unusable. */
export function compilePattern(pattern: string): PatternMatcher | undefined {
  return compile(pattern).matcher;
}

function compile(pattern: string): { matcher?: PatternMatcher; problem?: string } {
  if (pattern.length === 0) return { problem: 'a pattern cannot be empty' };
  if (pattern.length > MAX_PATTERN_LENGTH) return { problem: `a pattern is at most ${MAX_PATTERN_LENGTH} characters` };
  const re = /^\/(.+)\/([a-z]*)$/s.exec(pattern);
  if (!re) {
    const glob = pattern.toLowerCase();
    return { matcher: { test: (text) => globMatch(glob, text.toLowerCase()) } };
  }
  const [, source, flags] = re as unknown as [string, string, string];
  if (/[gy]/.test(flags)) return { problem: 'a /regular expression/ cannot use the g or y flag' };
  const unknown = flags.replace(/[imsu]/g, '');
  if (unknown) return { problem: `unknown regular expression flag "${unknown}" (i, m, s and u are allowed)` };
  if (NATIVE.has(pattern)) {
    const native = new RegExp(source, flags);
    return { matcher: { test: (text) => native.test(text) } };
  }
  const RE2JS = loadRe2();
  try {
    const opts = (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0) | (flags.includes('s') ? RE2JS.DOTALL : 0);
    const compiled = RE2JS.compile(source, opts);
    return { matcher: { test: (text) => compiled.matcher(text).find() } };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { problem: `not a regular expression DX Pulse can run in linear time (${why.slice(0, 160)}); lookarounds and backreferences are not supported` };
  }
}

let re2: typeof RE2JSClass | undefined;
function loadRe2(): typeof RE2JSClass {
  // Required on first use: esbuild.config.mjs ships re2js as its own file (dist/re2js.js).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (re2 ??= (require('re2js') as typeof import('re2js')).RE2JS);
}

/**
 * `*` matches any run of characters, `anyOne` (default `?`; none when undefined) exactly
 * one. Greedy with a single retry point: O(pattern × text) in the worst case, linear in
 * the text for a given pattern, and never a backtracking blow-up. Case-sensitive: lower
 * both sides first for a case-insensitive match.
 */
export function globMatch(pattern: string, text: string, anyOne: string | undefined = '?'): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && (pattern[p] === anyOne || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
