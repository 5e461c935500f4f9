import * as assert from 'node:assert/strict';
import { loadPulseConfig } from '../../../src/core/config/pulseConfig';
import { mergeConfigLayers } from '../../../src/core/config/precedence';
import { buildRepoProfile } from '../../../src/core/docs/repoProfile';
import { parseGoldenPathChecks, type GoldenPathCheck } from '../../../src/core/goldenPath/definition';
import { dependencyVersion, evaluateGoldenPath, goldenPathEventData, scorecardKey } from '../../../src/core/goldenPath/evaluate';
import { repoConfigToLayer } from '../../../src/core/platform/repoConfigLayer';
import { TempRepo } from '../docs/repoFixture';

const CHECKS_YAML = `goldenPath:
  checks:
    - id: catalog-info
      title: Has catalog-info.yaml
      fileExists: catalog-info.yaml
      docUrl: https://platform.example.com/docs/catalog
    - id: health-check
      title: Has a health check
      fileMatches: { path: src/server.ts, pattern: '/app\\.get\\(["'']\\/healthz/' }
    - id: approved-base-image
      title: Base image from the approved registry
      dockerfileFrom: { pattern: 'registry.acme.dev/*' }
      fix: Build FROM registry.acme.dev/node instead of Docker Hub.
      docId: migrate-base-images
    - id: shared-ci
      title: Uses the shared CI workflow
      ciUsesWorkflow: { pattern: 'acme/ci/.github/workflows/build.yml@v2*' }
    - id: express-current
      title: Express 4.18 or later
      dependency: { name: express, range: '>=4.18.0' }
    - id: node-20
      title: Runs on Node 20 or later
      dependency: { name: node, range: '>=20', engine: true }
`;

function checks(): GoldenPathCheck[] {
  const r = loadPulseConfig(CHECKS_YAML);
  assert.deepEqual(r.diagnostics, []);
  return r.value!.goldenPath!.checks!;
}

describe('golden-path checks in .dx/pulse.yaml', () => {
  it('reads every rule kind with no diagnostics', () => {
    assert.deepEqual(checks().map((c) => c.id), ['catalog-info', 'health-check', 'approved-base-image', 'shared-ci', 'express-current', 'node-20']);
  });

  it('reports a check with two rules, a bad range, a glob path and a catastrophic regex at their lines, keeping the good one', () => {
    const r = loadPulseConfig(`goldenPath:
  checks:
    - id: two
      title: Two rules
      fileExists: a.txt
      dockerfileFrom: { pattern: 'x*' }
    - id: range
      title: Bad range
      dependency: { name: express, range: 'not a range' }
    - id: glob
      title: Glob
      fileExists: 'src/**/*.ts'
    - id: redos
      title: Lookbehind
      fileMatches: { path: a.txt, pattern: '/(?<=a)b/' }
    - id: ok
      title: Fine
      fileExists: README.md
    - id: ok
      title: Same id again
      fileExists: LICENSE
`);
    assert.deepEqual(r.value?.goldenPath?.checks?.map((c) => c.id), ['ok']);
    const lines = r.diagnostics.map((d) => [d.range.startLine + 1, d.severity]);
    assert.ok(r.diagnostics.some((d) => /exactly one rule/.test(d.message)), JSON.stringify(r.diagnostics));
    assert.ok(r.diagnostics.some((d) => /semver range/.test(d.message) && d.range.startLine === 8), JSON.stringify(lines));
    assert.ok(r.diagnostics.some((d) => /is a glob/.test(d.message) && d.range.startLine === 11));
    assert.ok(r.diagnostics.some((d) => /linear|regular expression/.test(d.message) && d.range.startLine === 14));
    assert.ok(r.diagnostics.some((d) => /used twice/.test(d.message) && d.severity === 'warning'));
  });

  it('keeps the platform check on the same id and adds the repository ones', () => {
    const platform = repoConfigToLayer({ repoId: 'r', features: {}, surveys: [], docSources: [], goldenPath: { checks: [{ id: 'catalog-info', title: 'Platform', fileExists: 'catalog-info.yaml' }, { id: 'broken', title: 'x' }] } });
    assert.deepEqual(platform.problems, ['platform goldenPath.checks[1]: a check needs exactly one rule: fileExists, fileMatches, dockerfileFrom, ciUsesWorkflow, dependency (skipped)']);
    const repo = { goldenPath: { checks: [{ id: 'catalog-info', title: 'Repo', fileExists: 'README.md' }, { id: 'extra', title: 'Extra', fileExists: 'LICENSE' }] } };
    const merged = mergeConfigLayers({ platform: platform.layer, repo, editorTelemetryEnabled: true }).config.goldenPath.checks;
    assert.deepEqual(merged.map((c) => [c.id, c.title]), [['catalog-info', 'Platform'], ['extra', 'Extra']]);
  });

  it('names what is wrong in platform checks that are not a list or are invalid', () => {
    assert.deepEqual(parseGoldenPathChecks({}).problems, ['goldenPath.checks: expected a list of checks']);
    assert.deepEqual(parseGoldenPathChecks(undefined), { checks: [], problems: [] });
    assert.match(parseGoldenPathChecks([{ id: 'a b', title: 't', fileExists: 'x' }]).problems[0]!, /^goldenPath\.checks\[0\]\.id: expected an id/);
  });
});

