import * as vscode from 'vscode';
import type { Log } from '../core/common/log';

/** The extension's single output channel, "DX Pulse" in the Output panel. */
export function createLogger(): { log: Log; channel: vscode.LogOutputChannel } {
  const channel = vscode.window.createOutputChannel('DX Pulse', { log: true });
  const log: Log = {
    trace: (m, ...a) => channel.trace(m, ...a),
    debug: (m, ...a) => channel.debug(m, ...a),
    info: (m, ...a) => channel.info(m, ...a),
    warn: (m, ...a) => channel.warn(m, ...a),
    error: (m, ...a) => channel.error(m, ...a),
  };
  return { log, channel };
}
