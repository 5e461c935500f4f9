// `npm run test:ui`: browser-level tests of what a person sees, in the real workbench
// with the packaged VSIX installed. Screenshots land in test-results/.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureEditor } from './lib/editor.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureEditor();
const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const files = process.argv.slice(2);
const r = spawnSync(process.execPath, [mocha, '--config', 'test/ui/.mocharc.json', ...(files.length ? files : ['test/ui/**/*.ui.test.ts'])], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
