import * as fs from 'node:fs';
import * as path from 'node:path';

// Reads README.md and docs/*.md the way the drift tests need them: fenced examples with
// the `<!-- example: ... -->` marker right before them, and indented message blocks.

export const ROOT = path.join(__dirname, '..', '..', '..');
export const DOC_FILES: string[] = [
  'README.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

export function readDoc(file: string): string {
  return fs.readFileSync(path.join(ROOT, file), 'utf8');
}

export interface Fence {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  body: string;
  /** The words of `<!-- example: ... -->` on the line(s) right before the fence, if any. */
  marker: string[] | undefined;
  /** The indented (4-space) block right after the fence, one message per line: what an invalid example shows. */
  shownAfter: string[];
}

export function fencesOf(file: string): Fence[] {
  const lines = readDoc(file).split('\n');
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    let j = start - 1;
    while (j >= 0 && lines[j]!.trim() === '') j--;
    const m = j >= 0 ? /^<!--\s*example:\s*(.*?)\s*-->\s*$/.exec(lines[j]!) : null;
    const shownAfter: string[] = [];
    let k = i + 1;
    while (k < lines.length && lines[k]!.trim() === '') k++;
    while (k < lines.length && /^ {4}\S/.test(lines[k]!)) shownAfter.push(lines[k++]!.slice(4));
    out.push({ file, line: start + 1, lang: open[1]!, body: body.join('\n'), marker: m ? m[1]!.split(/\s+/).filter(Boolean) : undefined, shownAfter });
  }
  return out;
}

/** Indented code blocks that stand on their own (not a list item's continuation): quoted messages. */
export function indentedBlocksOf(file: string): { file: string; line: number; text: string[] }[] {
  const lines = readDoc(file).split('\n');
  const out: { file: string; line: number; text: string[] }[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^```/.test(lines[i]!)) inFence = !inFence;
    if (inFence || !/^ {4}\S/.test(lines[i]!) || i === 0 || lines[i - 1]!.trim() !== '') continue;
    let p = i - 1;
    while (p >= 0 && lines[p]!.trim() === '') p--;
    if (p >= 0 && /^(\s|[-*] |\d+\. |\|)/.test(lines[p]!)) continue; // a list item or table goes on
    const text: string[] = [];
    let k = i;
    while (k < lines.length && /^ {4}\S/.test(lines[k]!)) text.push(lines[k++]!.slice(4));
    out.push({ file, line: i + 1, text });
    i = k;
  }
  return out;
}
