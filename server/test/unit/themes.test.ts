import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { reportThemes, words, type ThemeReport } from '../../src/core/insights/themes';

const r = (id: string, developer: string, text: string): ThemeReport => ({ id, developer, text });

describe('themes of friction reports', () => {
  it('finds the phrase many developers use, once, with its reports', () => {
    const reports = [
      r('1', 'a', 'The staging environment is down again'),
      r('2', 'b', 'staging environment broken after deploy'),
      r('3', 'c', 'Staging environment: 502 on every request'),
      r('4', 'd', 'cannot reach the staging environment'),
      r('5', 'e', 'staging environment is so slow'),
      r('6', 'f', 'npm install fails behind the proxy'),
    ];
    const t = reportThemes(reports, 5);
    // "staging", "environment" and "staging environment" come from the same five people: one theme.
    assert.deepEqual(t.themes, [{ term: 'staging environment', developers: 5, reportIds: ['1', '2', '3', '4', '5'] }]);
    assert.equal(t.minGroup, 5);
  });

  it('counts developers, not reports: one person repeating a word is not a theme', () => {
    const reports = [1, 2, 3, 4, 5, 6].map((i) => r(String(i), 'same-person', 'flaky integration tests'));
    assert.deepEqual(reportThemes(reports, 3).themes, []);
  });

  it('shows nothing used by fewer developers than the minimum group', () => {
    const reports = ['a', 'b', 'c', 'd'].map((d, i) => r(String(i), d, 'docker build cache misses'));
    assert.deepEqual(reportThemes(reports, 5).themes, []);
    assert.equal(reportThemes(reports, 4).themes.length, 1);
  });

  it('keeps a word theme when a phrase with it covers only some of its reports, and ranks by developers', () => {
    const reports = [
      ...['a', 'b', 'c'].map((d, i) => r(`w${i}`, d, 'docs are wrong about deploys')),
      ...['d', 'e'].map((d, i) => r(`x${i}`, d, 'where are the docs for queues')),
      ...['f', 'g', 'h'].map((d, i) => r(`y${i}`, d, 'vpn drops')),
    ];
    const t = reportThemes(reports, 3);
    assert.deepEqual(
      t.themes.map((x) => [x.term, x.developers]),
      [
        ['docs', 5],
        ['vpn drops', 3],
      ],
    );
  });

  it('reads words in any script, without stop words, punctuation or short tokens', () => {
    assert.deepEqual(words("Can't run the CI — échec du déploiement"), ['', 'run', '', '', 'échec', '', 'déploiement']);
  });

  it('never throws on hostile text, and takes time linear in its size', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.string(), developer: fc.option(fc.string()), text: fc.string({ maxLength: 300 }) }), { maxLength: 30 }), fc.integer({ min: 3, max: 10 }), (rs, min) => {
        const t = reportThemes(rs, min);
        for (const th of t.themes) assert.ok(th.developers >= min);
      }),
    );
    // 100 reports of 4,000 characters of one repeated word and of distinct words: no blow-up.
    const big = Array.from({ length: 100 }, (_, i) => r(String(i), `d${i}`, i % 2 ? 'build '.repeat(700) : Array.from({ length: 700 }, (_, j) => `w${i}x${j}`).join(' ')));
    const t = reportThemes(big, 5);
    assert.equal(t.themes[0]!.term, 'build build');
  });
});
