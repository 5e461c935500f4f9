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
  private _developerOff: boolean;

  constructor(private readonly _config: ConfigService) {
    super();
    this._level = this._compute();
    this._developerOff = this._computeDeveloperOff();
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

  /**
   * The developer's own "off": VS Code's telemetry, or their dxPulse.telemetry.level. Then
   * DX Pulse also makes no request of its own (platform, GitHub, docs feeds), since each
   * would tell a server which repository is open. A repository or platform lowering
   * sharing does not stop fetching: the platform must stay able to raise it again.
   */
  get developerOff(): boolean {
    return this._developerOff;
  }

  mayRecord(kind: string): boolean {
    return mayRecord(this._level, kind);
  }

  private _compute(): SharingLevel {
    return effectiveSharing(vscode.env.isTelemetryEnabled, this._config.config.privacy.telemetryLevel);
  }

  private _computeDeveloperOff(): boolean {
    return !vscode.env.isTelemetryEnabled || this._config.config.local.userTelemetryLevel === 'off';
  }

  private _update(): void {
    const next = this._compute();
    const developerOff = this._computeDeveloperOff();
    if (next !== this._level || developerOff !== this._developerOff) {
      this._level = next;
      this._developerOff = developerOff;
      this._onDidChange.fire(next);
    }
  }
}
