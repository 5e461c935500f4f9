import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import { ROOT, rawManifest } from '../common/manifest';

// l10n/bundle.l10n.json is what translators translate: it must hold every string the
// code passes to l10n.t, and nothing stale. `npm run gen:l10n` rewrites it.

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('l10n bundle (#15 item 9)', () => {
  it('points package.json at ./l10n', () => {
    assert.equal(rawManifest.l10n, './l10n');
  });

  it('l10n/bundle.l10n.json is what `npm run gen:l10n` exports from src and webview-ui/src', async function () {
    this.timeout(30_000);
    const files = [...sources(path.join(ROOT, 'src')), ...sources(path.join(ROOT, 'webview-ui', 'src'))].map((f) => ({ extension: path.extname(f), contents: fs.readFileSync(f, 'utf8') }));
    const expected = await getL10nJson(files);
    const actual = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8'));
    assert.deepEqual(actual, expected, 'l10n/bundle.l10n.json is out of date: run `npm run gen:l10n`');
  });
});
