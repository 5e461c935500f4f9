import * as z from 'zod/mini';
import { CommandCategory } from '../events/kinds';
import { isSecretFlag, isSecretKeyword, looksLikeSecret } from '../privacy/secretWords';
import { DEFAULT_COMMAND_PATTERNS, type CommandPattern } from './commandPatterns';
import { globMatch } from '../metrics/patterns';

// Reduces a command line to program + subcommand before anything is stored, and classifies
// it. Privacy first: a program we do not know is recorded as `other` (what was typed as the
// "program" may be a pasted token or a password); a known program keeps only words that
// look like subcommands, never flags, paths, URLs, assignments, file names, token-like
// strings or anything after `login`/`password`/`token`. How many words a program keeps is
// fixed here, or raised by the developer's own settings; never by a repository.

/** What an unknown program is recorded as. */
export const UNKNOWN_COMMAND = 'other';

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

/** Wrapper flags that consume the next word (`sudo -u alice`: the user name is never the program). */
const WRAPPER_VALUE_FLAGS = new Set([
  '-u', '-g', '-U', '-h', '-p', '-C', '-D', '-r', '-t', '-T', '-n', '-f', '-o', '-s', '-e', '-w', '-S',
  '--user', '--group', '--other-user', '--host', '--prompt', '--chdir', '--role', '--type', '--close-from', '--unset',
  '--split-string', '--adjustment', '--format', '--output', '--server-num', '--server-args', '--auth-file', '--error-file',
]);

/** Everyday programs whose name is kept (their arguments never are). */
const COMMON_PROGRAMS = [
  'node', 'ts-node', 'tsx', 'bash', 'sh', 'zsh', 'fish', 'pwsh', 'powershell', 'cmd', 'ls', 'cd', 'cat', 'less', 'more', 'head', 'tail', 'echo',
  'printf', 'pwd', 'clear', 'history', 'man', 'which', 'where', 'type', 'export', 'source', 'alias', 'unset', 'set', 'exit', 'cp', 'mv', 'rm',
  'mkdir', 'rmdir', 'touch', 'ln', 'chmod', 'chown', 'find', 'grep', 'rg', 'ag', 'fd', 'sed', 'awk', 'sort', 'uniq', 'wc', 'xargs', 'tee', 'diff',
  'patch', 'tar', 'zip', 'unzip', 'gzip', 'gunzip', 'curl', 'wget', 'ssh', 'scp', 'rsync', 'ping', 'nc', 'telnet', 'dig', 'nslookup', 'ps',
  'kill', 'killall', 'top', 'htop', 'df', 'du', 'free', 'uname', 'whoami', 'id', 'date', 'sleep', 'watch', 'open', 'xdg-open', 'code', 'vim',
  'vi', 'nvim', 'nano', 'emacs', 'jq', 'yq', 'openssl', 'gpg', 'ssh-keygen', 'ssh-add', 'tmux', 'screen', 'ruby', 'irb', 'rails', 'gem', 'perl',
  'php', 'java', 'javac', 'jar', 'kotlin', 'kotlinc', 'scala', 'rustc', 'rustup', 'gcc', 'g++', 'clang', 'clang++', 'ld', 'lua', 'R', 'julia',
  'eslint', 'prettier', 'biome', 'stylelint', 'ruff', 'black', 'flake8', 'mypy', 'pylint', 'isort', 'golangci-lint', 'gofmt', 'rubocop',
  'terraform', 'tofu', 'pulumi', 'aws', 'gcloud', 'az', 'gh', 'glab', 'hub', 'minikube', 'kind', 'k9s', 'skaffold', 'tilt', 'ansible',
  'ansible-playbook', 'vagrant', 'packer', 'psql', 'mysql', 'redis-cli', 'mongosh', 'sqlite3', 'fnm', 'volta', 'corepack', 'rbenv', 'pyenv',
  'sdk', 'jenv', 'direnv', 'pre-commit', 'husky', 'lint-staged', 'nodemon', 'pm2', 'serve', 'http-server', 'ng', 'next', 'nuxt', 'astro',
  'expo', 'react-native', 'ionic', 'electron', 'storybook', 'prisma', 'sequelize', 'knex', 'alembic', 'django-admin', 'flask', 'uvicorn',
  'gunicorn', 'celery', 'jupyter', 'ipython', 'virtualenv', 'pipx', 'twine', 'maturin', 'wasm-pack', 'trunk', 'protoc', 'buf', 'grpcurl',
  'sam', 'cdk', 'serverless', 'sls', 'firebase', 'vercel', 'netlify', 'heroku', 'fly', 'flyctl', 'doctl', 'oc', 'kubectx', 'kubens', 'stern',
  'kustomize', 'argocd', 'istioctl', 'vault', 'consul', 'nomad', 'msbuild', 'tsc', 'webpack', 'esbuild', 'rollup', 'parcel',
];

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
  const segments = token.split(/[\\/]/);
  // A pasted secret with a `/` in it (AWS keys have them) must not leave its last segment
  // behind as a "program": any token-like segment makes it an unknown program, `other`.
  if (segments.some((s) => looksLikeSecret(s))) return 'other';
  const base = segments.pop() ?? '';
  const name = base.replace(/\.(exe|cmd|bat|ps1)$/i, '');
  if (!/^[A-Za-z0-9][\w.+-]{0,39}$/.test(name)) return undefined;
  return name;
}

