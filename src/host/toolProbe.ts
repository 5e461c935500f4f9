import { execFile } from 'node:child_process';
import * as os from 'node:os';
import type { Log } from '../core/common/log';
import { TOOL_NAME } from '../core/onboarding/definition';

// Runs an onboarding tool check: `<name> --version` and nothing else. It does not import
// 'vscode', so unit tests run it for real.

const TOOL_TIMEOUT_MS = 5000;

export interface ToolProbeOptions {
  /**
   * Where the probe runs: never the repository. With `.` or an empty entry in PATH (and
   * always on Windows, where the shell looks in the current folder first) a repository
   * could otherwise ship its own `node` and have DX Pulse run it. Default: the home folder.
   */
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

/** `<name> --version`'s output, or undefined when the tool is not on PATH. Only a bare program name runs. */
export function probeToolVersion(name: string, log: Log, options: ToolProbeOptions = {}): Promise<string | undefined> {
  const timeoutMs = options.timeoutMs ?? TOOL_TIMEOUT_MS;
  if (!TOOL_NAME.test(name)) {
    log.warn(`refused to probe '${name.slice(0, 60)}': a tool check names a program, never a path or shell syntax`);
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    // On Windows, npm, yarn and friends are .cmd files that only a shell resolves; the
    // name is a bare program name (checked above), so there is nothing to inject.
    execFile(name, ['--version'], { cwd: options.cwd ?? os.homedir(), timeout: timeoutMs, windowsHide: true, shell: process.platform === 'win32', maxBuffer: 64 * 1024 }, (err, stdout, stderr) => {
      const out = `${stdout ?? ''}\n${stderr ?? ''}`.trim();
      if (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || (process.platform === 'win32' && /not recognized/i.test(out))) {
          log.debug(`${name} is not on PATH`);
          return resolve(undefined);
        }
        if (err.killed) {
          log.warn(`${name} --version did not answer within ${timeoutMs} ms; treated as missing until the next check`);
          return resolve(undefined);
        }
        // Some tools exit non-zero for --version yet print it; a version is still a version.
        log.debug(`${name} --version exited with ${String(err.code)}`);
      }
      log.debug(`${name} --version: ${out.split('\n')[0]}`);
      resolve(out);
    });
  });
}
