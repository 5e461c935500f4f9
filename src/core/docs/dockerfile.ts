// Base images of a Dockerfile, the way the builder resolves them: global ARGs (those
// before the first FROM) may be substituted into FROM lines, and a FROM naming an
// earlier stage is that stage, not an image.

export interface ImageRef {
  /** Normalized name: docker.io/library/ dropped, so `node`, `ghcr.io/org/app`. */
  image: string;
  tag?: string;
  digest?: string;
  /** As written after variable substitution, e.g. `node:16-alpine`. */
  raw: string;
  file: string;
  line?: number;
}

export interface DockerfileParseResult {
  images: ImageRef[];
  notes: string[];
}

/** Joins backslash continuations, keeping the line number where each instruction starts. */
function logicalLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const lines = text.split(/\r?\n/);
  let buf = '';
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (buf === '' && /^\s*#/.test(l)) continue;
    if (buf !== '' && /^\s*#/.test(l)) continue; // comment lines inside a continuation are ignored by Docker
    if (buf === '') start = i + 1;
    if (/\\\s*$/.test(l)) {
      buf += l.replace(/\\\s*$/, ' ');
      continue;
    }
    buf += l;
    if (buf.trim()) out.push({ text: buf.trim(), line: start });
    buf = '';
  }
  if (buf.trim()) out.push({ text: buf.trim(), line: start });
  return out;
}

function substitute(value: string, args: Map<string, string | undefined>): { value: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const v = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced, op, word, bare) => {
    const nameV = (braced ?? bare) as string;
    const cur = args.get(nameV);
    if (op === '-') return cur ? cur : (word as string);
    if (op === '+') return cur ? (word as string) : '';
    if (cur === undefined) {
      unresolved.push(nameV);
      return '';
    }
    return cur;
  });
  return { value: v, unresolved };
}

/** Splits `registry:5000/org/name:tag@sha256:..` into name, tag and digest. */
export function parseImageRef(ref: string): { image: string; tag?: string; digest?: string } {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1) || undefined;
    rest = rest.slice(0, colon);
  }
  return { image: normalizeImageName(rest), tag, digest };
}

/** `docker.io/library/node`, `library/node` and `node` are the same image. */
export function normalizeImageName(name: string): string {
  let n = name.trim().toLowerCase();
  n = n.replace(/^(?:index\.)?docker\.io\//, '');
  n = n.replace(/^library\//, '');
  return n;
}

export function parseDockerfile(text: string, file = 'Dockerfile'): DockerfileParseResult {
  const images: ImageRef[] = [];
  const notes: string[] = [];
  const globalArgs = new Map<string, string | undefined>();
  const stages = new Set<string>();
  let sawFrom = false;
  for (const { text: instr, line } of logicalLines(text)) {
    const m = /^(\S+)\s*(.*)$/.exec(instr);
    if (!m) continue;
    const keyword = m[1].toUpperCase();
    const rest = m[2];
    if (keyword === 'ARG' && !sawFrom) {
      // `ARG A=1 B` declares several; quotes around values are stripped.
      for (const part of rest.match(/[A-Za-z_][A-Za-z0-9_]*(?:=(?:"[^"]*"|'[^']*'|\S*))?/g) ?? []) {
        const eq = part.indexOf('=');
        if (eq < 0) globalArgs.set(part, globalArgs.get(part));
        else globalArgs.set(part.slice(0, eq), part.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2'));
      }
      continue;
    }
    if (keyword !== 'FROM') continue;
    sawFrom = true;
    const words = rest.split(/\s+/).filter(Boolean);
    while (words.length && words[0].startsWith('--')) words.shift(); // --platform=...
    if (words.length === 0) {
      notes.push(`${file}:${line}: FROM without an image`);
      continue;
    }
    const asIdx = words.findIndex((w) => w.toUpperCase() === 'AS');
    const stageName = asIdx >= 0 ? words[asIdx + 1]?.toLowerCase() : undefined;
    const { value: raw, unresolved } = substitute(words[0], globalArgs);
    const lowered = raw.toLowerCase();
    if (stages.has(lowered)) {
      if (stageName) stages.add(stageName);
      continue;
    }
    if (stageName) stages.add(stageName);
    if (lowered === 'scratch') continue;
    let parsed = parseImageRef(raw);
    if (unresolved.length > 0) {
      // Which part held the unknown variable decides what is still usable.
      const original = parseImageRef(words[0]);
      if (original.image.includes('$')) {
        notes.push(`${file}:${line}: FROM ${words[0]} uses ARG ${unresolved.join(', ')} without a default; the image is unknown`);
        continue;
      }
      notes.push(`${file}:${line}: FROM ${words[0]} uses ARG ${unresolved.join(', ')} without a default; its tag cannot be checked`);
      parsed = { ...parsed, tag: undefined };
    }
    if (!parsed.image) continue;
    images.push({ ...parsed, raw, file, line });
  }
  if (!sawFrom && text.trim()) notes.push(`${file}: no FROM instruction found`);
  return { images, notes };
}
