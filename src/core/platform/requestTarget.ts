// Which hosts a request may reach. A repository's `.dx/pulse.yaml`, a docs feed or a
// platform can hand DX Pulse URLs that it fetches on its own when a folder opens; without
// a check, those could point at the cloud metadata service (169.254.169.254) or at the
// developer's internal network, from inside the network. Link-local addresses are refused
// always, private ranges unless the developer's own settings name that host; loopback
// stays allowed (local fixtures, tunnels), as the https-or-loopback rule already says.

export type AddressKind = 'loopback' | 'linkLocal' | 'private' | 'unspecified' | 'public';

export type TargetVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface TargetPolicy {
  /** Host names (or IP literals) that the developer's own settings name, in any case. */
  readonly userHosts: readonly string[];
}

/** Dotted-quad IPv4 as four numbers, or undefined. */
function parseIpv4(s: string): [number, number, number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number) as [number, number, number, number];
  return parts.every((p) => p <= 255) ? parts : undefined;
}

/** IPv6 (without brackets, no zone) as eight 16-bit groups, or undefined. */
function parseIpv6(input: string): number[] | undefined {
  let s = input.toLowerCase();
  if (!/^[0-9a-f:.]+$/.test(s) || !s.includes(':')) return undefined;
  // an embedded IPv4 tail (::ffff:1.2.3.4) becomes its two groups
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (tail) {
    const p = parseIpv4(tail[1]!);
    if (!p) return undefined;
    s = s.slice(0, tail.index) + ((p[0] << 8) | p[1]).toString(16) + ':' + ((p[2] << 8) | p[3]).toString(16);
  }
  if (s.includes('.')) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  let groups: string[];
  if (halves.length === 2) {
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return undefined;
    groups = [...head, ...Array<string>(fill).fill('0'), ...rest];
  } else {
    if (head.length !== 8) return undefined;
    groups = head;
  }
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => parseInt(g, 16));
}

function kindOfIpv4([a, b]: readonly number[]): AddressKind {
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'linkLocal';
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 0) return 'unspecified';
  return 'public';
}

/** What kind of address an IP literal is; undefined for a host name. */
export function addressKind(host: string): AddressKind | undefined {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const v4 = parseIpv4(bare);
  if (v4) return kindOfIpv4(v4);
  const v6 = parseIpv6(bare.replace(/%.*$/, ''));
  if (!v6) return undefined;
  if (v6.every((g) => g === 0)) return 'unspecified';
  if (v6.slice(0, 7).every((g) => g === 0) && v6[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses are their IPv4 address
  if (v6.slice(0, 5).every((g) => g === 0) && (v6[5] === 0xffff || v6[5] === 0)) return kindOfIpv4([v6[6]! >> 8, v6[6]! & 0xff]);
  // NAT64 (64:ff9b::a.b.c.d) reaches the IPv4 address too
  if (v6[0] === 0x64 && v6[1] === 0xff9b && v6.slice(2, 6).every((g) => g === 0)) return kindOfIpv4([v6[6]! >> 8, v6[6]! & 0xff]);
  if ((v6[0]! & 0xffc0) === 0xfe80) return 'linkLocal';
  if ((v6[0]! & 0xfe00) === 0xfc00) return 'private';
  return 'public';
}

/** The host part of a URL as the URL parser normalises it (IPv4 in any notation becomes dotted). */
export function urlHost(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The hosts a list of URLs names (the developer's own settings), for TargetPolicy.userHosts. */
export function hostsOf(urls: readonly (string | undefined)[]): string[] {
  return urls.map((u) => (u ? urlHost(u) : undefined)).filter((h): h is string => !!h);
}

/**
 * May a request go to this URL, whose host resolved to `addresses` (the IP literal
 * itself when the URL names one)? Pure: the transport does the lookup.
 */
export function checkRequestTarget(url: string, addresses: readonly string[], policy: TargetPolicy): TargetVerdict {
  const host = urlHost(url);
  if (host === undefined) return { ok: false, reason: 'the URL cannot be parsed' };
  const named = policy.userHosts.some((h) => h.toLowerCase() === host);
  const literal = addressKind(host);
  for (const address of literal ? [host, ...addresses] : addresses) {
    const kind = addressKind(address);
    if (kind === 'linkLocal') return { ok: false, reason: `${host} is a link-local address (${address}), which DX Pulse never contacts` };
    if ((kind === 'private' || kind === 'unspecified') && !named) {
      return { ok: false, reason: `${host} is on a private network (${address}); DX Pulse contacts a private address only when your own settings name that host` };
    }
  }
  return { ok: true };
}
