import * as assert from 'node:assert/strict';
import { parseCatalogInfo } from '../../../src/core/catalog/catalogInfo';
import { parseRemoteUrl, resolveServiceIdentity } from '../../../src/core/metrics/serviceIdentity';

const CATALOG = `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: checkout-api
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  tags: [payments, java]
  links:
    - url: https://dash.example.com/checkout
      title: Dashboard
  annotations:
    github.com/project-slug: acme/checkout-service
    backstage.io/techdocs-ref: dir:.
spec:
  type: service
  lifecycle: production
  owner: team-payments
  system: commerce
`;

describe('parseCatalogInfo', () => {
  it('reads the Component of a multi-document file', () => {
    const r = parseCatalogInfo(CATALOG);
    assert.ok(r.ok);
    assert.equal(r.component.name, 'checkout');
    assert.equal(r.component.owner, 'team-payments');
    assert.equal(r.component.system, 'commerce');
    assert.deepEqual(r.component.tags, ['payments', 'java']);
    assert.deepEqual(r.component.links, [{ url: 'https://dash.example.com/checkout', title: 'Dashboard' }]);
    assert.equal(r.component.annotations['backstage.io/techdocs-ref'], 'dir:.');
    assert.deepEqual(r.component.githubSlug, { owner: 'acme', repo: 'checkout-service' });
  });

  it('gives a clear error, never a throw, for malformed YAML', () => {
    const r = parseCatalogInfo('kind: Component\nmetadata: {name: [unclosed\n');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /catalog-info\.yaml is not valid YAML/);
  });

  it('falls back to another entity for docs, and metrics say there is no Component', () => {
    const r = parseCatalogInfo('kind: System\nmetadata:\n  name: x\n');
    assert.ok(r.ok);
    assert.equal(r.component.kind, 'System');
    const id = resolveServiceIdentity({ catalogText: 'kind: System\nmetadata:\n  name: x\n', folderName: 'f' });
    assert.equal(id.source, 'folder');
    assert.match(id.catalogProblem ?? '', /no "kind: Component" entity \(found: System\)/);
  });

  it('reports a Component without a name', () => {
    const r = parseCatalogInfo('kind: Component\nmetadata:\n  title: x\n');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /Component in catalog-info\.yaml is not usable: it has no metadata\.name/);
  });

  it('handles an empty file and a file that is only a scalar', () => {
    assert.equal(parseCatalogInfo('').ok, false);
    assert.equal(parseCatalogInfo('just text').ok, false);
  });
});

describe('parseRemoteUrl', () => {
  const cases: [string, string][] = [
    ['git@github.com:acme/checkout.git', 'github.com/acme/checkout'],
    ['https://github.com/acme/checkout', 'github.com/acme/checkout'],
    ['https://github.com/acme/checkout.git/', 'github.com/acme/checkout'],
    ['https://user:s3cret@GitHub.com/acme/checkout.git', 'github.com/acme/checkout'],
    ['ssh://git@github.example.com:2222/acme/checkout.git', 'github.example.com/acme/checkout'],
    ['git://example.org/acme/checkout', 'example.org/acme/checkout'],
    ['git@gitlab.com:group/sub/checkout.git', 'gitlab.com/group/sub/checkout'],
  ];
  for (const [url, slug] of cases) {
    it(`normalizes ${url}`, () => {
      assert.equal(parseRemoteUrl(url)?.slug, slug);
    });
  }

  it('rejects what is not a remote', () => {
    assert.equal(parseRemoteUrl('/home/me/repo'), undefined);
    assert.equal(parseRemoteUrl('file:///srv/repo.git'), undefined);
    assert.equal(parseRemoteUrl('https://github.com/onlyorg'), undefined);
    assert.equal(parseRemoteUrl('not a url'), undefined);
  });

  it('never keeps credentials', () => {
    assert.ok(!JSON.stringify(parseRemoteUrl('https://x:tok@github.com/a/b')).includes('tok'));
  });
});

describe('resolveServiceIdentity', () => {
  it('prefers the catalog and its GitHub slug', () => {
    const id = resolveServiceIdentity({ catalogText: CATALOG, remoteUrl: 'git@github.com:acme/other.git', folderName: 'f' });
    assert.equal(id.source, 'catalog');
    assert.equal(id.service, 'checkout');
    assert.equal(id.team, 'team-payments');
    assert.deepEqual(id.github, { host: 'github.com', owner: 'acme', repo: 'checkout-service' });
  });

  it('falls back to the remote and says why the catalog was skipped', () => {
    const id = resolveServiceIdentity({ catalogText: 'kind: [', remoteUrl: 'https://github.com/acme/shop.git', folderName: 'f' });
    assert.equal(id.source, 'remote');
    assert.equal(id.service, 'shop');
    assert.deepEqual(id.github, { host: 'github.com', owner: 'acme', repo: 'shop' });
    assert.match(id.catalogProblem ?? '', /not valid YAML/);
  });

  it('treats a configured GitHub Enterprise host as GitHub, others not', () => {
    const ghe = resolveServiceIdentity({ remoteUrl: 'git@ghe.acme.io:team/app.git', folderName: 'f', githubHosts: ['github.com', 'ghe.acme.io'] });
    assert.deepEqual(ghe.github, { host: 'ghe.acme.io', owner: 'team', repo: 'app' });
    const gl = resolveServiceIdentity({ remoteUrl: 'git@gitlab.com:team/app.git', folderName: 'f' });
    assert.equal(gl.github, undefined);
  });

  it('uses the folder name when there is neither', () => {
    assert.deepEqual(resolveServiceIdentity({ folderName: 'my-app' }), { service: 'my-app', source: 'folder' });
  });
});

describe('parseCatalogInfo with a malformed link', () => {
  it('skips the bad link and keeps the service and team', () => {
    const r = parseCatalogInfo(['apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', '  name: payments-api', '  links:', '    - title: no url here', '    - url: https://runbook.example.com', 'spec:', '  owner: team-payments', ''].join('\n'));
    assert.ok(r.ok);
    assert.equal(r.component.name, 'payments-api');
    assert.equal(r.component.owner, 'team-payments');
    assert.deepEqual(r.component.links, [{ url: 'https://runbook.example.com' }]);
  });
});
