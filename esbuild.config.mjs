// Two bundles: the extension (Node, CommonJS, 'vscode' external) and the sidebar's
// browser code (ESM). `--watch` rebuilds on change; `--production` minifies and drops
// source maps, which is what `npm run package` ships.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: production ? 'none' : 'inline',
  logLevel: 'info',
};

// re2js (the linear-time engine for regexes a repository supplies, ~150 KB) is its own
// file, required only when such a pattern is used: activation never loads it.
/** @type {esbuild.Plugin} */
const re2jsChunk = {
  name: 're2js-chunk',
  setup(build) {
    build.onResolve({ filter: /^re2js$/ }, () => ({ path: './re2js.js', external: true }));
  },
};

// Libraries that activation does not need, each bundled into its own dist/<name>.js and
// required on first use: YAML (.dx files, catalog-info, CI files), HTTP (axios: the
// platform, docs and GitHub requests, all made after activate() returns), git
// (simple-git, asked after activate() returns), markdown (marked: docs and changelogs)
// and semver (onboarding version checks, docs impact). Together they were over half of
// dist/extension.js, parsed and run on every window start before any of it is used.
//
// The source keeps its ordinary imports (types, tests and editors see the real
// packages); in the extension bundle each import resolves to a stand-in module whose
// exports are getters that require the real file when first read. esbuild reads a
// CommonJS module's exports at each use (`import_yaml.parse(...)`), so nothing loads
// until something calls into the library. The stand-in's export names are read from the
// built library file, so they always match it.
const LAZY_LIBRARIES = ['yaml', 'axios', 'simple-git', 'marked', 'semver'];

/** @param {Record<string, {keys: string[], esModule: boolean}>} shapes */
function lazyLibraries(shapes) {
  const filter = new RegExp(`^(${LAZY_LIBRARIES.map((n) => n.replace(/[-/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'lazy-libraries',
    /** @param {esbuild.PluginBuild} build */
    setup(build) {
      build.onResolve({ filter }, (args) => (args.namespace === 'lazy-library' ? { path: `./${args.path}.js`, external: true } : { path: args.path, namespace: 'lazy-library' }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-library' }, (args) => {
        const shape = shapes[args.path];
        const lines = [
          'let lib;',
          `const load = () => (lib ??= require(${JSON.stringify(args.path)}));`,
          ...(shape.esModule ? ["Object.defineProperty(exports, '__esModule', { value: true });"] : []),
          `for (const key of ${JSON.stringify(shape.keys)}) Object.defineProperty(exports, key, { enumerable: true, get: () => load()[key] });`,
        ];
        return { contents: lines.join('\n'), loader: 'js', resolveDir: process.cwd() };
      });
    },
  };
}

// A dependency of more than one of them is its own file too, not a copy in each:
// debug (with ms and supports-color), which both axios and simple-git bring.
const SHARED_DEPENDENCIES = ['debug'];

/** @type {esbuild.BuildOptions} */
const lazyLibraryBuild = {
  ...common,
  entryPoints: Object.fromEntries([...LAZY_LIBRARIES, ...SHARED_DEPENDENCIES].map((n) => [n, `lazy-entry:${n}`])),
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  mainFields: ['module', 'main'],
  // axios imports form-data only for multipart uploads, which DX Pulse never sends;
  // the real package brings mime-db (~140 KB) along. See src/host/shims/formData.ts.
  alias: { 'form-data': './src/host/shims/formData.ts' },
  plugins: [
    {
      name: 'lazy-entry',
      setup(build) {
        build.onResolve({ filter: /^lazy-entry:/ }, (args) => ({ path: args.path.slice('lazy-entry:'.length), namespace: 'lazy-entry' }));
        build.onLoad({ filter: /.*/, namespace: 'lazy-entry' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js', resolveDir: process.cwd() }));
        const shared = new RegExp(`^(${SHARED_DEPENDENCIES.join('|')})$`);
        build.onResolve({ filter: shared }, (args) => (args.namespace === 'lazy-entry' ? undefined : { path: `./${args.path}.js`, external: true }));
      },
    },
  ],
};

/** What each built library file exports, for its stand-in. */
function libraryShapes() {
  const req = createRequire(import.meta.url);
  return Object.fromEntries(
    LAZY_LIBRARIES.map((n) => {
      const file = path.resolve('dist', `${n}.js`);
      delete req.cache[file];
      const mod = req(file);
      return [n, { keys: Object.keys(mod).filter((k) => k !== '__esModule'), esModule: mod.__esModule === true }];
    }),
  );
}

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    plugins: [re2jsChunk], // and lazyLibraries, added below once the library files exist
  },
  {
    ...common,
    entryPoints: { re2js: 'node_modules/re2js/build/index.cjs' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
  },
  {
    ...common,
    entryPoints: { webview: 'webview-ui/src/main.ts', docViewer: 'webview-ui/src/docViewer.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    loader: { '.css': 'text' },
  },
];

if (process.argv.includes('--tests')) {
  // Only the suites that run inside the real extension host, bundled with mocha; the
  // extension under test is the packaged VSIX, so dist/ is left as it is.
  builds.length = 0;
  builds.push({
    ...common,
    sourcemap: 'inline',
    entryPoints: { index: 'test/vscode/index.ts' },
    // mocha's parallel mode resolves worker files at run time; the suites never use it.
    logOverride: { 'require-resolve-not-external': 'silent' },
    outdir: process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'out/test/vscode',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
  });
}

// The codicon font and stylesheet, for <vscode-icon> in the webview.
if (!process.argv.includes('--tests')) {
  fs.mkdirSync('dist', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(`node_modules/@vscode/codicons/dist/${f}`, `dist/${f}`);
}

if (!process.argv.includes('--tests')) {
  // The libraries first: the extension's stand-ins are made from what they export.
  await esbuild.build(lazyLibraryBuild);
  builds[0].plugins = [...(builds[0].plugins ?? []), lazyLibraries(libraryShapes())];
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
