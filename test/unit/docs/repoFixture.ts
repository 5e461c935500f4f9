import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RepoFiles, RepoProfile } from '../../../src/core/docs/repoProfile';

/** A real folder with the given files, read through RepoFiles the way the host does over workspace.fs. */
export class TempRepo implements RepoFiles {
  readonly root: string;

  constructor(files: Record<string, string>) {
    this.root = mkdtempSync(join(tmpdir(), 'dx-docs-'));
    for (const [rel, text] of Object.entries(files)) {
      const p = join(this.root, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
  }

  async read(relPath: string): Promise<string | undefined> {
    try {
      return readFileSync(join(this.root, relPath), 'utf8');
    } catch {
      return undefined;
    }
  }

  async list(relDir: string): Promise<string[]> {
    try {
      return readdirSync(join(this.root, relDir)).filter((n) => statSync(join(this.root, relDir, n)).isFile());
    } catch {
      return [];
    }
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export function emptyProfile(over: Partial<RepoProfile> = {}): RepoProfile {
  return { dependencies: {}, engines: {}, images: [], actions: [], tools: [], languages: [], lockedVersions: {}, notes: [], ...over };
}

/** 2026-10-01T12:00:00Z: the fixed "now" of these tests. */
export const NOW = Date.UTC(2026, 9, 1, 12, 0, 0);
