// Request bodies are parsed here, before any schema sees them: JSON.parse, then one
// iterative walk that refuses deep nesting and prototype-pollution keys. Pure: no I/O.

export const MAX_JSON_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type JsonParse = { ok: true; value: unknown } | { ok: false; code: 'badJson' | 'tooDeep' | 'forbiddenKey'; message: string };

export function parseJsonBody(text: string, maxDepth = MAX_JSON_DEPTH): JsonParse {
  // Cheap pre-scan so a 10,000-deep body is refused before anything is allocated for it.
  if (bracketDepth(text) > maxDepth) return { ok: false, code: 'tooDeep', message: `JSON nested deeper than ${maxDepth} levels` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, code: 'badJson', message: `body is not valid JSON: ${e instanceof Error ? e.message.slice(0, 120) : 'parse error'}` };
  }
  const key = findForbiddenKey(value);
  if (key !== undefined) return { ok: false, code: 'forbiddenKey', message: `key "${key}" is not allowed` };
  return { ok: true, value };
}

/** Deepest [ / { nesting outside strings; a malformed text may over-count, never under-count. */
export function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

function findForbiddenKey(root: unknown): string | undefined {
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    for (const k of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(k)) return k;
      stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return undefined;
}

/** Strings PostgreSQL's jsonb cannot hold: NUL, and lone UTF-16 surrogates. */
export function findUnstorableString(root: unknown): string | undefined {
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!storable(v)) return v;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    for (const k of Object.keys(v)) {
      if (!storable(k)) return k;
      stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return undefined;
}

function storable(s: string): boolean {
  return !s.includes('\u0000') && s.isWellFormed();
}
