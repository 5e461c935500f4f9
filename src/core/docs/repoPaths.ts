import * as path from 'node:path';

/** True for `https://...` and any other `scheme:`; anything else in docs.sources is a path inside the repo. */
export function isRemoteSource(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url.trim());
}

/**
 * A repo-relative path, normalised, or undefined when it would leave the repo (`..`,
 * absolute paths, drive letters): a repo's config must not make the editor read the
 * developer's other files.
 */
export function repoRelativePath(raw: string): string | undefined {
  const p = raw.trim().replace(/\\/g, '/');
  if (!p || p.startsWith('/') || /^[a-z]:/i.test(p)) return undefined;
  const norm = path.posix.normalize(p).replace(/^\.\//, '');
  if (norm === '.' || norm === '..' || norm.startsWith('../')) return undefined;
  return norm;
}
