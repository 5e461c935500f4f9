import { CATALOG_FILES, parseCatalogInfo, type CatalogComponent } from '../catalog/catalogInfo';
import { parseGithubWorkflow, parseGitlabCi, type ActionRef } from './ciFiles';
import { parseDockerfile, type ImageRef } from './dockerfile';

/**
 * What the docs feature needs to read from the workspace. The host implements it over
 * workspace.fs; tests over a temp folder or a map. Paths are relative to the repo root
 * with forward slashes.
 */
export interface RepoFiles {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  read(relPath: string): Promise<string | undefined>;
  /** Names (not paths) of the files directly inside `relDir` ('.' is the root); [] when absent. */
  list(relDir: string): Promise<string[]>;
}

export interface LanguageCount {
  language: string;
  files: number;
}

export interface RepoProfile {
  service?: CatalogComponent;
  remote?: string;
  /** dependencies and devDependencies of the root package.json: name -> declared range. */
  dependencies: Record<string, string>;
  engines: Record<string, string>;
  images: ImageRef[];
  actions: ActionRef[];
  /** Lower-case tool names: npm, pnpm, cargo, docker, github-actions, ... */
  tools: string[];
  /** Most files first. */
  languages: LanguageCount[];
  /** Root files whose versions are exact (lockfile resolutions), name -> version. */
  lockedVersions: Record<string, string>;
  /** What could not be read and why; shown in the log, never thrown. */
  notes: string[];
}

export interface ProfileOptions {
  /** Every file path of the workspace (relative), for language counts; may be capped by the host. */
  filePaths?: readonly string[];
  remote?: string;
}

const MAX_FILE_CHARS = 5_000_000;

const ROOT_TOOL_FILES: Record<string, string> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'pnpm-lock.yaml': 'pnpm',
  'yarn.lock': 'yarn',
  'bun.lockb': 'bun',
  'bun.lock': 'bun',
  'cargo.lock': 'cargo',
  'cargo.toml': 'cargo',
  'go.mod': 'go',
  'go.sum': 'go',
  'poetry.lock': 'poetry',
  'pipfile.lock': 'pipenv',
  'uv.lock': 'uv',
  'requirements.txt': 'pip',
  'gemfile.lock': 'bundler',
  'composer.lock': 'composer',
  'gradle.lockfile': 'gradle',
  'build.gradle': 'gradle',
  'build.gradle.kts': 'gradle',
  'pom.xml': 'maven',
  'mix.lock': 'mix',
  'packages.lock.json': 'nuget',
  'package.resolved': 'swiftpm',
  'makefile': 'make',
  'docker-compose.yml': 'docker-compose',
  'docker-compose.yaml': 'docker-compose',
  'compose.yaml': 'docker-compose',
  'chart.yaml': 'helm',
  '.gitlab-ci.yml': 'gitlab-ci',
  'jenkinsfile': 'jenkins',
  'tsconfig.json': 'typescript',
};

const EXTENSION_LANGUAGES: Record<string, string> = {
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  py: 'python', go: 'go', rs: 'rust', java: 'java', kt: 'kotlin', kts: 'kotlin',
  rb: 'ruby', php: 'php', cs: 'csharp', fs: 'fsharp', swift: 'swift', scala: 'scala',
  c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', hpp: 'cpp', ex: 'elixir', exs: 'elixir',
  sh: 'shell', bash: 'shell', tf: 'terraform', sql: 'sql', dart: 'dart', lua: 'lua',
  vue: 'vue', svelte: 'svelte', clj: 'clojure', hs: 'haskell', erl: 'erlang',
};

const IGNORED_DIRS = /(^|\/)(node_modules|\.git|dist|out|build|vendor|target|\.venv|venv|__pycache__|coverage)\//;

export function countLanguages(paths: readonly string[]): LanguageCount[] {
  const counts = new Map<string, number>();
  for (const p of paths) {
    const norm = p.replace(/\\/g, '/');
    if (IGNORED_DIRS.test(norm)) continue;
    const base = norm.slice(norm.lastIndexOf('/') + 1);
    if (base.endsWith('.d.ts')) continue;
    const dot = base.lastIndexOf('.');
    if (dot <= 0) continue;
    const lang = EXTENSION_LANGUAGES[base.slice(dot + 1).toLowerCase()];
    if (lang) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  return [...counts.entries()].map(([language, files]) => ({ language, files })).sort((a, b) => b.files - a.files || a.language.localeCompare(b.language));
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(record(v) ?? {})) if (typeof val === 'string') out[k] = val;
  return out;
}

async function readSafe(files: RepoFiles, path: string, notes: string[]): Promise<string | undefined> {
  try {
    const t = await files.read(path);
    if (t !== undefined && t.length > MAX_FILE_CHARS) {
      notes.push(`${path}: larger than ${MAX_FILE_CHARS} characters, skipped`);
      return undefined;
    }
    return t;
  } catch (e) {
    notes.push(`${path}: could not be read (${e instanceof Error ? e.message : String(e)})`);
    return undefined;
  }
}

