import * as vscode from 'vscode';
import { createLogger } from './host/logger';
import { SIDEBAR_VIEW_ID, SidebarView } from './views/sidebarView';

// activate() only wires: construct, register, push disposables.
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const { log, channel } = createLogger();
  context.subscriptions.push(channel);

  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const sidebar = new SidebarView(context.extensionUri, () => ({ version, telemetryEnabled: vscode.env.isTelemetryEnabled }), log);
  context.subscriptions.push(
    sidebar,
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, sidebar),
    vscode.env.onDidChangeTelemetryEnabled(() => sidebar.refresh()),
    vscode.commands.registerCommand('dxPulse.showLog', () => channel.show()),
  );

  log.info(`[extension] DX Pulse ${version} activated in ${(performance.now() - started).toFixed(3)} ms`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
