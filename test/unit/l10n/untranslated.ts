import * as ts from 'typescript';

// Finds string and template literals that read like something a person sees and do not
// go through a translation call. Used by untranslated.unit.test.ts over the real sources
// and over planted violations.

export interface Finding {
  line: number;
  text: string;
}

/**
 * Calls whose first argument is the English message: `vscode.l10n.t`, and `l10n.t` from
 * @vscode/l10n (core and webview). A bare `t` is not enough: `npm run gen:l10n` only
 * finds calls spelled `l10n.t`.
 */
function isTranslateCall(call: ts.CallExpression): boolean {
  const e = call.expression;
  return ts.isPropertyAccessExpression(e) && e.name.text === 't' && ts.isIdentifier(e.expression) ? e.expression.text === 'l10n' : ts.isPropertyAccessExpression(e) && e.name.text === 't' && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'l10n';
}

const LOG_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'appendLine']);
/** `log.info(...)`, `this._log.warn(...)`, `logger.error(...)`: the Output channel stays English. */
function isLogCall(call: ts.CallExpression): boolean {
  const e = call.expression;
  if (!ts.isPropertyAccessExpression(e) || !LOG_METHODS.has(e.name.text)) return false;
  const target = ts.isPropertyAccessExpression(e.expression) ? e.expression.name.text : ts.isIdentifier(e.expression) ? e.expression.text : '';
  return /log/i.test(target) || target === 'channel' || target === 'l';
}

/**
 * Calls whose string arguments are code, not prose. `enqueue` and `discardPending` take a
 * label for the log; `createOutputChannel` names the log itself, which stays English.
 */
const CODE_CALLS = new Set(['enqueue', 'discardPending', 'createOutputChannel', 'RegExp', 'querySelector', 'querySelectorAll', 'closest', 'matches', 'setAttribute', 'getAttribute', 'toggleAttribute', 'add', 'remove', 'toggle', 'replace', 'createElement', 'executeCommand', 'registerCommand', 'get', 'update', 'inspect', 'getConfiguration', 'affectsConfiguration', 'setContext', 'postMessage', 'addEventListener', 'split', 'join', 'startsWith', 'endsWith', 'includes', 'indexOf']);
function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const e = call.expression;
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '';
}

/** Calls whose string arguments a person reads, one-word buttons too. */
const UI_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage', 'TreeItem', 'createWebviewPanel', 'appendMarkdown', 'MarkdownString']);

/** Properties whose value a person reads. */
export const UI_PROPERTIES = new Set(['label', 'title', 'tooltip', 'placeHolder', 'placeholder', 'prompt', 'description', 'detail', 'text', 'message', 'hint', 'validationMessage', 'ariaLabel', 'aria-label', 'textContent', 'innerText', 'summary', 'body', 'heading', 'subtitle', 'caption', 'empty', 'note', 'question']);
/** Properties whose value is code: ids, classes, HTML attributes that are not read. */
const CODE_PROPERTIES = new Set(['class', 'className', 'id', 'type', 'command', 'kind', 'role', 'href', 'src', 'rel', 'style', 'key', 'name', 'viewType', 'icon', 'iconPath', 'contextValue', 'scheme', 'language', 'when', 'data-action', 'data-id', 'for', 'value']);

function propertyName(n: ts.PropertyName | ts.Expression): string | undefined {
  if (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n)) return n.text;
  return undefined;
}

function literalText(node: ts.StringLiteralLike | ts.TemplateExpression): string {
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => '\u0001' + s.literal.text).join('');
  return node.text;
}

/** Reads like prose: two words with a letter, not an identifier, path, URL, selector or glob. */
export function readsLikeProse(text: string): boolean {
  const t = text.trim();
  if (!/[A-Za-z]{2}/.test(t) || !/\s/.test(t) || t.startsWith('-')) return false;
  if (/^[\w.-]+(\s+[\w.-]+)*$/.test(t) && !/[A-Z]/.test(t) && t.split(/\s+/).every((w) => /[-_.]/.test(w) || w.length <= 2)) return false;
  return true;
}

