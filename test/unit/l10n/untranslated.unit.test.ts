import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../common/manifest';
import { findUntranslated } from './untranslated';

// No user-visible literal bypasses translation (#15 item 9): every message, title and
// label in the host, the views, the commands, the webview and the core modules whose
// texts a person reads goes through vscode.l10n.t, l10n.t (@vscode/l10n) or the webview's t.

/** Texts allowed as they are, each with why. */
const ALLOW = new Set([
  // The product's name as the diagnostics' source: tests and people filter the Problems panel by it.
  'DX Pulse',
]);

const tsFiles = (dir: string): string[] =>
  fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? tsFiles(`${dir}/${d.name}`) : d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [`${dir}/${d.name}`] : []));

/**
 * The core modules whose texts a person reads (view models, hints, check details,
 * timeline, config problems). Core uses @vscode/l10n, configured by the host.
 */
const USER_VISIBLE_CORE = [
  'src/core/metrics/viewModel.ts',
  'src/core/metrics/metricsSession.ts',
  'src/core/metrics/metricsFetch.ts',
  'src/core/config/issueMessages.ts',
  'src/core/onboarding/progress.ts',
  'src/core/onboarding/evaluator.ts',
  'src/core/onboarding/commandLinks.ts',
  'src/core/docs/docsSession.ts',
  'src/core/docs/search.ts',
  'src/core/docs/affectedness.ts',
  'src/core/surveys/templates.ts',
  'src/core/surveys/eligibility.ts',
  'src/core/surveys/presentation.ts',
  'src/core/surveys/schedule.ts',
  'src/core/surveys/surveySession.ts',
  'src/core/surveys/answers.ts',
  'src/core/surveys/definitions.ts',
  'src/core/onboarding/definition.ts',
  'src/core/config/yamlLoader.ts',
  'src/core/config/pulseConfig.ts',
  'src/core/config/precedence.ts',
  'src/core/docs/entries.ts',
  'src/core/signals/setupWatch.ts',
  'src/core/signals/signalsSession.ts',
  'src/core/metrics/githubSource.ts',
  'src/core/metrics/gitSource.ts',
];

/** Where user-visible texts live. */
export const CHECKED = [...tsFiles('src/host'), ...tsFiles('src/views'), ...tsFiles('src/commands'), 'src/extension.ts', ...tsFiles('webview-ui/src'), ...USER_VISIBLE_CORE];

describe('no user-visible literal bypasses translation (#15 item 9)', () => {
  for (const file of CHECKED) {
    it(`${file} translates what it shows`, () => {
      const found = findUntranslated(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ALLOW).map((f) => `${file}:${f.line}: ${JSON.stringify(f.text)}`);
      assert.deepEqual(found, [], 'wrap these in vscode.l10n.t / l10n.t / t, or say why not with `// l10n-ignore: <why>`');
    });
  }

  describe('the check itself', () => {
    const check = (src: string) => findUntranslated('planted.ts', src).map((f) => f.text);

    it('fails on a planted message, button, title and template literal', () => {
      const src = [
        "import * as vscode from 'vscode';",
        "void vscode.window.showWarningMessage('Something went wrong here', 'Retry');",
        'const q = { title: `Pick one of ${n}`, placeHolder: "Search" };',
        "item.tooltip = 'Open';",
      ].join('\n');
      assert.deepEqual(check(src), ['Something went wrong here', 'Retry', 'Pick one of \u0001', 'Search', 'Open']);
    });

    it('passes translated texts, log lines, ids, keys, imports, classes and comparisons', () => {
      const src = [
        "import { plainText } from '../core/common/plainText';",
        "void vscode.window.showWarningMessage(vscode.l10n.t('Something went wrong: {0}', e), vscode.l10n.t('Try Again'));",
        "const s = l10n.t('Median time from commit to deploy');",
        "el('p', { class: 'metric card muted' }, l10n.t('No deployments yet'));",
        "log.warn(`could not read ${file}: it is gone`);",
        "this._log.info('sign-in unavailable, asking for a token');",
        "void vscode.commands.executeCommand('dxPulse.showLog');",
        "const m = { 'a key with spaces': 1 };",
        "if (detail === 'sharing is off now') return;",
        "throw new Error('not a platform URL at all');",
        "const re = new RegExp('a b c');",
        "type Reason = 'a literal type with words';",
        "const x = 'a b'; // l10n-ignore: a planted exemption",
      ].join('\n');
      assert.deepEqual(check(src), []);
    });

    it('needs a reason after l10n-ignore', () => {
      assert.deepEqual(check("const x = 'Shown to people'; // l10n-ignore:"), ['Shown to people']);
    });
  });
});
