import * as vscode from 'vscode';
import { ActivityDays } from '../core/activity/activityDays';
import { systemClock, type Clock } from '../core/common/clock';
import { Disposable } from '../core/common/lifecycle';
import { scopedLog, type Log } from '../core/common/log';
import type { EventRecorder } from '../core/events/recorder';
import type { TelemetryGate } from './telemetryGate';
import type { WorkspaceRepo } from './workspaceRepo';

/** globalState key: the last day sent per repository, shared by every window of the install. */
export const ACTIVITY_KEY = 'dxPulse.activity';

/**
 * Forwards "the editor is being used here" to ActivityDays (src/core/activity/activityDays.ts),
 * which decides whether today's activity.day is still to be sent: when a repository opens,
 * when the window gains focus, when a file is saved, and when sharing is turned on. A
 * repository without a remote has no identity the platform could count, so it sends nothing.
 */
export class ActivityController extends Disposable {
  readonly days: ActivityDays;

  constructor(o: { repo: WorkspaceRepo; recorder: EventRecorder; gate: TelemetryGate; globalState: vscode.Memento; log: Log; clock?: Clock }) {
    super();
    const log = scopedLog(o.log, 'activity');
    this.days = new ActivityDays({
      store: { get: () => o.globalState.get(ACTIVITY_KEY), update: async (v) => o.globalState.update(ACTIVITY_KEY, v) },
      clock: o.clock ?? systemClock,
      record: (data) => o.recorder.record('activity.day', data),
      log,
    });
    const used = () => {
      const key = o.repo.current?.normalizedRemote;
      if (key) void this.days.used(key);
    };
    void o.repo.ready.then(used);
    this._register(o.repo.onDidChange(used));
    this._register(o.gate.onDidChange(used));
    this._register(vscode.window.onDidChangeWindowState((s) => s.focused && used()));
    this._register(vscode.workspace.onDidSaveTextDocument(used));
  }
}
