import * as assert from 'node:assert/strict';
import type { OnboardingDefinition, OnboardingEvent } from '../../../src/core/onboarding/definition';
import { evaluateChecklist, type Facts } from '../../../src/core/onboarding/evaluator';

class FakeFacts implements Facts {
  files = new Map<string, 'file' | 'folder'>();
  tools = new Map<string, string>();
  commandsRun = new Set<string>();
  settings = new Map<string, unknown>();
  installedExtensions = new Set<string>();
  events = new Set<OnboardingEvent>();
  manualTicks = new Set<string>();
  fileExists(p: string, kind?: 'file' | 'folder'): boolean {
    const k = this.files.get(p);
    return k !== undefined && (kind === undefined || kind === k);
  }
  toolVersion(name: string): string | undefined {
    return this.tools.get(name);
  }
  setting(key: string): unknown {
    return this.settings.get(key);
  }
}

const def: OnboardingDefinition = {
  steps: [
    { id: 'node', title: 'Node', check: { type: 'tool', name: 'node', minVersion: '20' } },
    { id: 'deps', title: 'Deps', prerequisites: ['node'], check: { type: 'file', path: 'node_modules', kind: 'folder' } },
    { id: 'env', title: 'Env', check: { type: 'file', path: '.env' } },
    { id: 'eslint', title: 'ESLint', check: { type: 'extension', id: 'dbaeumer.vscode-eslint' } },
    { id: 'fmt', title: 'Format', check: { type: 'setting', key: 'editor.formatOnSave', equals: true } },
    { id: 'cmd', title: 'Open walkthrough', check: { type: 'command', id: 'dxPulse.openWalkthrough' } },
    { id: 'build', title: 'Build', prerequisites: ['deps'], check: { type: 'event', event: 'buildSucceeded' } },
    { id: 'buddy', title: 'Meet buddy' },
  ],
};

const byId = (facts: Facts) => new Map(evaluateChecklist(def, facts).steps.map((s) => [s.id, s]));

describe('evaluateChecklist', () => {
  it('reports every step pending or blocked on a fresh machine, and what to watch', () => {
    const state = evaluateChecklist(def, new FakeFacts());
    assert.equal(state.done, 0);
    assert.equal(state.total, 8);
    assert.equal(state.complete, false);
    const s = new Map(state.steps.map((x) => [x.id, x]));
    assert.equal(s.get('node')!.status, 'pending');
    assert.equal(s.get('node')!.detail, 'node not found on PATH');
    assert.equal(s.get('deps')!.status, 'blocked');
    assert.deepEqual(s.get('deps')!.blockedBy, ['node']);
    assert.deepEqual(state.watch, {
      kinds: ['command', 'event', 'extension', 'file', 'manual', 'setting', 'tool'],
      files: ['node_modules', '.env'],
      tools: ['node'],
    });
  });

  it('fails a tool check below minVersion with the version found, and passes at or above it', () => {
    const facts = new FakeFacts();
    facts.tools.set('node', 'v18.19.0');
    assert.equal(byId(facts).get('node')!.detail, 'node 18.19.0 found; needs 20 or later');
    assert.equal(byId(facts).get('node')!.status, 'pending');
    facts.tools.set('node', 'v20.11.1');
    assert.equal(byId(facts).get('node')!.status, 'done');
    assert.equal(byId(facts).get('deps')!.status, 'pending', 'unblocked once node is done');
  });

  it('passes each kind of check when its fact is present', () => {
    const facts = new FakeFacts();
    facts.tools.set('node', 'v22.1.0');
    facts.files.set('node_modules', 'folder');
    facts.files.set('.env', 'file');
    facts.installedExtensions.add('DBaeumer.vscode-eslint');
    facts.settings.set('editor.formatOnSave', true);
    facts.commandsRun.add('dxPulse.openWalkthrough');
    facts.events.add('buildSucceeded');
    facts.manualTicks.add('buddy');
    const state = evaluateChecklist(def, facts);
    assert.deepEqual(state.steps.filter((s) => s.status !== 'done').map((s) => s.id), []);
    assert.equal(state.complete, true);
    assert.deepEqual(state.watch, { kinds: [], files: [], tools: [] });
  });

  it('does not accept a file where a folder is required, nor a setting with another value', () => {
    const facts = new FakeFacts();
    facts.files.set('node_modules', 'file');
    facts.settings.set('editor.formatOnSave', false);
    const s = byId(facts);
    assert.notEqual(s.get('deps')!.status, 'done');
    assert.equal(s.get('fmt')!.detail, 'editor.formatOnSave is not set to true');
  });

  it('counts a step done when its check passes even if a prerequisite is still open', () => {
    const facts = new FakeFacts();
    facts.files.set('node_modules', 'folder');
    const s = byId(facts);
    assert.equal(s.get('deps')!.status, 'done');
    assert.equal(s.get('build')!.status, 'pending');
  });

  it('tells the host which fact kind each step depends on', () => {
    const s = byId(new FakeFacts());
    assert.equal(s.get('build')!.dependsOn, 'event');
    assert.equal(s.get('env')!.dependsOn, 'file');
    assert.equal(s.get('buddy')!.dependsOn, 'manual');
  });

  it('reports progress as done out of total', () => {
    const facts = new FakeFacts();
    facts.manualTicks.add('buddy');
    facts.files.set('.env', 'file');
    const state = evaluateChecklist(def, facts);
    assert.equal(state.done, 2);
    assert.equal(state.total, 8);
  });
});
