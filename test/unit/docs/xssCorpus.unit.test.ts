import * as assert from 'node:assert/strict';
import { Marked } from 'marked';
import { XSS_CORPUS, XSS_PROBE_EXPRESSION } from '../../fixtures/xssCorpus';

describe('XSS corpus', () => {
  it('has 30+ payloads with unique ids, each observable through its own global', () => {
    assert.ok(XSS_CORPUS.length >= 30);
    assert.equal(new Set(XSS_CORPUS.map((x) => x.id)).size, XSS_CORPUS.length);
    for (const x of XSS_CORPUS) {
      const decoded = [...x.markdown.matchAll(/base64,([A-Za-z0-9+/=]+)/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8')).join(' ');
      assert.ok(`${x.markdown} ${decoded}`.includes(`__xss_${x.id}`), `payload ${x.id} names its global`);
    }
    assert.match(XSS_PROBE_EXPRESSION, /__xss_/);
  });

  it('goes through marked (which does not sanitize) without throwing, so the sanitizer sees each one', () => {
    const md = new Marked({ gfm: true, async: false });
    for (const x of XSS_CORPUS) assert.equal(typeof md.parse(x.markdown, { async: false }), 'string', x.name);
  });
});
