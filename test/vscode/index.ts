// Entry point loaded by the extension host (code-server here, @vscode/test-electron on
// machines with internet). Suites are bundled into this file, so they are required
// explicitly after mocha's globals exist.
import * as fs from 'node:fs';
import Mocha from 'mocha';
import * as vscode from 'vscode';

// Suites must load after 'pre-require' has set mocha's globals, hence require(), not import.
/* eslint-disable @typescript-eslint/no-require-imports */
function requireSuites(): void {
  require('./extension.test');
  require('./signals.test');
  require('./docs.test');
  require('./onboarding.test');
  require('./delivery.test');
  require('./surveys.test');
  require('./security.test');
  require('./callerSecurity.test');
  require('./docsSecurity.test');
  require('./platform.test');
  require('./ci.test');
  require('./reachEvents.test');
  require('./reports.test');
  require('./goldenPath.test');
}

/* eslint-enable @typescript-eslint/no-require-imports */

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env.DX_PULSE_TEST_GREP;
  if (grep) mocha.grep(grep);
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  requireSuites();

  // A plain-text report built from runner events: the extension host's stdout is not
  // visible to the harness, so it reads this file instead.
  const lines: string[] = [];
  const stats = await new Promise<{ passed: number; failed: number; pending: number }>((resolve) => {
    const runner = mocha.run();
    runner.on('suite', (s) => s.title && lines.push(`${'  '.repeat(depth(s))}${s.title}`));
    runner.on('pass', (t) => lines.push(`${'  '.repeat(depth(t))}✔ ${t.title} (${t.duration ?? 0} ms)`));
    runner.on('pending', (t) => lines.push(`${'  '.repeat(depth(t))}- ${t.title} (skipped)`));
    runner.on('fail', (t, err: Error) => lines.push(`${'  '.repeat(depth(t))}✘ ${t.title}\n${indent(err.stack ?? err.message, depth(t) + 2)}`));
    runner.on('end', () => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
  });
  lines.push('', `extension host (VS Code ${vscode.version}): ${stats.passed} passed, ${stats.failed} failed, ${stats.pending} skipped`);
  const report = process.env.DX_PULSE_TEST_REPORT;
  if (report) fs.writeFileSync(report, lines.join('\n') + '\n');
  else console.log(lines.join('\n'));
  if (stats.failed > 0) throw new Error(`${stats.failed} test(s) failed in the extension host`);
}

function depth(x: { parent?: unknown }): number {
  let d = 0;
  for (let p = x.parent as { parent?: unknown; title?: string } | undefined; p && p.title; p = p.parent as typeof p) d++;
  return d;
}

function indent(text: string, n: number): string {
  return text
    .split('\n')
    .map((l) => '  '.repeat(n) + l)
    .join('\n');
}
