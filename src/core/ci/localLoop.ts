// The local side of CI: how long the build and test tasks the extension already sees
// (task.ended with category build or test) take on this machine, per repository. Kept on
// this machine only (VS Code's globalState), the latest runs per repo and category.
import * as z from 'zod/mini';
import { medianAndP90 } from '../metrics/stats';

export const LOCAL_RUNS_KEPT = 50;

const Runs = z.array(z.object({ at: z.number(), ms: z.number(), ok: z.boolean() }));
export const LocalLoopState = z.record(z.string(), z.object({ build: z.optional(Runs), test: z.optional(Runs) }));
export type LocalLoopState = z.infer<typeof LocalLoopState>;

export interface LocalCategoryStats {
  readonly runs: number;
  readonly failed: number;
  readonly p50Minutes: number;
  readonly p90Minutes: number;
}

export interface LocalLoopStats {
  readonly build?: LocalCategoryStats;
  readonly test?: LocalCategoryStats;
}

export class LocalLoop {
  private _state: LocalLoopState;

  constructor(
    state: unknown,
    private readonly _save: (s: LocalLoopState) => void,
  ) {
    const r = LocalLoopState.safeParse(state);
    this._state = r.success ? r.data : {};
  }

  /** A build or test task of `repoKey` ended after `ms`. */
  record(repoKey: string, category: 'build' | 'test', ms: number, ok: boolean, at: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const repo = { ...(this._state[repoKey] ?? {}) };
    repo[category] = [...(repo[category] ?? []), { at, ms, ok }].slice(-LOCAL_RUNS_KEPT);
    this._state = { ...this._state, [repoKey]: repo };
    this._save(this._state);
  }

  /** p50 and p90 of the runs since `since` (epoch ms), per category. */
  stats(repoKey: string, since: number): LocalLoopStats {
    const repo = this._state[repoKey];
    const one = (runs: z.infer<typeof Runs> | undefined): LocalCategoryStats | undefined => {
      const recent = (runs ?? []).filter((r) => r.at >= since);
      if (recent.length === 0) return undefined;
      const { median, p90 } = medianAndP90(Float64Array.from(recent.map((r) => r.ms / 60_000)), 0, recent.length);
      return { runs: recent.length, failed: recent.filter((r) => !r.ok).length, p50Minutes: median, p90Minutes: p90 };
    };
    const build = one(repo?.build);
    const test = one(repo?.test);
    return { ...(build ? { build } : {}), ...(test ? { test } : {}) };
  }
}