describe('evaluateGoldenPath on a real folder', () => {
  const passing: Record<string, string> = {
    'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: shop\nspec:\n  owner: team-a\n',
    'src/server.ts': "app.get('/healthz', (_req, res) => res.send('ok'));\n",
    Dockerfile: 'FROM registry.acme.dev/node:20 AS build\nFROM build\n',
    '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    uses: acme/ci/.github/workflows/build.yml@v2.3\n',
    'package.json': JSON.stringify({ dependencies: { express: '^4.17.0' }, engines: { node: '>=20' } }),
    'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/express': { version: '4.19.2' } } }),
  };
  const failing: Record<string, string> = {
    'src/server.ts': "app.get('/status', handler);\n",
    Dockerfile: 'FROM registry.acme.dev/node:20\nFROM node:16-alpine\n',
    '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
    'package.json': JSON.stringify({ dependencies: { express: '^4.17.0' }, engines: { node: '>=18' } }),
  };

  async function run(files: Record<string, string>) {
    const repo = new TempRepo(files);
    try {
      return await evaluateGoldenPath(checks(), repo, await buildRepoProfile(repo));
    } finally {
      repo.dispose();
    }
  }

  it('passes every check in a repository on the golden path, using the locked express version', async () => {
    const card = await run(passing);
    assert.deepEqual(card.results.map((r) => [r.id, r.passed]), [['catalog-info', true], ['health-check', true], ['approved-base-image', true], ['shared-ci', true], ['express-current', true], ['node-20', true]]);
    assert.equal(card.results[4]!.detail, 'express 4.19.2 satisfies >=4.18.0');
    assert.deepEqual([card.passed, card.total], [6, 6]);
  });

  it('fails each check with the reason and keeps fix and doc links', async () => {
    const card = await run(failing);
    assert.deepEqual(card.results.map((r) => [r.id, r.passed, r.detail]), [
      ['catalog-info', false, 'catalog-info.yaml is missing'],
      ['health-check', false, `src/server.ts does not match /app\\.get\\(["']\\/healthz/`],
      ['approved-base-image', false, 'Dockerfile uses node:16-alpine, which does not match registry.acme.dev/*'],
      ['shared-ci', false, 'no workflow uses acme/ci/.github/workflows/build.yml@v2*'],
      ['express-current', false, 'express 4.17.0 does not satisfy >=4.18.0'],
      ['node-20', false, 'node 18.0.0 does not satisfy >=20'],
    ]);
    assert.equal(card.results[2]!.fix, 'Build FROM registry.acme.dev/node instead of Docker Hub.');
    assert.equal(card.results[2]!.docId, 'migrate-base-images');
    assert.equal(card.results[0]!.docUrl, 'https://platform.example.com/docs/catalog');
  });

  it('fails a Dockerfile rule when there is no Dockerfile, and file rules on an empty folder', async () => {
    const card = await run({});
    assert.equal(card.passed, 0);
    assert.equal(card.results[2]!.detail, 'no Dockerfile with a FROM image at the repository root');
    assert.equal(card.results[5]!.detail, 'package.json engines does not name node');
  });

  it('sends only ids and pass/fail, and keys results regardless of order', async () => {
    const card = await run(failing);
    const data = goldenPathEventData(card);
    assert.deepEqual(Object.keys(data).sort(), ['checks', 'passed', 'total']);
    assert.ok(data.checks.every((c) => Object.keys(c).sort().join() === 'id,passed'));
    assert.equal(JSON.stringify(data).includes('healthz'), false);
    assert.equal(scorecardKey({ ...card, results: [...card.results].reverse() }), scorecardKey(card));
    assert.notEqual(scorecardKey(await run(passing)), scorecardKey(card));
  });

  it('reads versions from locks, exact versions, ranges and tags', () => {
    assert.equal(dependencyVersion('^1.2.0', '1.4.0'), '1.4.0');
    assert.equal(dependencyVersion('2.0.1', undefined), '2.0.1');
    assert.equal(dependencyVersion('~3.1', undefined), '3.1.0');
    assert.equal(dependencyVersion('latest', undefined), undefined);
    assert.equal(dependencyVersion('git+https://x/y.git', undefined), undefined);
  });
});
