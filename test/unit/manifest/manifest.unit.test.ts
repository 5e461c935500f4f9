import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, manifest, nlsBundle, placeholders, rawManifest } from '../common/manifest';
import { SETTINGS } from '../../../src/core/config/settingKeys';

const pkg = manifest;
const props: Record<string, { default: unknown; tags?: string[] }> = pkg.contributes.configuration.properties;

describe('package.json manifest', () => {
  it('declares every setting the code reads, with the same default', () => {
    for (const [key, def] of Object.entries(SETTINGS)) {
      const contributed = props[`dxPulse.${key}`];
      assert.ok(contributed, `dxPulse.${key} is read by the code but not declared in package.json`);
      assert.deepEqual(contributed.default, def.default, `default of dxPulse.${key}`);
    }
  });

  it('reads every setting it declares', () => {
    for (const key of Object.keys(props)) {
      assert.ok(key.replace(/^dxPulse\./, '') in SETTINGS, `${key} is declared but never read`);
    }
  });

  it('tags the sharing setting as telemetry and online', () => {
    assert.deepEqual(props['dxPulse.telemetry.level']!.tags, ['telemetry', 'usesOnlineServices']);
  });

  it('never activates on *', () => {
    assert.ok(!pkg.activationEvents.includes('*'));
  });

  it('keeps engines.vscode within what the test editor and @types/vscode allow', () => {
    assert.equal(pkg.engines.vscode, '^1.93.0');
    assert.equal(pkg.devDependencies['@types/vscode'], '1.93.0');
  });

  it('names every contributed command under dxPulse. with the DX Pulse category', () => {
    for (const c of pkg.contributes.commands as { command: string; category?: string }[]) {
      assert.match(c.command, /^dxPulse\./);
      assert.equal(c.category, 'DX Pulse');
    }
  });

  describe('ready for translation (#15 item 9)', () => {
    // The manifest fields VS Code shows to a person. Each holds a %key% placeholder whose
    // English text is in package.nls.json; a translator adds package.nls.<lang>.json.
    const visible: RegExp[] = [
      /^(displayName|description)$/,
      /^contributes\.viewsContainers\.\w+\[\d+\]\.title$/,
      /^contributes\.views\.\w+\[\d+\]\.(name|contextualTitle)$/,
      /^contributes\.commands\[\d+\]\.(title|shortTitle|category)$/,
      /^contributes\.viewsWelcome\[\d+\]\.contents$/,
      /^contributes\.configuration\.(title|properties\.[\w.]+\.(title|description|markdownDescription|deprecationMessage|markdownDeprecationMessage|(enumDescriptions|markdownEnumDescriptions|enumItemLabels)\[\d+\]))$/,
      /^contributes\.walkthroughs\[\d+\]\.(title|description|steps\[\d+\]\.(title|description|media\.altText))$/,
    ];
    function strings(value: unknown, at = ''): { at: string; value: string }[] {
      if (typeof value === 'string') return [{ at, value }];
      if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
      if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
      return [];
    }
    const shown = strings({ displayName: rawManifest.displayName, description: rawManifest.description, contributes: rawManifest.contributes }).filter((s) => visible.some((r) => r.test(s.at)));

    it('puts every user-visible manifest string in package.nls.json', () => {
      assert.ok(shown.length > 60, `found ${shown.length} user-visible strings`);
      const literal = shown.filter((s) => !/^%[^%\s]+%$/.test(s.value)).map((s) => s.at);
      assert.deepEqual(literal, []);
    });

    it('defines every placeholder it uses and uses every string it defines', () => {
      const used = new Set(placeholders(rawManifest).map((p) => p.key));
      assert.deepEqual([...used].filter((k) => !(k in nlsBundle)), [], 'placeholders without an English text');
      assert.deepEqual(Object.keys(nlsBundle).filter((k) => !used.has(k)), [], 'package.nls.json keys nothing uses');
    });

    it('reads as before in English', () => {
      assert.equal(manifest.displayName, 'DX Pulse');
      assert.ok(manifest.contributes.commands.some((c: { title: string }) => c.title === 'Show Log'));
    });

    it('ships package.nls.json and the l10n bundles in the VSIX', () => {
      const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
      assert.ok(ignore.includes('!package.nls*.json'), '.vscodeignore keeps package.nls*.json');
      assert.ok(ignore.includes('!l10n/**'), '.vscodeignore keeps l10n/');
    });
  });
});
