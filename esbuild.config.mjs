// Two bundles: the extension (Node, CommonJS, 'vscode' external) and the sidebar's
// browser code (ESM). `--watch` rebuilds on change; `--production` minifies and drops
// source maps, which is what `npm run package` ships.
import * as esbuild from 'esbuild';
import fs from 'node:fs';

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
    // axios imports form-data only for multipart uploads, which DX Pulse never sends;
    // the real package brings mime-db (~140 KB) along. See src/host/shims/formData.ts.
    alias: { 'form-data': './src/host/shims/formData.ts' },
    plugins: [re2jsChunk],
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

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
