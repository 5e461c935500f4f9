import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { errorMessage, type Log } from '../common/log';
import { ensurePrivateDir } from '../common/privateFiles';
import { writeFileAtomic } from './atomicFile';

/** The last good answer of one GET, kept on disk so views render offline. */
export interface CacheEntry<T> {
  readonly data: T;
  /** Epoch ms when the server last confirmed this data (200 or 304). */
  readonly fetchedAt: number;
  readonly etag?: string;
  /** The exact URL the data came from; an ETag is only sent back to the same URL. */
  readonly url: string;
}

const FileShape = z.object({
  version: z.literal(1),
  key: z.string(),
  url: z.string(),
  etag: z.optional(z.string()),
  fetchedAt: z.number(),
  data: z.unknown(),
});

/**
 * One JSON file per logical key (e.g. "config:<repoId>"). A missing, corrupt or
 * out-of-date file is treated as "no cache" with a log line: the cache is an
 * optimisation and must never be why a view fails.
 */
export class JsonCache {
  constructor(
    private readonly dir: string,
    /** Separates caches of different platforms sharing one folder. */
    private readonly namespace: string,
    private readonly log: Log,
  ) {}

  private fileFor(key: string): string {
    const h = createHash('sha256').update(`${this.namespace}\n${key}`).digest('hex').slice(0, 32);
    return path.join(this.dir, `${h}.json`);
  }

  async read<T>(key: string, schema: z.ZodMiniType<T>): Promise<CacheEntry<T> | undefined> {
    const file = this.fileFor(key);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn(`could not read cache ${file}: ${errorMessage(e)}`);
      return undefined;
    }
    try {
      const shape = FileShape.safeParse(JSON.parse(text));
      if (!shape.success || shape.data.key !== key) throw new Error('unexpected file shape');
      const data = schema.safeParse(shape.data.data);
      if (!data.success) throw new Error('cached data no longer matches the contract');
      return { data: data.data, fetchedAt: shape.data.fetchedAt, etag: shape.data.etag, url: shape.data.url };
    } catch (e) {
      this.log.warn(`ignoring cache ${file}: ${errorMessage(e)}`);
      return undefined;
    }
  }

  async write<T>(key: string, entry: CacheEntry<T>): Promise<void> {
    try {
      await ensurePrivateDir(this.dir);
      const body = { version: 1, key, url: entry.url, etag: entry.etag, fetchedAt: entry.fetchedAt, data: entry.data };
      await writeFileAtomic(this.fileFor(key), JSON.stringify(body));
    } catch (e) {
      this.log.warn(`could not write cache for ${key}: ${errorMessage(e)}`);
    }
  }
}
