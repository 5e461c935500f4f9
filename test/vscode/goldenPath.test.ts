import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DxPulseApi } from '../../src/extension';
import type { GoldenPathView } from '../../src/protocol/sidebar';
import { allEvents, collectedData, EXTENSION_ID, resetSharing, waitFor } from './helpers';

// The demo repository with golden-path checks in its .dx/pulse.yaml: catalog-info.yaml and
// the README pass, the node:16 Dockerfile and checkout@v3 fail. Results are evaluated by the
// extension over the real workspace; only ids and pass/fail reach the outbox, and only when
// they change.
const CHECKS = [
  'goldenPath:',
  '  checks:',
  '    - { id: catalog-info, title: Has catalog-info.yaml, fileExists: catalog-info.yaml }',
  "    - { id: approved-image, title: Approved base image, dockerfileFrom: { pattern: 'registry.acme.dev/*' } }",
  "    - { id: checkout-v4, title: Checkout v4, ciUsesWorkflow: { pattern: 'actions/checkout@v4*' } }",
  "    - { id: readme-develop, title: README says how to develop, fileMatches: { path: README.md, pattern: '/^## Develop$/m' } }",
  "    - { id: bad-range, title: Express, dependency: { name: express, range: 'soon' } }",
  '',
].join('\n');

describe('Golden path in the real editor', () => {
  let api: DxPulseApi;
  let root: string;
  const saved: Record<string, string> = {};
  const file = (rel: string) => path.join(root, rel);
  const ready = (pred: (v: Extract<GoldenPathView, { status: 'ready' }>) => boolean) => () => {
    const v = api.goldenPath.view;
    return v.status === 'ready' && pred(v) ? v : undefined;
  };
  const reported = async () => allEvents(await collectedData()).filter((e) => e.kind === 'goldenPath.evaluated');

  before(async () => {
    const ext = vscode.extensions.getExtension<DxPulseApi>(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
    api = await ext.activate();
    await resetSharing();
    root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    for (const rel of ['.dx/pulse.yaml', 'Dockerfile']) saved[rel] = fs.readFileSync(file(rel), 'utf8');
  });
  after(async () => {
    for (const [rel, text] of Object.entries(saved)) fs.writeFileSync(file(rel), text);
    await waitFor('the checks to go away', () => api.goldenPath.view.status === 'none' || undefined, 30_000);
  });

  it('evaluates the checks from .dx/pulse.yaml, shows an invalid one in Problems, and reports only ids and pass/fail', async () => {
    const before = (await reported()).length;
    fs.writeFileSync(file('.dx/pulse.yaml'), saved['.dx/pulse.yaml'] + CHECKS);
    const view = await waitFor('the scorecard', ready((v) => v.total === 4), 30_000);
    assert.deepEqual(view.checks.map((c) => [c.id, c.passed]), [['catalog-info', true], ['approved-image', false], ['checkout-v4', false], ['readme-develop', true]]);
    assert.equal(view.checks[1]!.detail, 'Dockerfile uses node:16-alpine, which does not match registry.acme.dev/*');
    const problems = await waitFor('the bad range in Problems', () => {
      const d = vscode.languages.getDiagnostics(vscode.Uri.file(file('.dx/pulse.yaml'))).filter((x) => /semver range/.test(x.message));
      return d.length ? d : undefined;
    });
    assert.equal(problems[0]!.range.start.line, saved['.dx/pulse.yaml'].split('\n').length - 1 + 6);
    const events = await waitFor('the goldenPath.evaluated event', async () => {
      const e = await reported();
      return e.length > before ? e : undefined;
    });
    const last = events[events.length - 1]!;
    assert.deepEqual(last.data, { checks: [{ id: 'catalog-info', passed: true }, { id: 'approved-image', passed: false }, { id: 'checkout-v4', passed: false }, { id: 'readme-develop', passed: true }], passed: 2, total: 4 });
    assert.ok(last.repo, 'attributed to the repository');
    assert.ok(!JSON.stringify(last).includes('node:16'), 'nothing read from a file');
  });

  it('reports again only when a result changes: a Dockerfile edit does, evaluating again does not', async () => {
    const before = (await reported()).length;
    await api.goldenPath.evaluate();
    assert.equal((await reported()).length, before, 'the same results are not reported twice');
    fs.writeFileSync(file('Dockerfile'), 'FROM registry.acme.dev/node:20-alpine\nWORKDIR /app\n');
    await waitFor('the Dockerfile change to be seen', ready((v) => v.passed === 3), 30_000);
    const events = await waitFor('a second event', async () => {
      const e = await reported();
      return e.length > before ? e : undefined;
    });
    assert.equal(events.length, before + 1);
    assert.deepEqual((events[events.length - 1]!.data as { passed: number }).passed, 3);
  });
});