async function listSafe(files: RepoFiles, dir: string, notes: string[]): Promise<string[]> {
  try {
    return await files.list(dir);
  } catch (e) {
    notes.push(`${dir}: could not be listed (${e instanceof Error ? e.message : String(e)})`);
    return [];
  }
}

function readPackageJson(text: string, profile: RepoProfile): void {
  let pkg: Record<string, unknown> | undefined;
  try {
    pkg = record(JSON.parse(text));
  } catch (e) {
    profile.notes.push(`package.json: not valid JSON (${e instanceof Error ? e.message : String(e)}); dependencies unknown`);
    return;
  }
  if (!pkg) {
    profile.notes.push('package.json: not a JSON object; dependencies unknown');
    return;
  }
  // devDependencies first so a runtime dependency's range wins when both name it.
  Object.assign(profile.dependencies, stringMap(pkg.devDependencies), stringMap(pkg.dependencies));
  Object.assign(profile.engines, stringMap(pkg.engines));
  profile.tools.push('node');
  if (typeof pkg.packageManager === 'string') {
    const pm = /^([a-z]+)@/.exec(pkg.packageManager)?.[1];
    if (pm) profile.tools.push(pm);
  }
}

/** Exact versions of the root's direct dependencies from an npm v2/v3 lockfile. */
function readPackageLock(text: string, profile: RepoProfile): void {
  try {
    const lock = record(JSON.parse(text));
    const packages = record(lock?.packages);
    if (!packages) return;
    for (const name of Object.keys(profile.dependencies)) {
      const v = record(packages[`node_modules/${name}`])?.version;
      if (typeof v === 'string') profile.lockedVersions[name] = v;
    }
  } catch {
    profile.notes.push('package-lock.json: not valid JSON; declared ranges are used instead');
  }
}

export async function buildRepoProfile(files: RepoFiles, options: ProfileOptions = {}): Promise<RepoProfile> {
  const profile: RepoProfile = { dependencies: {}, engines: {}, images: [], actions: [], tools: [], languages: [], lockedVersions: {}, notes: [], remote: options.remote };
  const notes = profile.notes;
  const root = await listSafe(files, '.', notes);
  const rootLower = new Map(root.map((n) => [n.toLowerCase(), n]));

  for (const [file, tool] of Object.entries(ROOT_TOOL_FILES)) if (rootLower.has(file)) profile.tools.push(tool);

  const catalogName = CATALOG_FILES.map((f) => rootLower.get(f)).find((f) => f !== undefined);
  if (catalogName) {
    const text = await readSafe(files, catalogName, notes);
    if (text !== undefined) {
      const r = parseCatalogInfo(text, catalogName);
      if (r.ok) profile.service = r.component;
      else notes.push(`${r.error} Service tags will not match.`);
    }
  }

  const pkgText = rootLower.has('package.json') ? await readSafe(files, rootLower.get('package.json')!, notes) : undefined;
  if (pkgText !== undefined) readPackageJson(pkgText, profile);
  const lockText = rootLower.has('package-lock.json') ? await readSafe(files, rootLower.get('package-lock.json')!, notes) : undefined;
  if (lockText !== undefined) readPackageLock(lockText, profile);

  const dockerfiles = root.filter((n) => /^(dockerfile|containerfile)(\..+)?$/i.test(n) || /\.dockerfile$/i.test(n));
  for (const name of dockerfiles) {
    const text = await readSafe(files, name, notes);
    if (text === undefined) continue;
    const r = parseDockerfile(text, name);
    profile.images.push(...r.images);
    notes.push(...r.notes);
  }
  if (dockerfiles.length > 0) profile.tools.push('docker');

  const workflows = (await listSafe(files, '.github/workflows', notes)).filter((n) => /\.ya?ml$/i.test(n));
  for (const name of workflows) {
    const path = `.github/workflows/${name}`;
    const text = await readSafe(files, path, notes);
    if (text === undefined) continue;
    const r = parseGithubWorkflow(text, path);
    profile.actions.push(...r.actions);
    profile.images.push(...r.images);
    notes.push(...r.notes);
  }
  if (workflows.length > 0) profile.tools.push('github-actions');

  const gitlab = rootLower.get('.gitlab-ci.yml');
  if (gitlab) {
    const text = await readSafe(files, gitlab, notes);
    if (text !== undefined) {
      const r = parseGitlabCi(text, gitlab);
      profile.images.push(...r.images);
      notes.push(...r.notes);
    }
  }

  if (options.filePaths) profile.languages = countLanguages(options.filePaths);
  profile.tools = [...new Set(profile.tools)];
  return profile;
}
