import * as assert from 'node:assert/strict';
import { parseCatalogInfo } from '../../../src/core/catalog/catalogInfo';
import { parseGithubWorkflow, parseGitlabCi } from '../../../src/core/docs/ciFiles';
import { parseDockerfile, parseImageRef } from '../../../src/core/docs/dockerfile';
import { buildRepoProfile, countLanguages } from '../../../src/core/docs/repoProfile';
import { TempRepo } from './repoFixture';

describe('parseDockerfile', () => {
  it('reads image and tag from a multi-stage build and skips stage references', () => {
    const r = parseDockerfile(['FROM node:16-alpine AS build', 'RUN npm ci', 'FROM build AS test', 'FROM nginx:1.25 AS final', 'COPY --from=build /app /usr/share/nginx/html'].join('\n'));
    assert.deepEqual(
      r.images.map((i) => [i.image, i.tag, i.line]),
      [
        ['node', '16-alpine', 1],
        ['nginx', '1.25', 4],
      ],
    );
    assert.deepEqual(r.notes, []);
  });

  it('substitutes global ARGs, honours --platform, defaults and lower-case keywords', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      'ARG NODE_VERSION=18.17.1',
      'ARG DISTRO="bookworm-slim"',
      'from --platform=$BUILDPLATFORM node:${NODE_VERSION}-${DISTRO} as deps',
      'FROM ${REGISTRY:-docker.io}/library/python:${PY:-3.12}',
      'FROM deps',
    ].join('\n');
    const r = parseDockerfile(text);
    assert.deepEqual(
      r.images.map((i) => [i.image, i.tag]),
      [
        ['node', '18.17.1-bookworm-slim'],
        ['python', '3.12'],
      ],
    );
  });

  it('joins line continuations and keeps registry ports, digests and scratch apart', () => {
    const text = ['FROM \\', '  registry.corp:5000/team/base:2.1@sha256:abc AS base', 'FROM scratch', 'FROM base'].join('\n');
    const r = parseDockerfile(text);
    assert.equal(r.images.length, 1);
    assert.deepEqual({ image: r.images[0].image, tag: r.images[0].tag, digest: r.images[0].digest, line: r.images[0].line }, { image: 'registry.corp:5000/team/base', tag: '2.1', digest: 'sha256:abc', line: 1 });
  });

  it('notes an ARG without a default instead of inventing a tag', () => {
    const r = parseDockerfile('ARG TAG\nFROM node:${TAG}\nARG IMG\n');
    assert.equal(r.images.length, 1);
    assert.equal(r.images[0].tag, undefined);
    assert.match(r.notes[0], /ARG TAG without a default/);
    const unknownImage = parseDockerfile('ARG BASE\nFROM $BASE');
    assert.equal(unknownImage.images.length, 0);
    assert.match(unknownImage.notes[0], /image is unknown/);
  });

  it('notes a file with no FROM and never throws on garbage', () => {
    assert.match(parseDockerfile('RUN echo hi').notes[0], /no FROM/);
    assert.doesNotThrow(() => parseDockerfile('FROM\n\\\n\u0000 AS'));
    assert.match(parseDockerfile('FROM \n').notes[0], /FROM without an image/);
  });

  it('treats docker.io/library/node, library/node and node as one image', () => {
    assert.equal(parseImageRef('docker.io/library/node:20').image, 'node');
    assert.equal(parseImageRef('library/node').image, 'node');
    assert.equal(parseImageRef('ghcr.io/org/app:1').image, 'ghcr.io/org/app');
  });
});

describe('parseGithubWorkflow', () => {
  it('collects step actions, reusable workflows, docker actions, containers and services', () => {
    const yml = `
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    container: node:16
    services:
      db: { image: postgres:14 }
    steps:
      - uses: actions/checkout@v3
      - uses: actions/setup-node@v4.0.2
      - uses: ./.github/actions/local
      - uses: docker://alpine:3.19
      - run: npm test
  reuse:
    uses: org/shared/.github/workflows/deploy.yml@main
`;
    const r = parseGithubWorkflow(yml, '.github/workflows/ci.yml');
    assert.deepEqual(
      r.actions.map((a) => `${a.action}@${a.ref}`),
      ['actions/checkout@v3', 'actions/setup-node@v4.0.2', 'org/shared/.github/workflows/deploy.yml@main'],
    );
    assert.deepEqual(
      r.images.map((i) => i.raw),
      ['node:16', 'postgres:14', 'alpine:3.19'],
    );
  });

  it('gives a note, not an exception, for malformed YAML', () => {
    const r = parseGithubWorkflow('jobs: [\n  - : :', '.github/workflows/bad.yml');
    assert.deepEqual(r.actions, []);
    assert.match(r.notes[0], /bad\.yml: not readable YAML/);
  });
});

describe('parseGitlabCi', () => {
  it('reads the default image and per-job images and services, skipping variables', () => {
    const r = parseGitlabCi(`
image: node:18
variables: { X: 1 }
test:
  image: { name: python:3.9 }
  services: [postgres:13, { name: redis:7 }]
deploy:
  image: $CI_REGISTRY/deployer:1
`);
    assert.deepEqual(
      r.images.map((i) => i.raw),
      ['node:18', 'python:3.9', 'postgres:13', 'redis:7'],
    );
    assert.match(r.notes[0], /uses a variable/);
  });
});

