import * as vscode from 'vscode';
import type { ConfigDiagnostic } from '../core/config/yamlLoader';

/** Shows a config file's mistakes in the Problems panel, at the line they are on. */
export function publishConfigDiagnostics(collection: vscode.DiagnosticCollection, uri: vscode.Uri, diagnostics: readonly ConfigDiagnostic[]): void {
  collection.set(
    uri,
    diagnostics.map((d) => {
      const r = d.range;
      const diag = new vscode.Diagnostic(new vscode.Range(r.startLine, r.startCol, r.endLine, r.endCol), d.message, d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      diag.source = 'DX Pulse';
      return diag;
    }),
  );
}
