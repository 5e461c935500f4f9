import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG, DEFAULT_DEPLOY_BRANCH } from '../../../src/core/config/pulseConfig';
import { manifest } from '../common/manifest';
import { DOC_FILES, readDoc, ROOT } from './docText';
import * as fs from 'node:fs';
import * as path from 'node:path';

const nlsStrings = (): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

// Every `dxPulse.*` setting the docs name exists in package.json, with the default and
// scope the docs give it, and every contributed setting is documented (#17).

interface Contributed {
  default: unknown;
  scope?: string;
}
const pkg = manifest as {
  contributes: { configuration: { properties: Record<string, Contributed> }; commands: { command: string }[] };
};
const settings = pkg.contributes.configuration.properties;
const commands = new Set(pkg.contributes.commands.map((c) => c.command));
const scopeOf = (key: string) => settings[key]?.scope ?? 'window';

/** The rows of the first markdown table after `heading`, as cells (inline code unwrapped, `\|` unescaped). */
function tableAfter(file: string, heading: string): string[][] {
  const lines = readDoc(file).split('\n');
  const at = lines.findIndex((l) => l.trim() === heading);
  assert.ok(at >= 0, `${file} has no "${heading}"`);
  const rows: string[][] = [];
  let i = at + 1;
  while (i < lines.length && !lines[i]!.startsWith('|')) i++;
  for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    const cells = lines[i]!
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
    rows.push(cells);
  }
  return rows;
}

/** A default as the table writes it: a string in double quotes (backslashes as they are), else JSON. */
function defaultValue(text: string): unknown {
  const str = /^"(.*)"$/.exec(text);
  return str ? str[1] : JSON.parse(text);
}

const code = (cell: string) => /^`(.*)`$/.exec(cell)?.[1];

