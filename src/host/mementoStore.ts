import type * as vscode from 'vscode';
import { errorMessage, type Log } from '../core/common/log';

/**
 * A per-key store over VS Code's Memento for core sessions: `<prefix><key>` entries, writes
 * in the background, a failed write logged rather than thrown at the caller.
 */
export function keyedStore(memento: vscode.Memento, prefix: string, log: Log): { get(key: string): unknown; set(key: string, value: unknown): void } {
  return {
    get: (key) => memento.get(prefix + key),
    set: (key, value) => void Promise.resolve(memento.update(prefix + key, value)).catch((e: unknown) => log.warn(`saving ${prefix}${key} failed: ${errorMessage(e)}`)),
  };
}
