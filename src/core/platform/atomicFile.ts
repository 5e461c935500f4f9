import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PRIVATE_FILE_MODE } from '../common/privateFiles';

/**
 * Writes through a temp file in the same folder and renames it over the target, so a
 * reader (or a crash) sees either the old content or the new one, never half of it.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(tmp, content, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
