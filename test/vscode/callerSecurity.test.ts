import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/commands/testHooks';
import type { DxPulseApi } from '../../src/extension';
import type { SurveyResult } from '../../src/host/surveyController';
import { PlatformServer } from '../fixtures/platformServer';
import { activateExtension, allEvents, collectedData, EXTENSION_ID, resetSharing, runWorkspaceTask, setSetting, waitFor } from './helpers';

// Issue #16, items 5 and 9, where the behaviour belongs to the editor: what a repository's
// checklist, another extension or a `command:` link can make DX Pulse do, and who can read
// what it keeps on disk.

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Snapshot {
  status: string;
  state?: { steps: { id: string; status: string }[]; total: number };
}
const onboardingState = async (): Promise<Snapshot> => (await vscode.commands.executeCommand<Snapshot>('dxPulse.onboarding.state'))!;

describe('Security in the real editor (#16)', () => {
  let hooks: TestHooks;
  before(async () => {
    await activateExtension();
    await resetSharing();
    hooks = (vscode.extensions.getExtension(EXTENSION_ID)!.exports as DxPulseApi).testing!;
    assert.ok(hooks, 'the suites run in the extension\u2019s Test mode, with its testing hooks');
  });
  afterEach(() => {
    hooks.acceptCallerArguments = true;
    delete hooks.answerConfirmation;
  });

  it('keeps the outbox, sent.jsonl and the caches readable by this account only', async function () {
    if (process.platform === 'win32') this.skip();
    assert.equal(await runWorkspaceTask('build'), 0);
    await waitFor('the task event in the outbox', async () => allEvents(await collectedData()).some((e) => e.kind === 'task.ended') || undefined);
    const storage = hooks.storageDir!;
    const outbox = path.join(storage, 'outbox');
    assert.ok(fs.existsSync(outbox), outbox);
    const seen: string[] = [];
    const check = (dir: string) => {
      assert.equal(fs.statSync(dir).mode & 0o777, 0o700, `${dir} is a private folder`);
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) check(p);
        else if (e.isFile()) {
          seen.push(e.name);
          assert.equal(fs.statSync(p).mode & 0o777, 0o600, `${p} is readable by this account only`);
        }
      }
    };
    check(outbox);
    assert.ok(seen.some((n) => n.endsWith('.jsonl')), seen.join(', '));
  });

  describe('commands run by another extension or a command: link', () => {
    it('does not submit survey answers a caller passes', async () => {
      const answered = async () => allEvents(await collectedData()).filter((e) => e.kind === 'survey.answered' && e.data.surveyId === 'dx-quarterly').length;
      const before = await answered();
      hooks.acceptCallerArguments = false;
      const r = await vscode.commands.executeCommand<SurveyResult>('dxPulse.takeSurvey', 'dx-quarterly', { answers: { satisfaction: 1 } });
      assert.equal(r?.outcome, 'invalid');
      hooks.acceptCallerArguments = true;
      await sleep(500);
      assert.equal(await answered(), before, 'no answer was recorded');
    });

    it('does not sign in with a token a caller passes (it would sign the developer in to someone else\'s account)', async () => {
      const server = await PlatformServer.start();
      try {
        server.token = 'attacker-token';
        await setSetting('dxPulse.platform.url', server.url);
        hooks.acceptCallerArguments = false;
        const running = Promise.resolve(vscode.commands.executeCommand('dxPulse.signIn', 'attacker-token'));
        // The token prompt is open for the developer instead: dismiss it.
        await sleep(1000);
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        await Promise.race([running, sleep(5000)]);
        hooks.acceptCallerArguments = true;
        assert.equal(await runWorkspaceTask('build'), 0);
        const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as DxPulseApi;
        await waitFor('delivery to find itself not signed in', () => api.delivery.status.state === 'authFailed' || undefined, 45_000);
        assert.ok(!server.requests.some((r) => r.headers.authorization === 'Bearer attacker-token'), 'the caller\'s token was used');
      } finally {
        await vscode.commands.executeCommand('dxPulse.signOut');
        await setSetting('dxPulse.platform.url', undefined);
        await server.close();
      }
    });

    it('does not write the export to a file a caller names', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-pulse-sec-'));
      const target = path.join(dir, 'overwritten.json');
      try {
        hooks.acceptCallerArguments = false;
        const running = Promise.resolve(vscode.commands.executeCommand('dxPulse.exportCollectedData', vscode.Uri.file(target)));
        await sleep(1500);
        assert.ok(!fs.existsSync(target), 'nothing was written where the caller asked');
        // The save dialog is open for the developer instead: dismiss it.
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        await Promise.race([running, sleep(5000)]);
        assert.ok(!fs.existsSync(target));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("a repository's onboarding checklist", () => {
    const file = (): vscode.Uri => vscode.Uri.joinPath(folder(), '.dx', 'onboarding.yaml');
    let original = '';
    let ran = 0;
    let sideEffect: vscode.Disposable;
    const outside = path.join(path.dirname(folder().fsPath), 'dx-pulse-outside-the-repo.txt');
    const diagnostics = () => vscode.languages.getDiagnostics(file()).filter((d) => d.source === 'DX Pulse');

    before(async () => {
      original = new TextDecoder().decode(await vscode.workspace.fs.readFile(file()));
      sideEffect = vscode.commands.registerCommand('dxPulseTest.sideEffect', () => ran++);
      fs.writeFileSync(outside, 'a file outside the workspace\n');
      const text =
        original.trimEnd() +
        '\n\n  - id: sec-link\n    title: Deploy\n    links:\n      - title: Deploy everything\n        command: dxPulseTest.sideEffect\n' +
        '\n  - id: sec-file\n    title: Outside\n    check:\n      type: file\n      path: ../dx-pulse-outside-the-repo.txt\n';
      await write(file(), text);
      await waitFor('the checklist with the link step', async () => (await onboardingState()).state?.steps.some((s) => s.id === 'sec-link') || undefined);
    });
    after(async () => {
      sideEffect.dispose();
      fs.rmSync(outside, { force: true });
      await write(file(), original);
      await waitFor('the original checklist', async () => ((await onboardingState()).state?.total === 7 && diagnostics().length === 0) || undefined);
    });

    it('asks before a command link runs a command, naming the command and the checklist', async () => {
      const asked: { message: string; detail: string }[] = [];
      hooks.answerConfirmation = (message, detail) => {
        asked.push({ message, detail });
        return undefined; // the developer cancels
      };
      await vscode.commands.executeCommand('dxPulse.onboarding.openStepLink', 'sec-link', 0);
      assert.equal(ran, 0, 'the command did not run');
      assert.equal(asked.length, 1, 'a confirmation was asked');
      assert.match(asked[0]!.message, /dxPulseTest\.sideEffect/);
      assert.match(asked[0]!.detail, /"Deploy everything" in this repository's onboarding checklist \(\.dx\/onboarding\.yaml\)/);

      hooks.answerConfirmation = () => 'Run Command';
      await vscode.commands.executeCommand('dxPulse.onboarding.openStepLink', 'sec-link', 0);
      assert.equal(ran, 1, 'it runs once the developer confirms');
    });

    it('refuses a file check outside the workspace, at its line, instead of telling whether the file exists', async () => {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file()));
      const line = text.split('\n').findIndex((l) => l.includes('../dx-pulse-outside-the-repo.txt'));
      const d = await waitFor('a diagnostic on the path', () => diagnostics().find((x) => /leaves the workspace/.test(x.message)));
      assert.equal(d.range.start.line, line);
      const s = await onboardingState();
      assert.ok(!s.state?.steps.some((x) => x.id === 'sec-file'), 'the step is left out');
    });
  });
});
