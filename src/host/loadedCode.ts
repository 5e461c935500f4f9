import * as path from 'node:path';

/**
 * The extension's own bundle files (dist/*.js) that Node has loaded so far. The
 * activation log line names them, so a reader (and `npm run bench`'s
 * bundle_startup_bytes) sees what code start-up cost; the rest loads on first use.
 */
export function loadedBundleFiles(): string[] {
  const dir = __dirname;
  return Object.keys(require.cache)
    .filter((f) => path.dirname(f) === dir && f.endsWith('.js'))
    .map((f) => path.basename(f))
    .sort();
}