describe('parseCatalogInfo', () => {
  it('reads the Component among several documents', () => {
    const r = parseCatalogInfo(`apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  tags: [java, payments]
  links:
    - { url: https://runbook.example.com, title: Runbook }
    - { url: "javascript:alert(1)", title: Evil }
  annotations:
    github.com/project-slug: org/payments-api
spec: { type: service, owner: group:default/payments-team, system: payments, lifecycle: production }
`);
    assert.ok(r.ok);
    assert.equal(r.component.name, 'payments-api');
    assert.equal(r.component.owner, 'group:default/payments-team');
    assert.equal(r.component.system, 'payments');
    assert.deepEqual(r.component.links, [{ url: 'https://runbook.example.com', title: 'Runbook' }], 'the javascript: link is dropped');
    assert.equal(r.component.annotations['github.com/project-slug'], 'org/payments-api');
  });

  it('notes a file without metadata.name', () => {
    const r = parseCatalogInfo('kind: Component\nspec: {}\n');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /metadata\.name/);
  });
});

describe('buildRepoProfile', () => {
  let repo: TempRepo;
  afterEach(() => repo?.dispose());

  it('assembles dependencies, engines, images, actions, tools and languages from a real folder', async () => {
    repo = new TempRepo({
      'package.json': JSON.stringify({ dependencies: { 'left-pad': '^1.3.0' }, devDependencies: { typescript: '~5.9.0', 'left-pad': '^9' }, engines: { node: '>=16' }, packageManager: 'pnpm@9.1.0' }),
      'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/left-pad': { version: '1.3.0' } } }),
      Dockerfile: 'FROM node:16-alpine\n',
      'deploy.Dockerfile': 'FROM nginx:1.25\n',
      '.github/workflows/ci.yml': 'jobs:\n  b:\n    steps:\n      - uses: actions/checkout@v3\n',
      '.github/workflows/README.md': 'not a workflow',
      'Cargo.lock': '',
      'catalog-info.yaml': 'kind: Component\nmetadata:\n  name: payments-api\nspec:\n  owner: payments-team\n',
    });
    const p = await buildRepoProfile(repo, { filePaths: ['src/a.ts', 'src/b.ts', 'src/c.tsx', 'x.js', 'node_modules/y/z.js', 'types.d.ts', 'README'], remote: 'git@github.com:org/payments-api.git' });
    assert.deepEqual(p.dependencies, { 'left-pad': '^1.3.0', typescript: '~5.9.0' });
    assert.deepEqual(p.engines, { node: '>=16' });
    assert.deepEqual(p.lockedVersions, { 'left-pad': '1.3.0' });
    assert.deepEqual(p.images.map((i) => `${i.file}:${i.raw}`).sort(), ['Dockerfile:node:16-alpine', 'deploy.Dockerfile:nginx:1.25']);
    assert.deepEqual(p.actions.map((a) => `${a.file} ${a.action}@${a.ref}`), ['.github/workflows/ci.yml actions/checkout@v3']);
    for (const t of ['npm', 'cargo', 'node', 'pnpm', 'docker', 'github-actions']) assert.ok(p.tools.includes(t), `tools has ${t}: ${p.tools.join(',')}`);
    assert.deepEqual(p.languages, [
      { language: 'typescript', files: 3 },
      { language: 'javascript', files: 1 },
    ]);
    assert.equal(p.service?.name, 'payments-api');
    assert.equal(p.remote, 'git@github.com:org/payments-api.git');
    assert.deepEqual(p.notes, []);
  });

  it('turns malformed files into notes and keeps going', async () => {
    repo = new TempRepo({
      'package.json': '{ "dependencies": ',
      Dockerfile: 'FROM node:20\n',
      '.github/workflows/ci.yml': 'jobs: [',
      'catalog-info.yaml': ': : :\n  - [',
    });
    const p = await buildRepoProfile(repo);
    assert.deepEqual(p.dependencies, {});
    assert.equal(p.images[0].raw, 'node:20');
    assert.ok(p.notes.some((n) => /package\.json: not valid JSON/.test(n)));
    assert.ok(p.notes.some((n) => /ci\.yml: not readable YAML/.test(n)));
    assert.ok(p.notes.some((n) => /catalog-info\.yaml/.test(n)));
  });

  it('survives a RepoFiles whose reads throw', async () => {
    const failing = {
      read: async () => {
        throw new Error('EACCES');
      },
      list: async (dir: string) => (dir === '.' ? ['package.json'] : []),
    };
    const p = await buildRepoProfile(failing);
    assert.match(p.notes[0], /package\.json: could not be read \(EACCES\)/);
  });

  it('counts languages by extension and ignores vendored folders', () => {
    assert.deepEqual(countLanguages(['a.py', 'b.py', 'vendor/c.go', 'd.go', '.venv/x.py']), [
      { language: 'python', files: 2 },
      { language: 'go', files: 1 },
    ]);
  });
});
