import * as assert from 'node:assert/strict';
import { docsImagePolicy } from '../../../src/core/docs/imagePolicy';

describe('docsImagePolicy', () => {
  it('allows the hosts of the configured platform and feeds, nothing else', () => {
    assert.deepEqual(docsImagePolicy(['https://platform.example.com/dx', 'https://docs.example.com:8443/feed.json', 'docs/feed.json', '', undefined, 'not a url', 'ftp://x.example'], false), {
      hosts: ['docs.example.com:8443', 'platform.example.com'],
      remote: false,
    });
  });

  it('says when images from any host may load', () => {
    assert.equal(docsImagePolicy([], true).remote, true);
  });
});
