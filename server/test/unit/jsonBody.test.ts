import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { bracketDepth, MAX_JSON_DEPTH, parseJsonBody } from '../../src/core/jsonBody';
import { checkBatch } from '../../src/core/ingest';

function depthOf(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  const kids = Array.isArray(v) ? v : Object.values(v);
  return 1 + Math.max(0, ...kids.map(depthOf));
}

const forbidden = new Set(['__proto__', 'constructor', 'prototype']);
function hasForbidden(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(hasForbidden);
  return Object.keys(v).some((k) => forbidden.has(k) || hasForbidden((v as Record<string, unknown>)[k]));
}

describe('parseJsonBody', () => {
  it('gives back every JSON value within the depth limit unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (v) => {
        fc.pre(!hasForbidden(v));
        const r = parseJsonBody(JSON.stringify(v));
        assert.ok(r.ok);
        assert.deepEqual(r.value, JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it('measures nesting exactly on serialized JSON, whatever the strings hold', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 10 }), (v) => {
        assert.equal(bracketDepth(JSON.stringify(v)), depthOf(v));
      }),
    );
  });

  it('never throws, and accepts a text only when JSON.parse does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', ':', ',', '1', 'a') })), (text) => {
        const r = parseJsonBody(text);
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        if (r.ok) assert.ok(parses);
        else if (r.code === 'badJson') assert.ok(!parses);
      }),
    );
  });

  it('refuses a forbidden key at any depth, spelled plainly or with escapes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom('__proto__', 'constructor', 'prototype', '\\u005f\\u005fproto__'), fc.nat(3), (v, key, wrap) => {
        let text = `{"${key}":${JSON.stringify(v)}}`;
        for (let i = 0; i < wrap; i++) text = `{"a":[${text}]}`;
        const r = parseJsonBody(text);
        assert.equal(r.ok, false);
        assert.equal(!r.ok && r.code, 'forbiddenKey');
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      }),
    );
  });

  it('refuses nesting deeper than the limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_JSON_DEPTH + 1, max: 20_000 }), fc.constantFrom('[]', '{}'), (n, pair) => {
        const open = pair === '[]' ? '[' : '{"k":';
        const r = parseJsonBody(open.repeat(n - 1) + pair + pair[1]!.repeat(n - 1));
        assert.equal(!r.ok && r.code, 'tooDeep');
      }),
      { numRuns: 30 },
    );
  });
});

describe('checkBatch', () => {
  it('never throws, and puts every event of a batch in exactly one place', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.anything(), fc.record({ id: fc.string(), kind: fc.constantFrom('task.ended', 'x.y'), schemaVersion: fc.integer(), data: fc.object() })), { minLength: 1, maxLength: 20 }), (events) => {
        const r = checkBatch({ events });
        if (r.ok) assert.equal(r.rows.length + r.repeated.length + r.rejected.length, events.length);
        else assert.equal(r.rejected.length, events.length);
      }),
    );
  });

  it('refuses anything that is not an object with an events array', () => {
    fc.assert(
      fc.property(fc.anything(), (body) => {
        fc.pre(!(body !== null && typeof body === 'object' && Array.isArray((body as { events?: unknown }).events)));
        assert.equal(checkBatch(body).ok, false);
      }),
    );
  });
});