describe('docs settings match package.json (#17)', () => {
  const reference = tableAfter('docs/configuration.md', '## Every setting');

  it('lists every contributed setting in configuration.md "Every setting", once', () => {
    const listed = reference.map((r) => code(r[0]!));
    assert.deepEqual([...listed].sort(), Object.keys(settings).sort());
  });

  for (const row of reference) {
    const key = code(row[0]!) ?? row[0]!;
    it(`documents the default and scope of ${key}`, () => {
      assert.ok(settings[key], `${key} is documented but not contributed`);
      assert.deepEqual(defaultValue(code(row[1]!) ?? ''), settings[key].default, `default of ${key}`);
      assert.equal(code(row[2]!), scopeOf(key), `scope of ${key}`);
    });
  }

  it('names only settings and commands that exist', () => {
    const unknown: string[] = [];
    for (const file of DOC_FILES) {
      for (const m of readDoc(file).matchAll(/dxPulse\.[A-Za-z0-9_.*]*[A-Za-z0-9_*]/g)) {
        const name = m[0];
        if (name.endsWith('.*')) {
          if (!Object.keys(settings).some((k) => k.startsWith(name.slice(0, -1)))) unknown.push(`${file}: ${name}`);
        } else if (!(name in settings) && !commands.has(name) && name !== 'dxPulse.sidebar' && name !== 'dxPulse.onboarding') {
          unknown.push(`${file}: ${name}`);
        }
      }
    }
    assert.deepEqual(unknown, []);
  });

  it('lists every Command Palette command in the README table, under its title', () => {
    const titles = manifest as { contributes: { commands: { command: string; title: string }[]; menus: { commandPalette: { command: string; when?: string }[] } } };
    const nls = nlsStrings();
    const hidden = new Set(titles.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command));
    const rows = tableAfter('README.md', '## Commands and settings').map((r) => r[0]!);
    const missing: string[] = [];
    for (const c of titles.contributes.commands) {
      if (hidden.has(c.command)) continue;
      const title = c.title.replace(/^%(.+)%$/, (_m, k: string) => nls[k] ?? k);
      if (!rows.some((cell) => cell.includes(`*${title}* (\`${c.command}\`)`))) missing.push(`${c.command} (${title})`);
    }
    assert.deepEqual(missing, []);
  });

  it('gives the application scope to every setting configuration.md says an admin pushes as application-scoped', () => {
    const rows = tableAfter('docs/configuration.md', '## User settings an admin can push');
    const keys = rows.map((r) => code(r[0]!)).filter((k): k is string => !!k && !k.includes('*'));
    assert.ok(keys.length >= 5);
    for (const k of keys) assert.equal(scopeOf(k), 'application', k);
  });

  // #17 item 3 (configuration, another engineer): the table says "These are
  // application-scoped", but its row `dxPulse.metrics.*`, `dxPulse.signals.*` covers
  // window-scoped settings (metrics.window, metrics.source, the patterns, signals.*),
  // and there are no service/team/environment settings for "the same keys as the YAML".
  it('#17 item 3: the admin table row dxPulse.metrics.* / dxPulse.signals.* names only application-scoped settings', () => {
    const rows = tableAfter('docs/configuration.md', '## User settings an admin can push');
    const wild = rows.flatMap((r) => [...r[0]!.matchAll(/`(dxPulse\.[a-z]+)\.\*`/g)].map((m) => m[1]!));
    for (const prefix of wild) for (const k of Object.keys(settings).filter((s) => s.startsWith(`${prefix}.`))) assert.equal(scopeOf(k), 'application', k);
  });

  // Defaults the prose states in passing.
  const claims: { file: string; text: string; key: string; value: unknown }[] = [
    { file: 'docs/privacy.md', text: '`all` (default): signals, plus what you submit yourself.', key: 'dxPulse.telemetry.level', value: 'all' },
    { file: 'docs/surveys.md', text: 'The cooldown is 7 days by\n   default', key: 'dxPulse.surveys.cooldownDays', value: 7 },
    { file: 'docs/surveys.md', text: 'that no repository can turn on', key: 'dxPulse.surveys.identifyAnswers', value: false },
    { file: 'docs/configuration.md', text: '`true` sends repository names instead of their SHA-256.', key: 'dxPulse.privacy.shareRepoNames', value: false },
    { file: 'docs/platform-api.md', text: 'The client\n  sends 100 per request by default', key: 'dxPulse.delivery.batchSize', value: 100 },
    { file: 'docs/platform-api.md', text: 'It sends every **30 s**', key: 'dxPulse.delivery.intervalSeconds', value: 30 },
  ];
  for (const c of claims) {
    it(`${c.file} states the default of ${c.key} as package.json has it`, () => {
      assert.ok(readDoc(c.file).includes(c.text), `${c.file} no longer says: ${c.text}`);
      assert.deepEqual(settings[c.key]?.default, c.value);
    });
  }

  it('says which settings a repository cannot set, as their scope does', () => {
    // privacy.md: "change `dxPulse.telemetry.level`, `metrics.deployBranch`, `metrics.githubApiUrl` or `docs.feedUrl` through `.vscode/settings.json` (user-only settings)"
    for (const k of ['dxPulse.telemetry.level', 'dxPulse.metrics.deployBranch', 'dxPulse.metrics.githubApiUrl', 'dxPulse.docs.feedUrl', 'dxPulse.surveys.identifyAnswers', 'dxPulse.privacy.repoIdSalt', 'dxPulse.surveys.sessionGraceMinutes']) {
      assert.equal(scopeOf(k), 'application', k);
    }
  });

  // configuration.md: "Built-in defaults (listed with each key below)".
  const yamlDefaults: Record<string, Record<string, unknown>> = {
    '### `metrics`': {
      source: DEFAULT_CONFIG.metrics.source,
      deployTagPattern: DEFAULT_CONFIG.metrics.deployTagPattern,
      // Empty in DEFAULT_CONFIG: tags first, then merges into DEFAULT_DEPLOY_BRANCH (the cell names it).
      deployBranch: DEFAULT_CONFIG.metrics.deployBranch === '' ? DEFAULT_DEPLOY_BRANCH : DEFAULT_CONFIG.metrics.deployBranch,
      hotfixPattern: DEFAULT_CONFIG.metrics.hotfixPattern,
      environment: DEFAULT_CONFIG.metrics.environment,
      githubApiUrl: DEFAULT_CONFIG.metrics.githubApiUrl,
    },
    '### `signals`': {
      'stuck.failures': DEFAULT_CONFIG.signals.stuck.failures,
      'stuck.windowMinutes': DEFAULT_CONFIG.signals.stuck.windowMinutes,
      'commandPatterns.install': DEFAULT_CONFIG.signals.commandPatterns.install,
      'commandPatterns.build': DEFAULT_CONFIG.signals.commandPatterns.build,
      'commandPatterns.test': DEFAULT_CONFIG.signals.commandPatterns.test,
    },
  };
  for (const [heading, expected] of Object.entries(yamlDefaults)) {
    it(`gives the built-in defaults of the ${heading.replace(/[#`]/g, '').trim()} keys as the code has them`, () => {
      const rows = tableAfter('docs/configuration.md', heading);
      for (const [key, value] of Object.entries(expected)) {
        const row = rows.find((r) => code(r[0]!) === key);
        assert.ok(row, `${heading} lists ${key}`);
        const shown = /`([^`]*)`/.exec(row[1]!)?.[1] ?? row[1]!;
        assert.deepEqual(typeof value === 'string' ? shown : JSON.parse(shown), value, `${heading} ${key}`);
      }
    });
  }
});
