import * as vscode from 'vscode';
import type { MetricsController } from '../host/metricsController';

/** Refresh Deploy Metrics, Connect GitHub, and a shortcut to the metrics settings. */
export function registerMetricsCommands(metrics: MetricsController): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dxPulse.refreshMetrics', () => metrics.refresh()),
    vscode.commands.registerCommand('dxPulse.connectGitHub', () => metrics.connectGitHub()),
    vscode.commands.registerCommand('dxPulse.openMetricsSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', 'dxPulse.metrics')),
  ];
}
