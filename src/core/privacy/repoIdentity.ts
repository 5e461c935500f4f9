import { createHash } from 'node:crypto';

/**
 * `git@github.com:Org/Repo.git`, `https://user:token@github.com/org/repo`,
 * `ssh://git@github.com:22/org/repo.git` all become `github.com/org/repo`: the same
 * repository gets the same id from every clone, and no credentials survive.
 */
export function normalizeRemoteUrl(remote: string): string | undefined {
  let s = remote.trim();
  if (!s) return undefined;
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(s);
  if (scp && !/^[a-z+]+:\/\//i.test(s)) {
    s = `${scp[1]}/${scp[2]}`;
  } else {
    try {
      const u = new URL(s);
      if (u.protocol === 'file:') return undefined;
      s = `${u.hostname}${u.pathname}`;
    } catch {
      return undefined;
    }
  }
  s = s.replace(/\.git\/?$/, '').replace(/\/+$/, '').replace(/\/{2,}/g, '/');
  const [host, ...rest] = s.split('/');
  if (!host || rest.length === 0) return undefined;
  return `${host.toLowerCase()}/${rest.join('/').toLowerCase()}`;
}

/** The repo as events carry it: hashed unless the developer chose to share names. */
export function repoIdentity(normalizedRemote: string, shareNames: boolean): { id: string; hashed: boolean } {
  if (shareNames) return { id: normalizedRemote, hashed: false };
  return { id: createHash('sha256').update(normalizedRemote).digest('hex'), hashed: true };
}
