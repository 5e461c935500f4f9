import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { markdownToUnsafeHtml, MAX_MARKDOWN_CHARS, quietHtml } from '../../../src/core/docs/markdownHtml';
import { XSS_CORPUS } from '../../fixtures/xssCorpus';

describe('markdownToUnsafeHtml', () => {
  it('renders migration steps as a list with code and links', () => {
    const html = markdownToUnsafeHtml('1. Change `FROM node:16` in the [Dockerfile](https://example.com/d).\n2. Push.');
    assert.match(html, /<ol>/);
    assert.match(html, /<code>FROM node:16<\/code>/);
    assert.match(html, /<a href="https:\/\/example.com\/d">Dockerfile<\/a>/);
  });
  it('cuts very long input instead of freezing the view', () => {
    const html = markdownToUnsafeHtml('a'.repeat(MAX_MARKDOWN_CHARS + 10));
    assert.match(html, /truncated/);
  });
});

describe('quietHtml', () => {
  it('takes out event handlers, styles, scripts, styles and comments, and keeps the rest', () => {
    assert.equal(quietHtml('<img src=x onerror="alert(1)" alt=\'a "b"\'>'), '<img src="x" alt="a &quot;b&quot;">');
    assert.equal(quietHtml('<p style="color:red" OnClick=x title="t">hi</p>'), '<p title="t">hi</p>');
    assert.equal(quietHtml('a<script>alert(1)</script>b<style>p{}</style>c<!-- x -->d'), 'abcd');
    assert.equal(quietHtml('<details open ontoggle=x><summary>s</summary></details>'), '<details open><summary>s</summary></details>');
    assert.equal(quietHtml('<br/><img/src=x/onerror=y>'), '<br /><img src="x/onerror=y">');
  });

  it('escapes a < that starts no tag and drops what a browser would not finish', () => {
    assert.equal(quietHtml('1 < 2 <3'), '1 &lt; 2 &lt;3');
    assert.equal(quietHtml('ok <img src="x onerror=y'), 'ok ');
    assert.equal(quietHtml('<p title=">" onclick=x>t</p>'), '<p title=">">t</p>');
  });

  it('leaves no handler or style attribute in any payload of the XSS corpus', () => {
    for (const p of XSS_CORPUS) {
      const html = markdownToUnsafeHtml(p.markdown).replace(/="[^"]*"/g, '=""'); // values are data, not markup
      assert.doesNotMatch(html, /<[^>]*\son[a-z]+\s*=/i, `${p.id} ${p.name}: ${html}`);
      assert.doesNotMatch(html, /<[^>]*\sstyle\s*=|<style|<script/i, `${p.id} ${p.name}: ${html}`);
    }
  });

  it('leaves no handler in hostile input (property), in linear time', () => {
    const parts = fc.constantFrom('<', '>', '/', '=', '"', "'", ' ', '\n', 'on', 'onerror', 'OnLoad', 'style', 'img', 'p', 'script', '!--', '-->', 'x', '</', '<!', '?');
    fc.assert(
      fc.property(fc.array(parts, { maxLength: 40 }), (ps) => {
        const out = quietHtml(ps.join(''));
        // Read the output the way a browser tokenizer would, with a real one: marked's own output is not involved.
        for (const m of out.matchAll(/<[A-Za-z][^\s/>]*((?:\s+[^\s/>=]+(?:="[^"]*")?)*)\s*\/?>/g)) assert.doesNotMatch(m[1] ?? '', /\s(on|style(?=[\s=/>]|$))/i, out); // `style--` is another attribute, not a style
      }),
      { numRuns: 3000 },
    );
    // One pass: a quadratic one over this would not finish within the test timeout.
    assert.equal(typeof quietHtml('<p onclick="'.repeat(50_000) + '<script>'.repeat(50_000) + '<!--'.repeat(50_000)), 'string');
  });
});
