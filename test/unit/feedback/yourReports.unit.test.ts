import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { KEEP_REPORTS_MS, MAX_KEPT_REPORTS, YourReports, fixedToAnnounce, matchStatuses, type ReportsStore } from '../../../src/core/feedback/yourReports';
import { FeedbackStatusesResponse, type PublishedStatus } from '../../../src/core/platform/contract';

// "You said, we did" (#18): the install's own report ids, matched locally against the
// whole published list, and a fix announced once.

class MapStore implements ReportsStore {
  readonly map = new Map<string, unknown>();
  get(key: string): unknown {
    return this.map.get(key);
  }
  set(key: string, value: unknown): void {
    // stored as JSON, as a Memento does
    this.map.set(key, JSON.parse(JSON.stringify(value)));
  }
}

const T0 = Date.UTC(2026, 2, 1);
const clock = (t = { now: T0 }) => ({ now: () => t.now });
const pub = (id: string, status: PublishedStatus['status'], changelogId?: string): PublishedStatus => ({ id, status, updatedAt: '2026-03-02T10:00:00Z', ...(changelogId ? { changelogId } : {}) });

describe('YourReports', () => {
  it('matches its own ids in the published list and leaves others "new"', () => {
    const r = new YourReports(new MapStore(), clock());
    r.remember('a', 'VPN needed for tests');
    r.remember('b', 'Slow index build');
    const { matched } = r.apply([pub('zzz', 'fixed'), pub('a', 'planned'), pub('other', 'wontFix')]);
    assert.deepEqual(matched.map((m) => [m.id, m.status]), [['b', 'new'], ['a', 'planned']]);
  });

  it('keeps only its own reports\u2019 statuses, and shows them again without fetching', () => {
    const store = new MapStore();
    const r = new YourReports(store, clock());
    r.remember('a', 'x');
    r.apply([pub('a', 'fixed', 'ci-cache'), pub('someone-else', 'fixed')]);
    assert.deepEqual(store.get('statuses'), { a: { status: 'fixed', changelogId: 'ci-cache' } });
    assert.deepEqual(new YourReports(store, clock()).matched.map((m) => [m.status, m.changelogId]), [['fixed', 'ci-cache']]);
  });

  it('announces a fix once, even after a reload (a new instance on the same store)', () => {
    const store = new MapStore();
    const r = new YourReports(store, clock());
    r.remember('a', 'x');
    r.remember('b', 'y');
    assert.deepEqual(r.apply([pub('a', 'planned')]).announce, []);
    assert.deepEqual(r.apply([pub('a', 'fixed', 'entry-1')]).announce.map((m) => [m.id, m.changelogId]), [['a', 'entry-1']]);
    assert.deepEqual(r.apply([pub('a', 'fixed', 'entry-1')]).announce, []);
    const reloaded = new YourReports(store, clock());
    assert.deepEqual(reloaded.apply([pub('a', 'fixed'), pub('b', 'fixed')]).announce.map((m) => m.id), ['b']);
    assert.deepEqual(reloaded.apply([pub('a', 'fixed'), pub('b', 'fixed')]).announce, []);
  });

  it('a list that no longer names a report keeps its last known status', () => {
    const r = new YourReports(new MapStore(), clock());
    r.remember('a', 'x');
    r.apply([pub('a', 'acknowledged')]);
    assert.equal(r.apply([]).matched[0]!.status, 'acknowledged');
  });

  it('keeps the newest reports within its bounds, and forgets those past 180 days', () => {
    const t = { now: T0 };
    const r = new YourReports(new MapStore(), clock(t));
    for (let i = 0; i < MAX_KEPT_REPORTS + 5; i++) r.remember(`id-${i}`, 'x'.repeat(1000));
    assert.equal(r.reports.length, MAX_KEPT_REPORTS);
    assert.equal(r.reports[0]!.id, `id-${MAX_KEPT_REPORTS + 4}`);
    assert.equal(r.reports[0]!.text.length, 160);
    t.now = T0 + KEEP_REPORTS_MS + 1;
    assert.equal(r.hasReports, false);
  });

  it('ignores an id it cannot keep', () => {
    const r = new YourReports(new MapStore(), clock());
    r.remember('', 'x');
    r.remember('x'.repeat(201), 'x');
    assert.equal(r.hasReports, false);
  });

  it('matchStatuses takes the first entry for an id that is listed twice', () => {
    assert.equal(matchStatuses([{ id: 'a', sentAt: 0, text: '' }], [pub('a', 'planned'), pub('a', 'fixed')])[0]!.status, 'planned');
  });

  it('fixedToAnnounce skips those already announced and those not fixed', () => {
    const m = [
      { id: 'a', sentAt: 0, text: '', status: 'fixed' as const },
      { id: 'b', sentAt: 0, text: '', status: 'fixed' as const },
      { id: 'c', sentAt: 0, text: '', status: 'wontFix' as const },
    ];
    assert.deepEqual(fixedToAnnounce(m, new Set(['a'])).map((x) => x.id), ['b']);
  });

  describe('hostile input', () => {
    it('a response body of any shape is either a valid list or refused, and matching it never throws', () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 4 }), fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 20 }), status: fc.constantFrom('new', 'acknowledged', 'planned', 'fixed', 'wontFix', 'bogus'), changelogId: fc.option(fc.string({ maxLength: 300 })), updatedAt: fc.constantFrom('2026-03-02T10:00:00Z', 'yesterday') }, { requiredKeys: ['id', 'status'] }), { maxLength: 30 }), (junk, statuses) => {
          for (const body of [junk, { statuses }, { statuses: junk }]) {
            const parsed = FeedbackStatusesResponse.safeParse(body);
            if (!parsed.success) continue;
            const r = new YourReports(new MapStore(), clock());
            r.remember('a', 'x');
            for (const s of parsed.data.statuses) r.remember(s.id, 'y');
            const { matched } = r.apply(parsed.data.statuses);
            assert.ok(matched.every((m) => ['new', 'acknowledged', 'planned', 'fixed', 'wontFix'].includes(m.status)));
          }
        }),
        { numRuns: 300 },
      );
    });

    it('whatever the store holds, reading and applying never throws and yields valid reports', () => {
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom('reports', 'statuses', 'announced'), fc.jsonValue({ maxDepth: 3 })), (stored) => {
          const store = new MapStore();
          for (const [k, v] of Object.entries(stored)) store.set(k, v);
          const r = new YourReports(store, clock({ now: T0 + 1e12 }));
          const { matched } = r.apply([pub('a', 'fixed')]);
          assert.ok(matched.every((m) => typeof m.id === 'string' && typeof m.text === 'string'));
        }),
        { numRuns: 300 },
      );
    });

    it('matching stays linear: 5000 published statuses against 100 reports', () => {
      const reports = Array.from({ length: 100 }, (_, i) => ({ id: `r${i}`, sentAt: 0, text: '' }));
      const published = Array.from({ length: 5000 }, (_, i) => pub(`p${i}`, 'fixed'));
      published.push(pub('r7', 'fixed'));
      assert.equal(matchStatuses(reports, published).filter((m) => m.status === 'fixed').length, 1);
    });
  });
});
