import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { simpleGit } from 'simple-git';
import { SimpleGitQueries } from '../src/host/gitQueries';
import { median, type BenchResult } from './types';

const COMMITS = 100_000;
const NEW_HIRE = 'new.hire@acme.example';
const T0 = 1_600_000_000; // seconds
const ROUNDS = 15;

/** A 100k-commit repository written by `git fast-import` in a few seconds; the new hire commits near the tip. */
function generateRepo(dir: string): { since: Date } {
  spawnSync('git', ['init', '-q', '-b', 'main', dir]);
  const chunks: string[] = [];
  const hireAt = COMMITS - 20;
  for (let i = 0; i < COMMITS; i++) {
    const who = i === hireAt || i === COMMITS - 5 ? `New Hire <${NEW_HIRE}>` : `Dev ${i % 50} <dev${i % 50}@acme.example>`;
    const ts = T0 + i * 600;
    const msg = `change ${i}\n`;
    chunks.push(`commit refs/heads/main\nauthor ${who} ${ts} +0000\ncommitter ${who} ${ts} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}\n`);
  }
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join(''), maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`git fast-import failed: ${r.stderr.toString()}`);
  // new-hire mode began a day before their first commit
  return { since: new Date((T0 + hireAt * 600 - 86_400) * 1000) };
}

const run$ = promisify(execFile);

export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxp-bench-ttfc-'));
  try {
    const { since } = generateRepo(dir);
    const env = { PATH: process.env.PATH ?? '', HOME: dir, XDG_CONFIG_HOME: dir };
    const q = new SimpleGitQueries(dir, simpleGit({ baseDir: dir, trimmed: true }).env(env));
    const expected = (T0 + (COMMITS - 20) * 600) * 1000;
    // the same question, asked of git directly
    const plainArgs = ['log', '--all', '--fixed-strings', '--regexp-ignore-case', `--author=<${NEW_HIRE}>`, '--format=%H %ct', `--since=${Math.floor(since.getTime() / 1000)}`, '--reverse'];
    const ours: number[] = [];
    const plain: number[] = [];
    const askOurs = async () => {
      const t = performance.now();
      const first = await q.firstCommitBy(NEW_HIRE, since);
      ours.push(performance.now() - t);
      if (first?.time.getTime() !== expected) throw new Error(`wrong answer: ${first?.time.toISOString()}`);
    };
    const askPlain = async () => {
      const t = performance.now();
      const out = await run$('git', plainArgs, { cwd: dir, env });
      plain.push(performance.now() - t);
      if (!out.stdout.includes(' ')) throw new Error('plain git found nothing');
    };
    // warm the page cache and both code paths, then alternate which goes first
    await askOurs();
    await askPlain();
    ours.length = 0;
    plain.length = 0;
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2) {
        await askOurs();
        await askPlain();
      } else {
        await askPlain();
        await askOurs();
      }
    }
    return [
      { name: 'ttfc_100k_ms', value: Math.round(median(ours) * 10) / 10, unit: 'ms' },
      { name: 'ttfc_git_ratio', value: Math.round((median(ours) / median(plain)) * 100) / 100, unit: 'x' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
