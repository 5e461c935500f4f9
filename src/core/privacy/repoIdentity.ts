import { createHash } from 'node:crypto';
import { parseRemoteUrl } from '../metrics/serviceIdentity';
import type { PulseConfig } from '../config/pulseConfig';

/**
 * `git@github.com:Org/Repo.git`, `https://user:token@github.com/org/repo`,
 * `ssh://git@github.com:22/org/repo.git` all become `github.com/org/repo`: the same
 * repository gets the same id from every clone, and no credentials survive.
 */
export function normalizeRemoteUrl(remote: string): string | undefined {
  return parseRemoteUrl(remote)?.slug.toLowerCase();
}

/**
 * The repo as events carry it: hashed unless the developer chose to share names. Without
 * a salt anyone can hash a public repository's URL and recognise it; an organization's
 * salt (`dxPulse.privacy.repoIdSalt`, set by policy) makes the id `sha256(salt + remote)`,
 * which only holders of the salt can recompute. See docs/privacy.md.
 */
export function repoIdentity(normalizedRemote: string, shareNames: boolean, salt = ''): { id: string; hashed: boolean } {
  if (shareNames) return { id: normalizedRemote, hashed: false };
  return { id: createHash('sha256').update(salt + normalizedRemote).digest('hex'), hashed: true };
}

/** The repo id every event and platform request uses, as the merged configuration says (names or hash, the org's salt). */
export function configuredRepoIdentity(config: Pick<PulseConfig, 'privacy' | 'local'>, normalizedRemote: string): { id: string; hashed: boolean } {
  return repoIdentity(normalizedRemote, config.privacy.shareRepoNames, config.local.repoIdSalt);
}
