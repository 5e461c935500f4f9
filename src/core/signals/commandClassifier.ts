import * as z from 'zod/mini';
import { CommandCategory } from '../events/kinds';
import { DEFAULT_COMMAND_PATTERNS, type CommandPattern } from './commandPatterns';

// Reduces a command line to program + subcommand before anything is stored, and classifies
// it. Privacy first: a program we do not know keeps no subcommand at all (its first
// argument may be a path, a host or a secret); a known program keeps only words that look
// like subcommands, never flags, paths, URLs, assignments, file names or token-like strings.

/** How many subcommand words a known program keeps (goal lists keep two: `mvn clean install`). */
const DEPTH: Readonly<Record<string, number>> = {
  npm: 1, pnpm: 1, yarn: 1, bun: 1, npx: 1, bunx: 1, deno: 1, nx: 1, turbo: 1, lerna: 1, vite: 1, vitest: 1, playwright: 1, cypress: 1,
  go: 1, cargo: 1, dotnet: 1, docker: 1, podman: 1, buildah: 1, kubectl: 1, helm: 1, git: 1, bazel: 1, bazelisk: 1, buck: 1, buck2: 1, pants: 1,
  pip: 1, pip3: 1, poetry: 1, pipenv: 1, uv: 1, conda: 1, hatch: 1, bundle: 1, composer: 1, rake: 1, mix: 1, swift: 1, flutter: 1, dart: 1,
  sbt: 1, lein: 1, stack: 1, cabal: 1, zig: 1, just: 1, task: 1, brew: 1, apt: 1, 'apt-get': 1, asdf: 1, mise: 1, nvm: 1, nuget: 1, cmake: 1,
  meson: 1, ninja: 1, xcodebuild: 1, ant: 2, make: 2, mvn: 2, mvnw: 2, gradle: 2, gradlew: 2, python: 0, python3: 0,
};

/** `<program> <word>` pairs after which one more word is a subcommand too (`npm run build`). */
const NESTED: Readonly<Record<string, readonly string[]>> = {
  npm: ['run', 'run-script', 'exec', 'x'], pnpm: ['run', 'exec', 'dlx'], yarn: ['run', 'dlx'], bun: ['run', 'x'],
  docker: ['compose', 'buildx', 'image', 'container'], podman: ['compose'], go: ['mod', 'tool'], bundle: ['exec'],
  poetry: ['run'], uv: ['run', 'pip'], pipenv: ['run'], hatch: ['run'], dotnet: ['ef', 'tool'], turbo: ['run'], nx: ['run'], conda: ['env'],
};

/** Launchers that only wrap the real command. */
const WRAPPERS = new Set(['sudo', 'env', 'time', 'nice', 'nohup', 'command', 'exec', 'builtin', 'caffeinate', 'xvfb-run', 'doas']);

/** Flags that consume the next word, so it is not mistaken for a subcommand. */
const VALUE_FLAGS: Readonly<Record<string, readonly string[]>> = {
  git: ['-C', '-c', '--git-dir', '--work-tree'], make: ['-C', '-f', '--file', '--directory', '-j', '-l', '-o', '-W'], go: ['-C'],
  docker: ['-H', '--host', '--context', '-c', '--config', '--log-level'], mvn: ['-f', '-pl', '-P', '-s', '-D', '-T', '-rf'], mvnw: ['-f', '-pl', '-P', '-s', '-T', '-rf'],
  gradle: ['-p', '-b', '-c', '-x', '-P', '-D', '--project-dir'], gradlew: ['-p', '-b', '-c', '-x', '-P', '-D', '--project-dir'],
  npm: ['--prefix', '-w', '--workspace'], pnpm: ['-C', '--dir', '--filter', '-F'], yarn: ['--cwd'], cargo: ['-p', '--package', '--manifest-path', '-Z'],
  dotnet: ['-c', '--configuration'], kubectl: ['-n', '--namespace', '--context'], bazel: ['--output_base'], python: [], python3: [],
};

