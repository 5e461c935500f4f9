import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { Disposable, Emitter } from '../core/common/lifecycle';
import type { Log } from '../core/common/log';
import { SETTINGS, USER_ONLY_SETTINGS, type SettingKey, type SettingValue } from '../core/config/settingKeys';

/**
 * The one typed reader of DX Pulse settings. An invalid value (hand-edited settings.json)
 * falls back to the default with a warning in the log, rather than breaking a feature.
 */
export class Settings extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<readonly SettingKey[]>());
  readonly onDidChange = this._onDidChange.event;
  private readonly _warned = new Set<string>();
  /** The `dxPulse` section, read once per change rather than once per key. */
  private _section: vscode.WorkspaceConfiguration | undefined;

  constructor(private readonly _log: Log) {
    super();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dxPulse')) this._section = undefined;
        const changed = (Object.keys(SETTINGS) as SettingKey[]).filter((k) => e.affectsConfiguration(`dxPulse.${k}`));
        if (changed.length) this._onDidChange.fire(changed);
      }),
    );
  }

  /** True when the user, the workspace or an admin set this key (not just the default). */
  isSet(key: SettingKey): boolean {
    const i = this._config().inspect(key);
    if (i === undefined) return false;
    if (USER_ONLY_SETTINGS.has(key)) return i.globalValue !== undefined;
    return i.globalValue !== undefined || i.workspaceValue !== undefined || i.workspaceFolderValue !== undefined;
  }

  get<K extends SettingKey>(key: K): SettingValue<K> {
    const def = SETTINGS[key];
    const raw = this._raw(key);
    if (raw === undefined) return def.default as SettingValue<K>;
    const parsed = (def.schema as z.ZodMiniType).safeParse(raw);
    if (parsed.success) return parsed.data as SettingValue<K>;
    if (!this._warned.has(key)) {
      this._warned.add(key);
      this._log.warn(`[settings] dxPulse.${key} has an invalid value (${JSON.stringify(raw)}): ${parsed.error.issues[0]?.message}. Using the default, ${JSON.stringify(def.default)}.`);
    }
    return def.default as SettingValue<K>;
  }

  /**
   * A user-only key ignores workspace values even where VS Code would apply them; with
   * none set, `get()` also sees values an admin set by policy.
   */
  private _raw(key: SettingKey): unknown {
    const config = this._config();
    if (!USER_ONLY_SETTINGS.has(key)) return config.get<unknown>(key);
    const i = config.inspect(key);
    if (i && (i.workspaceValue !== undefined || i.workspaceFolderValue !== undefined)) {
      if (!this._warned.has(`${key}:workspace`)) {
        this._warned.add(`${key}:workspace`);
        this._log.warn(`[settings] dxPulse.${key} in this workspace's settings is ignored: only your user settings can set it.`);
      }
      return i.globalValue;
    }
    return config.get<unknown>(key);
  }

  /** The user's own (global) value, validated; undefined when unset or invalid. */
  userValue<K extends SettingKey>(key: K): SettingValue<K> | undefined {
    const raw = this._config().inspect(key)?.globalValue;
    if (raw === undefined) return undefined;
    const parsed = (SETTINGS[key].schema as z.ZodMiniType).safeParse(raw);
    return parsed.success ? (parsed.data as SettingValue<K>) : undefined;
  }

  private _config(): vscode.WorkspaceConfiguration {
    return (this._section ??= vscode.workspace.getConfiguration('dxPulse'));
  }
}
