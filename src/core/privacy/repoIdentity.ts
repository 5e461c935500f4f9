import { createHash } from 'node:crypto';
import { parseRemoteUrl } from '../metrics/serviceIdentity';

/**
 * `git@github.com:Org/Repo.git`, `https://user:token@github.com/org/repo`,
 * `ssh://git@github.com:22/org/repo.git` all become `github.com/org/repo`: the same
 * repository gets the same id from every clone, and no credentials survive.
 */
export function normalizeRemoteUrl(remote: string): string | undefined {
  return parseRemoteUrl(remote)?.slug.toLowerCase();
}

/** The repo as events carry it: hashed unless the developer chose to share names. */
export function repoIdentity(normalizedRemote: string, shareNames: boolean): { id: string; hashed: boolean } {
  if (shareNames) return { id: normalizedRemote, hashed: false };
  return { id: createHash('sha256').update(normalizedRemote).digest('hex'), hashed: true };
}
