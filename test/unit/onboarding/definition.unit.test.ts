import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadOnboarding } from '../../../src/core/onboarding/definition';
const EXAMPLE_ONBOARDING_YAML = fs.readFileSync(path.resolve(__dirname, '../../../media/onboarding-example.yaml'), 'utf8');

const step = (id: string, extra = ''): string => `  - id: ${id}\n    title: Step ${id}\n${extra}`;

describe('loadOnboarding', () => {
  it('loads the example checklist without a single diagnostic', () => {
    const r = loadOnboarding(EXAMPLE_ONBOARDING_YAML);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.value?.steps.length, 7);
  });

  it('keeps docs/onboarding.md showing the same example the demo writes', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/onboarding.md'), 'utf8');
    assert.ok(doc.includes(EXAMPLE_ONBOARDING_YAML.trimEnd()), 'docs/onboarding.md must embed EXAMPLE_ONBOARDING_YAML verbatim');
  });

  it('says once which key is at fault when no step is valid', () => {
    const r = loadOnboarding('steps:\n  - 1\n');
    assert.ok(r.diagnostics.some((d) => d.message === 'steps: needs at least one valid step'), r.diagnostics.map((d) => d.message).join(' | '));
  });

  it('reports an unknown check type at its line, suggests the right one, and keeps the other steps', () => {
    const text = `steps:\n${step('a', '    check: {type: manual}\n')}${step('b', '    check:\n      type: fle\n      path: .env\n')}${step('c')}`;
    const r = loadOnboarding(text);
    assert.deepEqual(r.value?.steps.map((s) => s.id), ['a', 'c']);
    assert.equal(r.diagnostics.length, 1);
    const d = r.diagnostics[0]!;
    assert.equal(
      d.message,
      "steps[1].check.type: expected one of file, tool, command, setting, extension, event, manual; got 'fle' (did you mean 'file'?); steps[1] is ignored until this is fixed",
    );
    assert.deepEqual(d.range, { startLine: 7, startCol: 12, endLine: 7, endCol: 15 });
  });

  it('reports a wrong type deep in a step at the value', () => {
    const r = loadOnboarding(`steps:\n${step('a', '    check:\n      type: tool\n      name: node\n      minVersion: latest\n')}${step('b')}`);
    assert.deepEqual(r.value?.steps.map((s) => s.id), ['b']);
    assert.equal(r.diagnostics[0]!.range.startLine, 6);
    assert.match(r.diagnostics[0]!.message, /^steps\[0\]\.check\.minVersion: minVersion must be a version such as 20/);
  });

  it('reports a missing title on the step that lacks it', () => {
    const r = loadOnboarding('steps:\n  - id: a\n    title: A\n  - id: b\n    check: {type: manual}\n');
    assert.deepEqual(r.value?.steps.map((s) => s.id), ['a']);
    const d = r.diagnostics[0]!;
    assert.match(d.message, /^steps\[1\]: missing required key 'title'/);
    assert.equal(d.range.startLine, 3);
  });

  it('reports a missing check type on the check key', () => {
    const r = loadOnboarding('steps:\n  - id: a\n    title: A\n    check:\n      path: x\n');
    assert.equal(r.value, undefined);
    const d = r.diagnostics.find((x) => x.message.includes("missing required key 'type'"))!;
    assert.equal(d.range.startLine, 3);
    assert.equal(d.range.startCol, 4);
  });

  it('reports a cycle in prerequisites at the edge that closes it and removes only that edge', () => {
    const text = `steps:\n${step('a', '    prerequisites: [c]\n')}${step('b', '    prerequisites: [a]\n')}${step('c', '    prerequisites: [b]\n')}`;
    const r = loadOnboarding(text);
    assert.equal(r.diagnostics.length, 1);
    const d = r.diagnostics[0]!;
    // Depth-first from a: a needs c, c needs b, b needs a: b's edge closes the cycle.
    assert.equal(d.message, "steps[1].prerequisites[0]: prerequisites form a cycle (a -> c -> b -> a); 'a' is ignored as a prerequisite of 'b'");
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, { startLine: 6, startCol: 20, endLine: 6, endCol: 21 });
    const withEdges = r.value!.steps.filter((s) => (s.prerequisites ?? []).length > 0);
    assert.equal(withEdges.length, 2, 'two of the three edges remain');
  });

  it('reports unknown prerequisite ids and duplicate step ids', () => {
    const text = `steps:\n${step('a', '    prerequisites: [nope]\n')}${step('a')}`;
    const r = loadOnboarding(text);
    assert.deepEqual(
      r.diagnostics.map((d) => [d.range.startLine, d.message]),
      [
        [3, "steps[0].prerequisites[0]: unknown step id 'nope' (known: a); ignored"],
        [4, "steps[1].id: duplicate step id 'a'; this step is ignored"],
      ],
    );
    assert.deepEqual(r.value?.steps, [{ id: 'a', title: 'Step a', prerequisites: [] }]);
  });

  it('says when a prerequisite names a step that was ignored for its own errors', () => {
    const text = `steps:\n${step('a', '    check: {type: nope}\n')}${step('b', '    prerequisites: [a]\n')}`;
    const r = loadOnboarding(text);
    assert.ok(r.diagnostics.some((d) => d.message === "steps[1].prerequisites[0]: prerequisite 'a' has errors and is ignored; fix that step first"));
  });

  it('rejects a tool name that is a shell snippet', () => {
    const r = loadOnboarding(`steps:\n${step('a', '    check: {type: tool, name: "node; rm -rf ~"}\n')}${step('b')}`);
    assert.match(r.diagnostics[0]!.message, /a tool name is a program name/);
  });

  it('requires exactly one of url or command on a link', () => {
    const r = loadOnboarding(`steps:\n${step('a', '    links:\n      - {title: both, url: u, command: c}\n      - {title: ok, command: c}\n')}`);
    assert.deepEqual(r.value?.steps[0]?.links, [{ title: 'ok', command: 'c' }]);
    assert.equal(r.diagnostics[0]!.range.startLine, 4);
  });
});
