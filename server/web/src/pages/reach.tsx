// The Changelog page's measurements (#12, #18): how many developers each entry reached and
// how many opened it, the repositories a deprecation still affects as its removal date
// approaches, and the searches nobody found an answer to. A view of
// GET /admin/v1/insights/changelog: every number here is the number that route returns.
import { DataTable, HiddenNote, Loading, Meta, fmtDate, fmtPeriod, useApi } from '../components';
import type { Changelog, ChangelogEntry } from '../types';

const hiddenOr = (n: number | null, minGroup: number) => (n === null ? `fewer than ${minGroup}` : n);

function removal(e: ChangelogEntry): string {
  if (e.daysLeft === null) return '';
  const when = e.daysLeft > 0 ? `in ${e.daysLeft} days` : e.daysLeft === 0 ? 'today' : `${-e.daysLeft} days ago`;
  return `${e.removalDate} (${when})`;
}

export function Reach({ q }: { q: string }) {
  const s = useApi<Changelog>(`/admin/v1/insights/changelog${q}`);
  return (
    <Loading state={s}>
      {(d) => {
        const deprecations = d.entries.filter((e) => e.stillAffected !== null).sort((a, b) => (a.daysLeft ?? 1e9) - (b.daysLeft ?? 1e9));
        const affectedRows = deprecations.flatMap((e) => e.stillAffected!.list.map((r) => ({ entry: e, ...r })));
        return (
          <section aria-labelledby="reach-h">
            <h2 id="reach-h">Reach of each entry</h2>
            <p class="small">
              <strong>Reached</strong>: developers who were told the entry affects their repository or who opened it; <strong>opened</strong>: developers who opened it
              (docs.opened); <strong>notified</strong>: developers whose repository it affects (deprecation.affected).
            </p>
            <Meta period={d.period} extra={d.team ? `team ${d.team}` : 'every team'} />
            <DataTable
              caption={`Developers reached per entry, ${fmtPeriod(d.period)}`}
              csv="changelog-reach"
              testid="reach-table"
              rows={d.entries}
              columns={[
                { key: 'title', label: 'Entry', value: (r) => r.title ?? `${r.id} (from another feed)` },
                { key: 'type', label: 'Type', value: (r) => [r.kind, r.type].filter(Boolean).join(' · ') },
                { key: 'reached', label: 'Reached', value: (r) => hiddenOr(r.reached, d.minGroup), numeric: true },
                { key: 'opened', label: 'Opened', value: (r) => hiddenOr(r.opened, d.minGroup), numeric: true },
                { key: 'notified', label: 'Notified', value: (r) => hiddenOr(r.notified, d.minGroup), numeric: true },
                { key: 'still', label: 'Repos still affected', value: (r) => (r.stillAffected ? r.stillAffected.repos : ''), numeric: true },
                { key: 'removal', label: 'Removal', value: removal },
                { key: 'id', label: 'Id', value: (r) => r.id },
              ]}
            />
            {d.hiddenReason ? <HiddenNote minGroup={d.minGroup} what="developers" /> : null}

            <h2>Deprecations: repositories still affected</h2>
            <p class="small">A repository stays here until the extension reports that it no longer uses what the entry names (deprecation.resolved). Nearest removal date first.</p>
            {affectedRows.length === 0 ? (
              <p data-testid="no-affected">No repository is affected by a deprecation{d.team ? ` in team ${d.team}` : ''}.</p>
            ) : (
              <DataTable
                caption="Repositories still affected, by deprecation"
                csv="deprecations-still-affected"
                testid="affected-table"
                rows={affectedRows}
                columns={[
                  { key: 'entry', label: 'Deprecation', value: (r) => r.entry.title ?? r.entry.id },
                  { key: 'removal', label: 'Removal', value: (r) => removal(r.entry) },
                  { key: 'repo', label: 'Repository', value: (r) => r.repo },
                  { key: 'team', label: 'Team', value: (r) => r.team ?? '' },
                  { key: 'since', label: 'Affected since', value: (r) => fmtDate(r.since) },
                ]}
              />
            )}

            <h2>Searches without an answer</h2>
            <p data-testid="search-summary" data-total={d.searches.total} data-without={d.searches.withoutResults}>
              {d.searches.withoutResults} of {d.searches.total} searches of the platform docs found nothing.
            </p>
            <Meta period={d.period} extra={`a question is listed once at least ${d.minGroup} developers asked it; queries are sent only at sharing level "all"`} />
            {d.searches.unanswered.length ? (
              <DataTable
                caption="Questions the docs do not answer, most developers first"
                csv="unanswered-searches"
                testid="unanswered-table"
                rows={d.searches.unanswered}
                columns={[
                  { key: 'query', label: 'Query', value: (r) => r.query },
                  { key: 'developers', label: 'Developers', value: (r) => r.developers, numeric: true },
                  { key: 'searches', label: 'Searches', value: (r) => r.searches, numeric: true },
                  { key: 'without', label: 'Without results', value: (r) => r.withoutResults, numeric: true },
                ]}
              />
            ) : null}
          </section>
        );
      }}
    </Loading>
  );
}
