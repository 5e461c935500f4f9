import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { addressKind, checkRequestTarget, hostsOf } from '../../../src/core/platform/requestTarget';

// Issue #16, item 11: a repository's or a platform's URL must not reach link-local
// addresses (the cloud metadata service) at all, nor private ranges unless the
// developer's own settings name that host.

const none = { userHosts: [] };
const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = (a: fc.Arbitrary<number>, b: fc.Arbitrary<number>) => fc.tuple(a, b, octet, octet);
const linkLocal4 = ipv4(fc.constant(169), fc.constant(254));
const private4 = fc.oneof(
  ipv4(fc.constant(10), octet),
  ipv4(fc.constant(172), fc.integer({ min: 16, max: 31 })),
  ipv4(fc.constant(192), fc.constant(168)),
);
const public4 = ipv4(fc.integer({ min: 1, max: 223 }), octet).filter(([a, b]) => a !== 10 && a !== 127 && !(a === 169 && b === 254) && !(a === 172 && b >= 16 && b <= 31) && !(a === 192 && b === 168));

/** The same IPv4 address in the notations a URL parser accepts. */
const spellings = (p: readonly number[]): string[] => {
  const n = ((p[0]! << 24) >>> 0) + (p[1]! << 16) + (p[2]! << 8) + p[3]!;
  return [
    p.join('.'),
    String(n),
    `0x${n.toString(16)}`,
    p.map((x) => `0${x.toString(8)}`).join('.'),
    `${p[0]}.${(p[1]! << 16) + (p[2]! << 8) + p[3]!}`,
    `[::ffff:${p.join('.')}]`,
    `[::ffff:${((p[0]! << 8) | p[1]!).toString(16)}:${((p[2]! << 8) | p[3]!).toString(16)}]`,
    `[64:ff9b::${p.join('.')}]`,
  ];
};
const hex16 = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
const v6 = (first: fc.Arbitrary<number>) => fc.tuple(first, fc.array(hex16, { minLength: 7, maxLength: 7 })).map(([f, rest]) => `[${[f.toString(16), ...rest].join(':')}]`);
const linkLocal6 = v6(fc.integer({ min: 0xfe80, max: 0xfebf }));
const private6 = v6(fc.integer({ min: 0xfc00, max: 0xfdff }));

describe('checkRequestTarget', () => {
  it('refuses link-local IPv4 in every notation, even when the user names it', () => {
    fc.assert(
      fc.property(linkLocal4, fc.nat(7), fc.constantFrom('https', 'http'), (p, k, scheme) => {
        const host = spellings(p)[k]!;
        const url = `${scheme}://${host}/latest/meta-data/`;
        assert.equal(checkRequestTarget(url, [], none).ok, false, url);
        assert.equal(checkRequestTarget(url, [], { userHosts: hostsOf([url]) }).ok, false, url);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses private IPv4 in every notation unless the user names that host', () => {
    fc.assert(
      fc.property(private4, fc.nat(7), (p, k) => {
        const url = `https://${spellings(p)[k]}:8443/feed.json`;
        assert.equal(checkRequestTarget(url, [], none).ok, false, url);
        assert.equal(checkRequestTarget(url, [], { userHosts: hostsOf([url]) }).ok, true, url);
        // the URL parser writes 0x0a000001, 167772161 and 012.0.0.01 as 10.0.0.1, so naming the dotted form names them all
        if (k < 5) assert.equal(checkRequestTarget(url, [], { userHosts: hostsOf([`https://${p.join('.')}/`]) }).ok, true, url);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses link-local IPv6 always and private IPv6 unless named', () => {
    fc.assert(
      fc.property(linkLocal6, private6, (ll, pr) => {
        assert.equal(checkRequestTarget(`https://${ll}/`, [], { userHosts: hostsOf([`https://${ll}/`]) }).ok, false, ll);
        assert.equal(checkRequestTarget(`https://${pr}/`, [], none).ok, false, pr);
        assert.equal(checkRequestTarget(`https://${pr}/`, [], { userHosts: hostsOf([`https://${pr}/`]) }).ok, true, pr);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a host name that resolves to a link-local or private address', () => {
    fc.assert(
      fc.property(fc.oneof(linkLocal4, private4), (p) => {
        const url = 'https://metadata.example.test/computeMetadata/v1/';
        assert.equal(checkRequestTarget(url, ['203.0.113.7', p.join('.')], none).ok, false);
      }),
    );
    assert.equal(checkRequestTarget('https://wiki.corp.test/feed.json', ['fe80::1'], none).ok, false);
    assert.equal(checkRequestTarget('https://wiki.corp.test/feed.json', ['10.1.2.3'], { userHosts: ['WIKI.corp.test'] }).ok, true);
    assert.equal(checkRequestTarget('https://wiki.corp.test/feed.json', ['169.254.169.254'], { userHosts: ['wiki.corp.test'] }).ok, false);
  });

  it('allows public addresses and loopback as before', () => {
    fc.assert(fc.property(public4, (p) => assert.equal(checkRequestTarget(`https://${p.join('.')}/`, [], none).ok, true, p.join('.'))));
    for (const url of ['http://127.0.0.1:3000/x', 'http://localhost:1234/', 'http://[::1]:80/', 'https://127.8.9.10/', 'https://api.github.com/repos']) {
      assert.equal(checkRequestTarget(url, url.includes('localhost') ? ['127.0.0.1', '::1'] : [], none).ok, true, url);
    }
    assert.equal(checkRequestTarget('https://api.github.com/', ['140.82.112.6'], none).ok, true);
  });

  it('refuses the unspecified address, which reaches local services', () => {
    for (const url of ['http://0.0.0.0:8080/', 'https://[::]/', 'https://0/']) assert.equal(checkRequestTarget(url, [], none).ok, false, url);
  });

  it('refuses what cannot be parsed', () => {
    assert.equal(checkRequestTarget('not a url', [], none).ok, false);
  });
});

describe('addressKind', () => {
  const cases: [string, string | undefined][] = [
    ['169.254.169.254', 'linkLocal'],
    ['10.0.0.1', 'private'],
    ['172.15.0.1', 'public'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['192.169.1.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fe80::1%eth0', 'linkLocal'],
    ['febf::1', 'linkLocal'],
    ['fec0::1', 'public'],
    ['fc00::1', 'private'],
    ['fdff:ffff::1', 'private'],
    ['fe00::1', 'public'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
    ['::ffff:7f00:1', 'loopback'],
    ['2001:db8::1', 'public'],
    ['1:2:3:4:5:6:7:8', 'public'],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['1::2::3', undefined],
    ['example.com', undefined],
    ['256.1.1.1', undefined],
  ];
  for (const [host, kind] of cases) it(`says ${host} is ${kind}`, () => assert.equal(addressKind(host), kind));
});
