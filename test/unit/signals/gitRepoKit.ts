import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A real git repository in a temp folder, with commits at chosen times by chosen authors. */
export class TempRepo {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxp-git-'));
  private n = 0;

  constructor() {
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'commit.gpgsign', 'false');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  }

  setUserEmail(email: string): void {
    this.git('config', 'user.email', email);
    this.git('config', 'user.name', 'Me');
  }

  commit(email: string, timeMs: number): string {
    fs.writeFileSync(path.join(this.dir, 'f.txt'), String(this.n++));
    this.git('add', 'f.txt');
    const date = `${Math.floor(timeMs / 1000)} +0000`;
    execFileSync('git', ['-c', `user.email=${email}`, '-c', 'user.name=Someone', 'commit', '-q', '-m', `c${this.n}`], {
      cwd: this.dir,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    });
    return this.git('rev-parse', 'HEAD').trim();
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