/** The program a pattern names (its first word), if it names one literally. */
function patternProgram(p: CommandPattern): string | undefined {
  const first = p.pattern.trim().split(/\s+/)[0]?.toLowerCase();
  return first && !first.includes('*') && programName(first) === first && !looksLikeSecret(first) ? first : undefined;
}

const BUILTIN_PROGRAMS: ReadonlySet<string> = new Set(
  [...Object.keys(DEPTH), ...COMMON_PROGRAMS, ...DEFAULT_COMMAND_PATTERNS.map(patternProgram)].filter((p): p is string => !!p).map((p) => p.toLowerCase()),
);

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

/** Program + subcommand words of one simple command, or undefined if there is no program. */
function reduceSegment(tokens: readonly string[], depthFor: (program: string) => number): string[] | undefined {
  let i = 0;
  for (;;) {
    while (i < tokens.length && ASSIGNMENT.test(tokens[i]!)) i++;
    const name = i < tokens.length ? programName(tokens[i]!) : undefined;
    if (name === undefined || !WRAPPERS.has(name)) break;
    i++;
    // the wrapper's own flags (sudo -E, env -i), and the values some take (sudo -u alice)
    while (i < tokens.length && tokens[i]!.startsWith('-')) i += WRAPPER_VALUE_FLAGS.has(tokens[i]!) ? 2 : 1;
  }
  if (i >= tokens.length) return undefined;
  const program = programName(tokens[i]!);
  if (!program) return undefined;
  i++;
  const words = [program];
  // `python -m pytest`: the module is the subcommand
  if (/^python(\d(\.\d+)?)?$/.test(program) && tokens[i] === '-m' && tokens[i + 1] && isSubcommandWord(tokens[i + 1]!, false) && !looksLikeSecret(tokens[i + 1]!)) {
    return [program, '-m', tokens[i + 1]!];
  }
  let depth = depthFor(program);
  const valueFlags = VALUE_FLAGS[program] ?? [];
  const scoped = program === 'npx' || program === 'bunx' || program === 'pnpm' || program === 'yarn' || program === 'bun';
  while (words.length - 1 < depth && i < tokens.length) {
    const t = tokens[i]!;
    if (t === '--') break;
    if (t.startsWith('-')) {
      // a flag's value is never a subcommand; a credential flag's value least of all
      i += valueFlags.includes(t) || isSecretFlag(t) ? 2 : 1;
      continue;
    }
    if (ASSIGNMENT.test(t)) {
      i++; // make VAR=1 all
      continue;
    }
    if (!isSubcommandWord(t, scoped) || looksLikeSecret(t)) break;
    words.push(t);
    i++;
    if (isSecretKeyword(t)) break; // `docker login me hunter2`: nothing after `login`
    if (words.length === 2 && NESTED[program]?.includes(t)) depth++;
  }
  return words;
}

/** The subcommand words a pattern spells out before its first wildcard (`docker login * *`: login), lower case. */
function literalWords(p: CommandPattern): string[] {
  const words = p.pattern.trim().split(/\s+/).slice(1);
  const n = words.findIndex((w) => w.includes('*'));
  return (n < 0 ? words : words.slice(0, n)).map((w) => w.toLowerCase());
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
    // Commands are matched by their program's name (`./scripts/ci x` runs `ci`), so a
    // pattern that spells out a path to the program is matched by that name too.
    const program = words[0]!.includes('/') ? programName(words[0]!) : words[0];
    if (program === undefined || program === 'other') {
      problems.push(`command pattern #${n + 1} "${r.data.pattern}" is ignored: "${words[0]}" does not end in a program name`);
      return;
    }
    patterns.push({ pattern: [program, ...words.slice(1)].join(' '), category: r.data.category });
  });
  return { patterns, problems };
}

interface CompiledPattern {
  /** Lower-cased word globs: `*` matches any characters within the word. */
  readonly words: readonly string[];
  readonly rest: boolean;
  readonly category: CommandCategory;
}

function compile(p: CommandPattern): CompiledPattern {
  const parts = p.pattern.trim().split(/\s+/);
  const rest = parts[parts.length - 1] === '**';
  if (rest) parts.pop();
  return { words: parts.map((w) => w.toLowerCase()), rest, category: p.category };
}