/** A subcommand-looking word: no paths, no assignments, no file names, no token-like strings. */
function isSubcommandWord(w: string, allowScoped: boolean): boolean {
  if (w.length === 0 || w.length > 40) return false;
  if (allowScoped && /^@[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*$/i.test(w)) return true;
  if (!/^[A-Za-z:][\w:.+-]*$/.test(w)) return false;
  if (/\.(?:[cm]?[jt]sx?|py|rb|go|rs|java|kt|sh|ps1|bat|cmd|json|ya?ml|toml|xml|txt|md|csproj|sln|lock|cfg|ini|env)$/i.test(w)) return false;
  // long mixed letter/digit runs look like tokens or hashes
  if (/[A-Za-z0-9_-]{20,}/.test(w) && /\d/.test(w) && /[A-Za-z]/.test(w)) return false;
  return true;
}

function programName(token: string): string | undefined {
  const base = token.split(/[\\/]/).pop() ?? '';
  const name = base.replace(/\.(exe|cmd|bat|ps1)$/i, '');
  if (!/^[A-Za-z0-9][\w.+-]{0,39}$/.test(name)) return undefined;
  return name;
}

/** Splits on whitespace, honouring quotes; `;`, `|`, `&` runs become separator tokens. */
function tokenize(line: string): string[][] {
  const segments: string[][] = [[]];
  let cur = '';
  let has = false;
  let quote: string | undefined;
  const push = () => {
    if (has) segments[segments.length - 1]!.push(cur);
    cur = '';
    has = false;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < line.length && /[\s'"\\;|&]/.test(line[i + 1]!)) {
      // an escape in POSIX shells; elsewhere (a Windows path) the backslash is literal
      cur += line[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      push();
    } else if (ch === ';' || ch === '|' || ch === '&' || ch === '\n') {
      push();
      while (i + 1 < line.length && /[;|&]/.test(line[i + 1]!)) i++;
      segments.push([]);
    } else {
      cur += ch;
      has = true;
    }
  }
  push();
  return segments.filter((s) => s.length > 0);
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Program + subcommand of one simple command, or undefined if there is no program. */
function reduceSegment(tokens: readonly string[], depthFor: (program: string) => number): string | undefined {
  let i = 0;
  for (;;) {
    while (i < tokens.length && ASSIGNMENT.test(tokens[i]!)) i++;
    const name = i < tokens.length ? programName(tokens[i]!) : undefined;
    if (name === undefined || !WRAPPERS.has(name)) break;
    i++;
    while (i < tokens.length && tokens[i]!.startsWith('-')) i++; // wrapper's own flags (sudo -E, env -i)
  }
  if (i >= tokens.length) return undefined;
  const program = programName(tokens[i]!);
  if (!program) return undefined;
  i++;
  const words = [program];
  // `python -m pytest`: the module is the subcommand
  if (/^python(\d(\.\d+)?)?$/.test(program) && tokens[i] === '-m' && tokens[i + 1] && isSubcommandWord(tokens[i + 1]!, false)) {
    return `${program} -m ${tokens[i + 1]}`;
  }
  let depth = depthFor(program);
  const valueFlags = VALUE_FLAGS[program] ?? [];
  const scoped = program === 'npx' || program === 'bunx' || program === 'pnpm' || program === 'yarn' || program === 'bun';
  while (words.length - 1 < depth && i < tokens.length) {
    const t = tokens[i]!;
    if (t === '--') break;
    if (t.startsWith('-')) {
      i += valueFlags.includes(t) ? 2 : 1;
      continue;
    }
    if (ASSIGNMENT.test(t)) {
      i++; // make VAR=1 all
      continue;
    }
    if (!isSubcommandWord(t, scoped)) break;
    words.push(t);
    i++;
    if (words.length === 2 && NESTED[program]?.includes(t)) depth++;
  }
  return words.join(' ');
}

export interface Classified {
  /** Program + subcommand, e.g. `npm run build`. Safe to store. */
  readonly command: string;
  readonly category: CommandCategory;
}

export const CommandPatternSetting = z.object({
  pattern: z.string().check(z.minLength(1), z.maxLength(120)),
  category: CommandCategory,
});

export interface PatternValidation {
  readonly patterns: CommandPattern[];
  /** One readable line per invalid entry; the valid ones are still used. */
  readonly problems: string[];
}

/** Checks user patterns from a setting; keeps the valid ones and explains the rest. */
export function validateCommandPatterns(input: unknown): PatternValidation {
  if (input === undefined || input === null) return { patterns: [], problems: [] };
  if (!Array.isArray(input)) return { patterns: [], problems: ['command patterns must be a list of { "pattern": "npm run build*", "category": "build" }'] };
  const patterns: CommandPattern[] = [];
  const problems: string[] = [];
  input.forEach((item, n) => {
    const r = CommandPatternSetting.safeParse(item);
    if (!r.success) {
      problems.push(`command pattern #${n + 1} ${JSON.stringify(item)} is ignored: it needs a "pattern" text and a "category" of install, build, test or other`);
      return;
    }
    const words = r.data.pattern.trim().split(/\s+/);
    const bad = words.find((w, k) => (w === '**' ? k !== words.length - 1 || k === 0 : !/^[\w*:.@/+-]+$/.test(w)));
    if (bad !== undefined) {
      problems.push(`command pattern #${n + 1} "${r.data.pattern}" is ignored: "${bad}" is not a word, '*' or a final '**'`);
      return;
    }
    patterns.push({ pattern: words.join(' '), category: r.data.category });
  });
  return { patterns, problems };
}

interface CompiledPattern {
  readonly words: readonly RegExp[];
  readonly rest: boolean;
  readonly category: CommandCategory;
}

function compile(p: CommandPattern): CompiledPattern {
  const parts = p.pattern.trim().split(/\s+/);
  const rest = parts[parts.length - 1] === '**';
  if (rest) parts.pop();
  const words = parts.map((w) => new RegExp('^' + w.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*') + '$', 'i'));
  return { words, rest, category: p.category };
}

export interface CommandClassifierOptions {
  /** Patterns from settings, tried before the defaults. Validate them first (validateCommandPatterns). */
  readonly patterns?: readonly CommandPattern[];
  /** Use only `patterns`, not the defaults. */
  readonly replaceDefaults?: boolean;
}

export class CommandClassifier {
  private readonly compiled: CompiledPattern[];
  private readonly depths = new Map<string, number>();

  constructor(options: CommandClassifierOptions = {}) {
    const list = [...(options.patterns ?? []), ...(options.replaceDefaults ? [] : DEFAULT_COMMAND_PATTERNS)];
    this.compiled = list.map(compile);
    // A program a user pattern names with a subcommand keeps that many subcommand words.
    for (const p of options.patterns ?? []) {
      const words = p.pattern.trim().split(/\s+/).filter((w) => w !== '**');
      const program = words[0]?.toLowerCase();
      if (program && !program.includes('*') && words.length > 1) {
        this.depths.set(program, Math.max(this.depths.get(program) ?? 0, words.length - 1));
      }
    }
  }

  /** Program + subcommand of a command line; for `a && b`, of the last build/test/install part. */
  reduce(commandLine: string): string | undefined {
    return this.classify(commandLine)?.command;
  }

  classify(commandLine: string): Classified | undefined {
    if (typeof commandLine !== 'string' || commandLine.length > 10_000) return undefined;
    let first: Classified | undefined;
    let best: Classified | undefined;
    for (const seg of tokenize(commandLine)) {
      const command = reduceSegment(seg, (prog) => Math.max(DEPTH[prog.toLowerCase()] ?? 0, this.depths.get(prog.toLowerCase()) ?? 0));
      if (!command) continue;
      const c: Classified = { command, category: this.categoryOf(command) };
      first ??= c;
      if (c.category !== 'other') best = c;
    }
    return best ?? first;
  }

  /** Category of an already reduced command. */
  categoryOf(reduced: string): CommandCategory {
    const words = reduced.split(' ');
    for (const p of this.compiled) {
      if (p.rest ? words.length < p.words.length : words.length !== p.words.length) continue;
      if (p.words.every((re, k) => re.test(words[k]!))) return p.category;
    }
    return 'other';
  }
}

/** Category of a VS Code task: its group first, else what its command line says. */
export function categoryForTask(group: string | undefined, commandLine: string | undefined, classifier: CommandClassifier): CommandCategory {
  if (group === 'test') return 'test';
  if (group === 'build' || group === 'rebuild') return 'build';
  if (group === 'clean') return 'other';
  return commandLine ? classifier.classify(commandLine)?.category ?? 'other' : 'other';
}
