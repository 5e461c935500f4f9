import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commandLinkConfirmation, isSafeLinkCommand } from '../../../src/core/onboarding/commandLinks';
import { loadOnboarding, outsideWorkspaceReason } from '../../../src/core/onboarding/definition';
import { probeToolVersion } from '../../../src/host/toolProbe';
import { MemoryLog } from '../outbox/outboxTestKit';

// Issue #16, item 5: what a repository's (or a platform's) onboarding checklist can make
// DX Pulse do.

const step = (id: string, check: string) => `  - id: ${id}\n    title: Step ${id}\n    check:\n${check}`;

describe('onboarding file checks stay inside the workspace', () => {
  const outside = ['../secrets/.env', '../../etc/passwd', 'config/../../x', '/etc/passwd', '\\\\server\\share\\x', 'C:\\Users\\me\\.ssh\\id_rsa', 'c:/x', '~/.ssh/id_rsa', 'file:///etc/passwd', '{..,x}/secret', '**/../*.pem'];
  for (const p of outside) {
    it(`refuses ${JSON.stringify(p)} with a diagnostic at its line, and keeps the other steps`, () => {
      const text = `steps:\n${step('a', `      type: file\n      path: ${JSON.stringify(p)}\n`)}${step('b', '      type: file\n      path: .env\n')}`;
      const r = loadOnboarding(text);
      assert.deepEqual(r.value?.steps.map((s) => s.id), ['b']);
      assert.equal(r.diagnostics.length, 1, JSON.stringify(r.diagnostics));
      assert.equal(r.diagnostics[0]!.range.startLine, text.split('\n').findIndex((l) => l.startsWith('      path: ')));
      assert.match(r.diagnostics[0]!.message, /^steps\[0\]\.check\.path: .*(absolute|\.\.|home folder|URL).*inside the workspace/);
    });
  }
  for (const p of ['.env', 'config/local.json', '**/*.env', 'node_modules/', '.vscode/settings.json', 'a..b/c', 'docs/*.md']) {
    it(`accepts ${JSON.stringify(p)}`, () => assert.equal(outsideWorkspaceReason(p), undefined));
  }
});

describe('onboarding tool checks', () => {
  it('refuses tool names that are paths or dot-dot', () => {
    for (const name of ['..', '../bin/node', './node', '-rf', '.hidden']) {
      const r = loadOnboarding(`steps:\n${step('a', `      type: tool\n      name: ${JSON.stringify(name)}\n`)}`);
      assert.equal(r.value, undefined, name);
      assert.ok(r.diagnostics.some((d) => /check\.name: a tool name is a program name/.test(d.message) && d.range.startLine === 5), name);
    }
  });

  describe('probeToolVersion', function () {
    if (process.platform === 'win32') return;
    let repo: string;
    const cwd = process.cwd();
    const PATH = process.env.PATH;
    before(() => {
      // A cloned repository ships its own "tool" and the editor was started in it (`code .`);
      // PATH has an empty entry (a trailing ':'), which means the current folder.
      repo = fs.mkdtempSync(path.join(os.tmpdir(), 'dxp-probe-repo-'));
      fs.writeFileSync(path.join(repo, 'dxp-probe-tool'), '#!/bin/sh\necho "pwned 99.0"\n', { mode: 0o755 });
      process.chdir(repo);
      process.env.PATH = `${PATH}:`;
    });
    after(() => {
      process.chdir(cwd);
      process.env.PATH = PATH;
      fs.rmSync(repo, { recursive: true, force: true });
    });

    it('never runs a program from the current folder: it probes from a fixed folder', async () => {
      assert.equal(await probeToolVersion('dxp-probe-tool', new MemoryLog()), undefined);
      assert.equal(await probeToolVersion('dxp-probe-tool', new MemoryLog(), { cwd: os.tmpdir() }), undefined);
    });

    it('still finds real tools on PATH', async () => {
      assert.match((await probeToolVersion('node', new MemoryLog())) ?? '', /^v\d+/);
    });

    it('refuses a name that is not a bare program name, without running anything', async () => {
      const log = new MemoryLog();
      assert.equal(await probeToolVersion('./dxp-probe-tool', log), undefined);
      assert.equal(await probeToolVersion(path.join(repo, 'dxp-probe-tool'), log), undefined);
    });
  });
});

describe('onboarding command links', () => {
  it('runs only commands that open something without asking', () => {
    for (const id of ['workbench.action.openSettings', 'workbench.action.tasks.runTask', 'workbench.view.extensions', 'dxPulse.showCollectedData']) assert.ok(isSafeLinkCommand(id), id);
    for (const id of ['workbench.action.tasks.build', 'workbench.action.tasks.test', 'workbench.action.terminal.sendSequence', 'workbench.action.terminal.runSelectedText', 'git.push', 'dxPulse.exportCollectedData', 'dxPulse.signOut', 'some.extension.deploy']) {
      assert.ok(!isSafeLinkCommand(id), id);
    }
  });

  it('names the command, its title and where the checklist came from', () => {
    const repo = commandLinkConfirmation({ id: 'workbench.action.tasks.build', title: 'Tasks: Run Build Task', linkTitle: 'Build it', source: 'repo' });
    assert.match(repo.message, /Tasks: Run Build Task.*workbench\.action\.tasks\.build/);
    assert.match(repo.detail, /"Build it" in this repository's onboarding checklist \(\.dx\/onboarding\.yaml\)/);
    const platform = commandLinkConfirmation({ id: 'acme.deploy', linkTitle: 'Deploy', source: 'platform' });
    assert.match(platform.message, /acme\.deploy/);
    assert.match(platform.detail, /your platform's onboarding checklist/);
  });
});
