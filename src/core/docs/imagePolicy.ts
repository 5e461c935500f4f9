/**
 * Which images remote markdown may load. By default only from the hosts a person or
 * their organisation configured (the platform's, the docs feeds'): an image from
 * anywhere else would tell a third party when, and from where, someone read the doc.
 * dxPulse.docs.loadRemoteImages lifts that. Images load over https only, whatever this says.
 */
export function docsImagePolicy(configuredUrls: readonly (string | undefined)[], loadRemoteImages: boolean): { hosts: string[]; remote: boolean } {
  const hosts = new Set<string>();
  for (const raw of configuredUrls) {
    if (!raw) continue;
    try {
      const u = new URL(raw);
      if (u.protocol === 'https:' || u.protocol === 'http:') hosts.add(u.host);
    } catch {
      // not a URL (a repo-relative feed file): no host to allow
    }
  }
  return { hosts: [...hosts].sort(), remote: loadRemoteImages };
}
