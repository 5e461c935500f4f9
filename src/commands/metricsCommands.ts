import * as vscode from 'vscode';
import type { MetricsController } from '../host/metricsController';

/** What the Deploy Metrics Mean, Refresh Deploy Metrics, Connect GitHub, and a shortcut to the metrics settings. */
export function registerMetricsCommands(metrics: MetricsController, extensionUri: vscode.Uri): vscode.Disposable[] {
  return [
    // docs/metrics.md ships in the VSIX: what each number means, how it is computed, the bands.
    vscode.commands.registerCommand('dxPulse.explainMetrics', () => vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(extensionUri, 'docs', 'metrics.md'))),
    vscode.commands.registerCommand('dxPulse.refreshMetrics', () => metrics.refresh()),
    vscode.commands.registerCommand('dxPulse.connectGitHub', () => metrics.connectGitHub()),
    vscode.commands.registerCommand('dxPulse.openMetricsSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', 'dxPulse.metrics')),
  ];
}
