import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, runWorkspaceTask, waitFor } from './helpers';

interface StepState {
  id: string;
  status: 'done' | 'pending' | 'blocked';
  detail: string;
}
interface Snapshot {
  status: string;
  source?: string;
  state?: { steps: StepState[]; done: number; total: number; watch: { files: string[] } };
}

const state = async (): Promise<Snapshot> => (await vscode.commands.executeCommand<Snapshot>('dxPulse.onboarding.state'))!;
const stepOf = (s: Snapshot, id: string): StepState | undefined => s.state?.steps.find((x) => x.id === id);
const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));

describe('Onboarding in the real editor', () => {
  before(activateExtension);

  it("loads the demo workspace's checklist and checks the tools on PATH", async () => {
    const s = await waitFor('the checklist to load', async () => ((await state()).status === 'ready' ? state() : undefined));
    assert.equal(s.source, 'repo');
    assert.deepEqual(s.state!.steps.map((x) => x.id), ['node', 'deps', 'env', 'build', 'test', 'runbook', 'first-commit']);
    // The extension host runs on Node 18 or later, so `node --version` must pass.
    assert.equal(stepOf(s, 'node')!.status, 'done', stepOf(s, 'node')!.detail);
    assert.match(stepOf(s, 'node')!.detail, /^node \d+\.\d+\.\d+ found$/);
    assert.equal(stepOf(s, 'env')!.status, 'pending');
    assert.equal(stepOf(s, 'env')!.detail, 'waiting for file .env');
    assert.equal(stepOf(s, 'runbook')!.status, 'pending');
    assert.ok(s.state!.watch.files.includes('.env'), 'the .env path is watched while the step is open');
  });

  it('ticks the .env step when the file appears in the workspace', async () => {
    const env = vscode.Uri.joinPath(folder(), '.env');
    const before = (await state()).state!.done;
    await write(env, 'PORT=3000\n');
    try {
      // No refresh here: only the file system watcher can tell the controller.
      const s = await waitFor('the env step to tick', async () => {
        const s = await state();
        return stepOf(s, 'env')?.status === 'done' ? s : undefined;
      });
      assert.equal(stepOf(s, 'env')!.detail, '.env exists');
      assert.equal(s.state!.done, before + 1);
      assert.ok(!s.state!.watch.files.includes('.env'), 'a done step is no longer watched');
    } finally {
      await vscode.workspace.fs.delete(env);
    }
  });

  it('ticks the build step after a successful build task, and remembers it', async () => {
    // (Other suites may have built already; the .env test above proves ticking on an event.)
    assert.equal(await runWorkspaceTask('build'), 0);
    await waitFor('the build step to tick', async () => stepOf(await state(), 'build')?.status === 'done' || undefined);
    // A failure later does not untick it: the first success is what onboarding asks for.
    assert.equal(await runWorkspaceTask('lint (fails)'), 1);
    await vscode.commands.executeCommand('dxPulse.onboarding.refresh');
    assert.equal(stepOf(await state(), 'build')!.status, 'done');
  });

  it('shows the setup timeline with the steps done so far', async () => {
    const raw = await vscode.commands.executeCommand<string>('dxPulse.showOnboardingTimeline');
    // Step titles are escaped markdown (every ASCII punctuation character): read them as they render.
    const md = raw!.replace(/\\([!-/:-@[-`{-~])/g, '$1');
    assert.match(md, /^# Your onboarding timeline: Get productive on payments-api/);
    assert.match(md, /\| Create your \.env \| done \|/);
    assert.match(md, /\| Build the service \| done \|/);
    assert.match(md, /\*\*Setup time:\*\* not finished yet/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('a setting step, as docs/onboarding.md describes it (#17 item 17)', () => {
    const file = (): vscode.Uri => vscode.Uri.joinPath(folder(), '.dx', 'onboarding.yaml');
    let original = '';
    const settingsFile = () => vscode.Uri.joinPath(folder(), '.vscode', 'settings.json');
    let hadSettings = true;
    before(async () => {
      hadSettings = await vscode.workspace.fs.stat(settingsFile()).then(() => true, () => false);
      original = new TextDecoder().decode(await vscode.workspace.fs.readFile(file()));
      await write(file(), `${original.trimEnd()}\n\n  - id: words\n    title: Turn on word wrap\n    check: {type: setting, key: editor.wordWrap, equals: bounded}\n`);
      await waitFor('the eighth step', async () => (await state()).state?.total === 8 || undefined);
    });
    after(async () => {
      await vscode.workspace.getConfiguration('editor').update('wordWrap', undefined, vscode.ConfigurationTarget.Workspace);
      // Leave the workspace as it was: the file VS Code created for the setting goes too.
      if (!hadSettings) await vscode.workspace.fs.delete(settingsFile()).then(undefined, () => undefined);
      await write(file(), original);
      await waitFor('all seven steps back', async () => (await state()).state?.total === 7 || undefined);
    });

    it("is open while only the default applies, and ticks from the workspace's .vscode/settings.json", async () => {
      assert.equal(stepOf(await state(), 'words')!.status, 'pending');
      await vscode.workspace.getConfiguration('editor').update('wordWrap', 'bounded', vscode.ConfigurationTarget.Workspace);
      await waitFor('the setting step to tick', async () => stepOf(await state(), 'words')?.status === 'done' || undefined);
    });
  });

  describe('mistakes in .dx/onboarding.yaml', () => {
    const file = (): vscode.Uri => vscode.Uri.joinPath(folder(), '.dx', 'onboarding.yaml');
    let original = '';
    const diagnostics = () => vscode.languages.getDiagnostics(file()).filter((d) => d.source === 'DX Pulse');

    before(async () => {
      original = new TextDecoder().decode(await vscode.workspace.fs.readFile(file()));
    });
    after(async () => {
      await write(file(), original);
      await waitFor('the problems to clear', () => (diagnostics().length === 0 ? true : undefined));
      await waitFor('all seven steps back', async () => (await state()).state?.total === 7 || undefined);
    });

    it('reports a wrong check type at its line while the other steps keep working', async () => {
      const text = original.replace('      type: event\n      event: buildSucceeded', '      type: evnt\n      event: buildSucceeded');
      assert.notEqual(text, original);
      await write(file(), text);
      const diags = await waitFor('a diagnostic', () => (diagnostics().length > 0 ? diagnostics() : undefined));
      const line = text.split('\n').indexOf('      type: evnt');
      assert.equal(diags.length, 1);
      assert.equal(diags[0]!.range.start.line, line);
      assert.equal(diags[0]!.severity, vscode.DiagnosticSeverity.Error);
      assert.match(diags[0]!.message, /steps\[3\]\.check\.type: .*got 'evnt' \(did you mean 'event'\?\); steps\[3\] is ignored until this is fixed/);
      const s = await waitFor('six steps', async () => ((await state()).state?.total === 6 ? state() : undefined));
      assert.equal(s.status, 'ready');
      assert.ok(!stepOf(s, 'build'), 'the broken step is left out');
      assert.equal(stepOf(s, 'node')!.status, 'done', 'the valid steps keep working');
    });

    it('reports broken YAML at the line with the bad indentation and keeps the last good checklist', async () => {
      const text = original.replace('    title: Build the service\n', '   title: Build the service\n');
      await write(file(), text);
      const line = text.split('\n').indexOf('   title: Build the service');
      const diags = await waitFor('a syntax diagnostic', () => {
        const d = diagnostics();
        return d.some((x) => x.message.startsWith('YAML syntax')) ? d : undefined;
      });
      assert.equal(diags[0]!.range.start.line, line, diags.map((d) => `${d.range.start.line}: ${d.message}`).join('\n'));
      assert.match(diags[0]!.message, /^YAML syntax: /);
      const s = await state();
      assert.equal(s.status, 'ready', 'the last good checklist stays in use');
      assert.equal(s.state!.total, 6);
    });
  });
});
