import * as fs from 'node:fs';
import * as path from 'node:path';

// package.json as VS Code shows it in English: every `%key%` placeholder replaced by its
// text in package.nls.json (the English bundle). Tests that read manifest strings read
// them through here, so they see what a person sees.

export const ROOT = path.resolve(__dirname, '..', '..', '..');

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
}

export const rawManifest = readJson('package.json') as Record<string, unknown>;
export const nlsBundle = readJson('package.nls.json') as Record<string, string>;

const PLACEHOLDER = /^%([^%\s]+)%$/;

/** The `%key%` placeholders in `value`, each with where it sits. */
export function placeholders(value: unknown, at = ''): { at: string; key: string }[] {
  if (typeof value === 'string') {
    const m = PLACEHOLDER.exec(value);
    return m ? [{ at, key: m[1]! }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholders(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => placeholders(v, at ? `${at}.${k}` : k));
  return [];
}

function resolve(value: unknown): unknown {
  if (typeof value === 'string') {
    const m = PLACEHOLDER.exec(value);
    if (!m) return value;
    const text = nlsBundle[m[1]!];
    if (text === undefined) throw new Error(`package.json uses %${m[1]}%, which package.nls.json does not define`);
    return text;
  }
  if (Array.isArray(value)) return value.map(resolve);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  return value;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const manifest = resolve(rawManifest) as any;
