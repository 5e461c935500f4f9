import * as vscode from 'vscode';
import { Disposable, Emitter } from '../core/common/lifecycle';
import { effectiveSharing, mayRecord, type SharingLevel } from '../core/privacy/gate';
import type { ConfigService } from './configService';

/**
 * What DX Pulse may record and send right now: VS Code's telemetry switch, narrowed by
 * the merged configuration (dxPulse.telemetry.level, the repo file, the platform).
 * Follows every change at once.
 */
export class TelemetryGate extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<SharingLevel>());
  readonly onDidChange = this._onDidChange.event;
  private _level: SharingLevel;

  constructor(private readonly _config: ConfigService) {
    super();
    this._level = this._compute();
    this._register(vscode.env.onDidChangeTelemetryEnabled(() => this._update()));
    this._register(_config.onDidChange(() => this._update()));
  }

  get level(): SharingLevel {
    return this._level;
  }

  /** True when anything at all may be sent. */
  get allowed(): boolean {
    return this._level !== 'off';
  }

  mayRecord(kind: string): boolean {
    return mayRecord(this._level, kind);
  }

  private _compute(): SharingLevel {
    return effectiveSharing(vscode.env.isTelemetryEnabled, this._config.config.privacy.telemetryLevel);
  }

  private _update(): void {
    const next = this._compute();
    if (next !== this._level) {
      this._level = next;
      this._onDidChange.fire(next);
    }
  }
}
