import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

// What DX Pulse keeps on disk (the outbox, what was sent, the caches of the platform's
// answers) is about one developer: other accounts on the machine have no business reading
// it. Files are 0600 in 0700 folders. The mode passed at creation is narrowed by the umask,
// never widened, so 0600 stays 0600; folders and files older versions made 0755/0644 are
// tightened when DX Pulse first touches them.

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Folders already tightened in this process (tightening lists the folder once). */
const tightened = new Set<string>();

/** Creates `dir` (and missing parents) 0700, and tightens it and the files in it once per process. */
export function ensurePrivateDirSync(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const key = path.resolve(dir);
  if (tightened.has(key)) return;
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    try {
      if (entry.isFile()) fs.chmodSync(path.join(dir, entry.name), PRIVATE_FILE_MODE);
      else if (entry.isDirectory()) fs.chmodSync(path.join(dir, entry.name), PRIVATE_DIR_MODE);
    } catch {
      // a file another window just renamed or removed
    }
  }
  tightened.add(key);
}

/** The async twin of ensurePrivateDirSync. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const key = path.resolve(dir);
  if (tightened.has(key)) return;
  await fsp.chmod(dir, PRIVATE_DIR_MODE);
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const mode = entry.isFile() ? PRIVATE_FILE_MODE : entry.isDirectory() ? PRIVATE_DIR_MODE : undefined;
    if (mode !== undefined) await fsp.chmod(path.join(dir, entry.name), mode).catch(() => undefined);
  }
  tightened.add(key);
}
