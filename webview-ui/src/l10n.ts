import * as l10n from '@vscode/l10n';

// The translations the host put in the page (src/views/webviewHtml.ts); none in English,
// and then l10n.t returns the English text it is given. Imported first by each entry
// point, so every l10n.t call after it translates. Sections import @vscode/l10n
// themselves: `npm run gen:l10n` finds only calls on that import.
const bundle = document.getElementById('dx-pulse-l10n')?.textContent;
if (bundle) {
  try {
    l10n.config({ contents: bundle });
  } catch {
    // A broken bundle leaves the view in English rather than blank.
  }
}
