import type { Entry } from './entries';

/**
 * The docs that match a failing command, for the friction-signals "stuck" offer.
 * A command says which tools are involved (`npm run build` -> npm; with the repo's
 * package.json scripts, `build: tsc -p .` -> also tsc/typescript); entries tagged with
 * those tools, topics or dependencies match.
 */

/** Executable -> the tag names platform teams use for it. */
const EXE_TOOLS: Record<string, string[]> = {
  npm: ['npm', 'node'], npx: ['npm', 'node'], node: ['node'], pnpm: ['pnpm', 'node'], yarn: ['yarn', 'node'], bun: ['bun'],
  tsc: ['typescript', 'tsc'], jest: ['jest'], vitest: ['vitest'], mocha: ['mocha'], eslint: ['eslint'], webpack: ['webpack'], vite: ['vite'], esbuild: ['esbuild'],
  docker: ['docker'], 'docker-compose': ['docker-compose', 'docker'], podman: ['docker', 'podman'],
  go: ['go'], cargo: ['cargo', 'rust'], rustc: ['rust'],
  python: ['python'], python3: ['python'], pip: ['pip', 'python'], pip3: ['pip', 'python'], poetry: ['poetry', 'python'], uv: ['uv', 'python'], pytest: ['pytest', 'python'],
  mvn: ['maven', 'java'], mvnw: ['maven', 'java'], gradle: ['gradle'], gradlew: ['gradle'],
  make: ['make'], bazel: ['bazel'], terraform: ['terraform'], kubectl: ['kubernetes', 'kubectl'], helm: ['helm', 'kubernetes'],
  dotnet: ['dotnet'], bundle: ['bundler', 'ruby'], rake: ['ruby'], gh: ['github'], git: ['git'],
};

/** Runners whose next word (or `run <script>`) is what actually runs. */
const SCRIPT_RUNNERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
const MAX_SCRIPT_DEPTH = 3;

function words(command: string): string[] {
  return command.trim().split(/\s+/).filter(Boolean);
}

function exeName(word: string): string {
  return word.replace(/\\/g, '/').replace(/^.*\//, '').replace(/\.(cmd|exe|bat|sh)$/i, '').toLowerCase();
}

/** The tool tags a shell command involves; `&&`, `;` and `|` split it into parts. */
export function commandTools(command: string, scripts: Record<string, string> = {}, depth = 0): string[] {
  const tools = new Set<string>();
  for (const part of command.split(/&&|\|\||;|\|/)) {
    const w = words(part).filter((x) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(x)); // FOO=1 npm test
    if (w.length === 0) continue;
    let exe = exeName(w[0]);
    let rest = w.slice(1);
    if ((exe === 'npx' || exe === 'sudo' || exe === 'env') && rest.length) {
      for (const t of EXE_TOOLS[exe] ?? []) tools.add(t);
      exe = exeName(rest[0]);
      rest = rest.slice(1);
    }
    for (const t of EXE_TOOLS[exe] ?? [exe]) tools.add(t);
    if (SCRIPT_RUNNERS.has(exe) && depth < MAX_SCRIPT_DEPTH) {
      const script = rest[0] === 'run' || rest[0] === 'run-script' ? rest[1] : rest[0];
      const body = script ? scripts[script] : undefined;
      if (body) for (const t of commandTools(body, scripts, depth + 1)) tools.add(t);
    }
  }
  return [...tools];
}

export interface DocsForCommandOptions {
  /** The root package.json `scripts`, to see through `npm run build`. */
  scripts?: Record<string, string>;
  limit?: number;
}

/** Matching entries, docs before changelog entries, strongest match first. */
export function docsForCommand(entries: readonly Entry[], command: string, options: DocsForCommandOptions = {}): Entry[] {
  const tools = new Set(commandTools(command, options.scripts));
  if (tools.size === 0) return [];
  const scored: { entry: Entry; score: number }[] = [];
  for (const entry of entries) {
    const t = entry.tags;
    if (!t) continue;
    let score = 0;
    for (const v of t.tools ?? []) if (tools.has(v.toLowerCase())) score += 3;
    for (const v of t.topics ?? []) if (tools.has(v.toLowerCase())) score += 2;
    for (const v of t.dependencies ?? []) if (tools.has(v.toLowerCase())) score += 1;
    for (const v of t.languages ?? []) if (tools.has(v.toLowerCase())) score += 1;
    if (score > 0) scored.push({ entry, score: score + (entry.kind === 'doc' ? 100 : 0) });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.entry.title.localeCompare(b.entry.title))
    .slice(0, options.limit ?? 3)
    .map((s) => s.entry);
}
