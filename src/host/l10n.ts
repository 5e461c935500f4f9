import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/**
 * Gives the pure core (which cannot import 'vscode') the translations VS Code loaded for
 * this extension. Core texts go through @vscode/l10n's `l10n.t`; with no bundle (English)
 * they read as written.
 */
export function configureCoreL10n(): void {
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
}
