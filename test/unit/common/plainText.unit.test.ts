import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Lexer, type Token } from 'marked';
import { markdownText, plainText, WORD_JOINER } from '../../../src/core/common/plainText';

// What VS Code 1.100 itself looks for (copied from its sources, so the properties below
// test against the real parsers rather than against our idea of them):
// - notifications, and every `LinkedText`: src/vs/base/common/linkedText.ts
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
// - icons in labels, notifications, quick picks, status bar: src/vs/base/browser/ui/iconLabel/iconLabels.ts
const VSCODE_ICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;

function links(s: string): string[] {
  return [...s.matchAll(VSCODE_LINK)].map((m) => m[0]);
}
function icons(s: string): string[] {
  return [...s.matchAll(VSCODE_ICON)].filter((m) => !m[1]).map((m) => m[0]);
}

/** What a person sees: the invisible word joiners do not count. */
const visible = (s: string): string => s.split(WORD_JOINER).join('');

/** Whitespace runs as one space: renderers collapse and trim them. */
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Every token a markdown renderer (marked, as VS Code's hovers use) makes of `md`. */
function tokens(md: string): Token[] {
  const out: Token[] = [];
  const walk = (ts: Token[]) => {
    for (const t of ts) {
      out.push(t);
      const nested = (t as { tokens?: Token[] }).tokens;
      if (nested) walk(nested);
      const items = (t as { items?: { tokens: Token[] }[] }).items;
      if (items) for (const i of items) walk(i.tokens);
    }
  };
  walk(new Lexer({ gfm: true }).lex(md));
  return out;
}
/** The text marked renders for `md` (entities decoded, escapes applied). */
function renderedText(md: string): string {
  return tokens(md)
    .filter((t) => t.type === 'text' || t.type === 'escape')
    .filter((t) => !(t as { tokens?: Token[] }).tokens)
    .map((t) => (t as { text: string }).text)
    .join('');
}

// Inputs made of the pieces hostile text is built from, so the interesting sequences
// occur far more often than in uniform random strings.
const PIECES = ['[', ']', '(', ')', '$', '\\', '!', '<', '>', ':', '`', '*', '_', '#', '&', ' ', '\n', 'command:', 'https://', 'file:', 'workbench.action.terminal.sendSequence?{"text":"touch pwned\\n"}', 'x', 'Fix it', 'zap', '~spin', '\u202e', '\u2066', '\u0000', '\u0085', '\u200f', WORD_JOINER, '"t"', '&#91;', 'é', '😀'];
const hostile = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 60 }).map((parts) => parts.join(''));

describe('plainText', () => {
  it('shows the issue’s command link as text: no link, same characters', () => {
    const title = '[Fix it now](command:workbench.action.terminal.sendSequence?{"text":"touch pwned\\n"})';
    const out = plainText(title);
    assert.deepEqual(links(out), []);
    assert.equal(visible(out), title);
  });

  it('keeps codicon syntax as the text it is', () => {
    const out = plainText('$(warning) Sign in again $(sync~spin)');
    assert.deepEqual(icons(out), []);
    assert.equal(visible(out), '$(warning) Sign in again $(sync~spin)');
  });

  it('leaves ordinary text alone', () => {
    for (const s of ['Node 16 base images are deprecated', 'actions/checkout@v3 (v4 needed)', 'a [note] and $5 (five dollars)', 'C:\\path\\file', 'ünïcödé 😀']) assert.equal(plainText(s), s);
  });

  it('drops bidi overrides and control characters, and turns line breaks into spaces', () => {
    assert.equal(plainText('evil\u202Etxt.exe'), 'eviltxt.exe');
    assert.equal(plainText('a\u2066b\u2069c\u200fd\u061ce'), 'abcde');
    assert.equal(plainText('one\ntwo\r\nthree\u0000'), 'one two three');
    assert.equal(plainText(undefined), '');
  });

  it('cannot be tricked by a dropped character between the two halves', () => {
    assert.deepEqual(links(plainText('[a]\u202e(command:x)')), []);
    assert.deepEqual(icons(plainText('$\u0000(zap)')), []);
  });

  it('never lets hostile input yield a link or an icon, and keeps every visible character (property)', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = plainText(s);
        assert.deepEqual(links(out), [], JSON.stringify(out));
        assert.deepEqual(icons(out), [], JSON.stringify(out));
        assert.ok(!out.includes('](') && !out.includes('$('));
        // Nothing is lost but the characters that are dropped on purpose.
        // eslint-disable-next-line no-control-regex
        const expected = s.replace(/[\t\n\v\f\r\u0085\u2028\u2029]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
        assert.equal(squash(visible(out)), squash(visible(expected)));
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent (escaping twice shows the same)', () => {
    fc.assert(fc.property(hostile, (s) => assert.equal(visible(plainText(plainText(s))), visible(plainText(s)))), { numRuns: 500 });
  });
});

describe('markdownText', () => {
  it('renders the issue’s command link as its own text', () => {
    const title = '[Fix it now](command:workbench.action.terminal.sendSequence?{"text":"touch pwned\\n"})';
    const md = markdownText(title);
    assert.ok(!tokens(md).some((t) => t.type === 'link'));
    assert.equal(visible(renderedText(md)), title);
  });

  it('never lets hostile input yield a link, image, HTML or an icon (property)', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const md = markdownText(s);
        const ts = tokens(md);
        const kinds = new Set(ts.map((t) => t.type));
        for (const bad of ['link', 'image', 'html', 'tag', 'heading', 'code', 'codespan', 'strong', 'em', 'del', 'list', 'blockquote', 'table', 'def', 'hr'])
          assert.ok(!kinds.has(bad), `${bad} from ${JSON.stringify(s)}: ${JSON.stringify(md)}`);
        // VS Code looks for icons in the rendered text, after markdown escapes are applied.
        const text = renderedText(md);
        assert.deepEqual(icons(text), [], JSON.stringify(text));
        assert.equal(squash(visible(text)), squash(visible(plainText(s))), 'the very same characters show');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('plainText and markdownText run in linear time', () => {
  // Inputs that make backtracking escapers or parsers go quadratic: long runs of openers.
  const shapes: Record<string, (n: number) => string> = {
    brackets: (n) => '['.repeat(n) + ']('.repeat(n),
    dollars: (n) => '$('.repeat(n),
    nested: (n) => '[a]('.repeat(n) + ')'.repeat(n),
    controls: (n) => '\u202e\u0000'.repeat(n),
  };
  for (const [name, make] of Object.entries(shapes)) {
    for (const f of [plainText, markdownText]) {
      // No timing assertion (this machine is shared and noisy): a quadratic pass over half a
      // million characters would not finish within the test timeout; linear takes milliseconds.
      it(`${f.name}: ${name} of 500,000 characters is answered in one pass`, () => {
        const out = f(make(500_000));
        assert.equal(typeof out, 'string');
      });
    }
  }
});