/** Whether `node` sits where its text is code or already translated. */
function exempt(node: ts.Node): 'translated' | 'code' | 'ui' | undefined {
  let child: ts.Node = node;
  let parent = node.parent;
  // Step out of `a ?? 'x'`, `c ? 'x' : 'y'`, parentheses, `as const`, arrays, concatenation.
  while (parent && (ts.isConditionalExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isArrayLiteralExpression(parent) || ts.isTemplateSpan(parent) || ts.isTemplateExpression(parent) || (ts.isBinaryExpression(parent) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.PlusToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(parent.operatorToken.kind)))) {
    if (ts.isConditionalExpression(parent) && parent.condition === child) return 'code';
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent) || ts.isLiteralTypeNode(parent)) return 'code';
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    if (ts.isCallExpression(parent) && parent.arguments[0] === child && isTranslateCall(parent)) return 'translated';
    if (ts.isCallExpression(parent) && isLogCall(parent)) return 'code';
    if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'require') return 'code';
    if (CODE_CALLS.has(calleeName(parent))) return 'code';
    if (UI_CALLS.has(calleeName(parent))) return 'ui';
    // The webview's el(tag, attrs, ...children): the children are text on screen; so is a button(label, …)'s label.
    if (calleeName(parent) === 'button' && parent.arguments?.[0] === child) return 'ui';
    if (calleeName(parent) === 'el' && parent.arguments && parent.arguments.indexOf(child as ts.Expression) >= 2) return 'ui';
    // Errors are diagnostics: logged in English; a view that shows one frames it in a translated text.
    if (ts.isNewExpression(parent) && /Error$/.test(calleeName(parent))) return 'code';
    // _parse(schema, body, what): `what` names the payload inside an error text (English, like the log).
    if (calleeName(parent) === '_parse') return 'code';
    return undefined;
  }
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    if ([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.InKeyword].includes(op)) return 'code';
    if (op === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(parent.left)) {
      const name = parent.left.name.text;
      if (CODE_PROPERTIES.has(name)) return 'code';
      if (UI_PROPERTIES.has(name) || name === 'innerHTML') return 'ui';
    }
    return undefined;
  }
  if (ts.isCaseClause(parent) || ts.isElementAccessExpression(parent) || ts.isEnumMember(parent)) return 'code';
  if (ts.isPropertyAssignment(parent) && parent.initializer === child) {
    const name = propertyName(parent.name);
    if (name && CODE_PROPERTIES.has(name)) return 'code';
    if (name && UI_PROPERTIES.has(name)) return 'ui';
  }
  if (ts.isPropertyAssignment(parent) && parent.name === child) return 'code';
  if (ts.isJsxAttribute(parent)) return 'code';
  return undefined;
}

/**
 * Literals in `source` that a person would read and that bypass translation.
 * `allow` holds exact texts that are allowed, each explained where it is listed.
 */
export function findUntranslated(fileName: string, source: string, allow: ReadonlySet<string> = new Set()): Finding[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Finding[] = [];
  // `// l10n-ignore: <why>` ending a line, or alone on the line before: the literals there
  // are not shown to a person. The why is required.
  const ignored = new Set<number>();
  source.split('\n').forEach((l, i) => {
    if (!/\/\/ l10n-ignore: \S/.test(l)) return;
    ignored.add(i + 1);
    if (/^\s*\/\/ l10n-ignore/.test(l)) ignored.add(i + 2);
  });
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = literalText(node);
      const where = exempt(node);
      const prose = readsLikeProse(text) || (where === 'ui' && /[A-Za-z]{2}/.test(text) && !/^\s*https?:\/\/\S*\s*$/.test(text));
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      if (prose && where !== 'translated' && where !== 'code' && !allow.has(text.trim()) && !ignored.has(line)) {
        found.push({ line, text: text.length > 90 ? `${text.slice(0, 90)}…` : text });
      }
      if (ts.isTemplateExpression(node)) node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
