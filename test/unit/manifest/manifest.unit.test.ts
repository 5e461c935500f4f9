import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETTINGS } from '../../../src/core/config/settingKeys';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
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
});