export interface CommandClassifierOptions {
  /**
   * Patterns from any layer (the user's settings, the repository's file, the platform),
   * tried before the defaults. They decide categories and make the programs they name
   * known (so recorded by name); they never make a program keep more words. Validate them
   * first (validateCommandPatterns).
   */
  readonly patterns?: readonly CommandPattern[];
  /**
   * Patterns from the developer's own (global or policy) settings, never a repository's:
   * a program such a pattern names keeps as many subcommand words as the pattern spells
   * out before its first wildcard.
   */
  readonly userPatterns?: readonly CommandPattern[];
  /** Use only `patterns`, not the defaults. */
  readonly replaceDefaults?: boolean;
}

export class CommandClassifier {
  private readonly compiled: CompiledPattern[];
  /** Per program, the literal subcommand words of the user's own patterns: the only words kept past the built-in depth. */
  private readonly userLiterals = new Map<string, string[][]>();
  /** Subcommand words looked at to classify (any pattern's length); never recorded past keptDepths. */
  private readonly matchDepths = new Map<string, number>();
  private readonly known = new Set(BUILTIN_PROGRAMS);

  constructor(options: CommandClassifierOptions = {}) {
    const list = [...(options.patterns ?? []), ...(options.userPatterns ?? []), ...(options.replaceDefaults ? [] : DEFAULT_COMMAND_PATTERNS)];
    this.compiled = list.map(compile);
    for (const p of [...(options.patterns ?? []), ...(options.userPatterns ?? [])]) {
      const program = patternProgram(p);
      if (!program) continue;
      this.known.add(program);
      const words = p.pattern.trim().split(/\s+/).filter((w) => w !== '**').length - 1;
      this.matchDepths.set(program, Math.max(this.matchDepths.get(program) ?? 0, words));
    }
    for (const p of options.userPatterns ?? []) {
      const program = patternProgram(p);
      if (program) this.userLiterals.set(program, [...(this.userLiterals.get(program) ?? []), literalWords(p)]);
    }
  }

  /** True when a program's name may be recorded (built in, or named by a pattern). */
  isKnownProgram(program: string): boolean {
    return this.known.has(program.toLowerCase());
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
      const builtin = (prog: string) => DEPTH[prog.toLowerCase()] ?? 0;
      const kept = (prog: string) => Math.max(builtin(prog), ...(this.userLiterals.get(prog.toLowerCase()) ?? []).map((l) => l.length));
      const matched = reduceSegment(seg, (prog) => Math.max(kept(prog), this.matchDepths.get(prog.toLowerCase()) ?? 0));
      if (!matched) continue;
      const keptWords = reduceSegment(seg, kept)!;
      // The longest match decides, from all the words a pattern looked at down to the
      // words that are kept (`acme build x` for a pattern `acme build`; never `yarn` for `yarn run lint`).
      let category: CommandCategory = 'other';
      for (let n = matched.length; n >= keptWords.length; n--) {
        const found = this.match(matched.slice(0, n));
        if (found) {
          category = found;
          break;
        }
      }
      const command = this.isKnownProgram(matched[0]!) ? this.recorded(seg, keptWords, builtin).join(' ') : UNKNOWN_COMMAND;
      const c: Classified = { command, category };
      first ??= c;
      if (c.category !== 'other') best = c;
    }
    return best ?? first;
  }

  /** What is recorded: the built-in words, plus only those that a user pattern spells out word for word. */
  private recorded(seg: readonly string[], keptWords: readonly string[], builtin: (prog: string) => number): readonly string[] {
    let n = reduceSegment(seg, builtin)!.length;
    for (const literal of this.userLiterals.get(keptWords[0]!.toLowerCase()) ?? []) {
      let m = 0;
      while (m < literal.length && 1 + m < keptWords.length && keptWords[1 + m]!.toLowerCase() === literal[m]) m++;
      n = Math.max(n, 1 + m);
    }
    return keptWords.slice(0, n);
  }

  /** Category of an already reduced command. */
  categoryOf(reduced: string): CommandCategory {
    return this.match(reduced.split(' ')) ?? 'other';
  }

  private match(words: readonly string[]): CommandCategory | undefined {
    for (const p of this.compiled) {
      if (p.rest ? words.length < p.words.length : words.length !== p.words.length) continue;
      // The shared linear matcher: a repository's pattern such as `*a*a*a*b` cannot stall it.
      if (p.words.every((glob, k) => globMatch(glob, words[k]!.toLowerCase(), undefined))) return p.category;
    }
    return undefined;
  }
}

/** Category of a VS Code task: its group first, else what its command line says. */
export function categoryForTask(group: string | undefined, commandLine: string | undefined, classifier: CommandClassifier): CommandCategory {
  if (group === 'test') return 'test';
  if (group === 'build' || group === 'rebuild') return 'build';
  if (group === 'clean') return 'other';
  return commandLine ? classifier.classify(commandLine)?.category ?? 'other' : 'other';
}
