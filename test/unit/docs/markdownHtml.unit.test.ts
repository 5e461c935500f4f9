import * as assert from 'node:assert/strict';
import { markdownToUnsafeHtml, MAX_MARKDOWN_CHARS } from '../../../src/core/docs/markdownHtml';

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
