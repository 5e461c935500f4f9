import * as Plot from '@observablehq/plot';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Chart, DataTable, Loading, Meta, fmtDate, fmtMinutes, fmtPeriod, pct, useApi } from '../components';
import type { PageProps } from '../main';
import type { Quadrant } from '../../../src/core/insights/friction';
import type { Friction, FrictionItem, Report, Reports, ThemeRow, Themes } from '../types';

const SOURCE: Record<FrictionItem['source'], string> = { failingCommand: 'failing command', failingTask: 'failing task', slowSetup: 'slow setup', stuckStreak: 'stuck streak' };
export const QUADRANT_COLORS: Record<Quadrant, string> = { doFirst: '#cf222e', schedule: '#bc4c00', automateOrDocument: '#0969da', ignore: '#6e7781' };
const STATUS: Record<Report['status'], string> = { new: 'New', acknowledged: 'Acknowledged', planned: 'Planned', fixed: 'Fixed', wontFix: "Won't fix" };

/** The seed's advice written into each quadrant of the chart. */
function quadrantLabels(d: Friction) {
  const xMax = Math.max(0.5, ...d.items.map((i) => i.frequency)) * 1.1;
  const yMax = Math.max(60, ...d.items.map((i) => i.impactMinutes)) * 1.15;
  const { highFrequency: fx, highImpactMinutes: iy } = d.thresholds;
  const at: { k: Quadrant; x: number; y: number }[] = [
    { k: 'schedule', x: fx / 2, y: yMax * 0.97 },
    { k: 'doFirst', x: (fx + xMax) / 2, y: yMax * 0.97 },
    { k: 'ignore', x: fx / 2, y: iy * 0.5 },
    { k: 'automateOrDocument', x: (fx + xMax) / 2, y: iy * 0.5 },
  ];
  return [Plot.text(at, { x: 'x', y: 'y', text: (a: { k: Quadrant }) => d.quadrants[a.k].split(': ')[1], fill: (a: { k: Quadrant }) => QUADRANT_COLORS[a.k], fontSize: 13, fontWeight: 600 })];
}

/** The Overview's answer to "what do we fix first": the three top-ranked items of the matrix. */
export function TopFriction({ q }: { q: string }) {
  const s = useApi<Friction>(`/admin/v1/insights/friction${q}`);
  return (
    <section aria-labelledby="top-friction-h" class="top-friction">
      <h2 id="top-friction-h">
        <a href="#/friction">What to fix first</a>
      </h2>
      <Loading state={s}>
        {(d) =>
          d.items.length === 0 ? (
            <p>No friction item reached {d.minGroup} developers in this period.</p>
          ) : (
            <>
              <ol data-testid="top-friction">
                {d.items.slice(0, 3).map((i) => (
                  <li>
                    <strong data-col="label">{i.label}</strong>: {d.quadrants[i.quadrant].split(': ')[1]} · {i.developers} developers, {Math.round(i.frequency * 100)}% of active developers a week, {fmtMinutes(i.impactMinutes)}{' '}
                    lost per developer a week
                  </li>
                ))}
              </ol>
              <Meta period={d.period} n={d.activeDevelopers} what="active developers" />
            </>
          )
        }
      </Loading>
    </section>
  );
}

export function FrictionPage({ q, session }: PageProps) {
  const s = useApi<Friction>(`/admin/v1/insights/friction${q}`);
  return (
    <>
      <Loading state={s}>
        {(d) => (
          <>
            <p class="lede">
              Every friction item placed on the seed's matrix: <strong>frequency</strong> is the share of active developers it touches in a typical week,{' '}
              <strong>impact</strong> the minutes it costs each of them per week (failing runs, setup time, stuck streaks).
            </p>
            <Meta period={d.period} n={d.activeDevelopers} what="active developers" />
            {d.hiddenItems ? (
              <p class="hidden-note" role="note" data-testid="hidden">
                {d.hiddenItems} item(s) hidden because fewer than {d.minGroup} developers met them.
              </p>
            ) : null}
            <div class="quadrants" aria-label="The four quadrants">
              {(['doFirst', 'automateOrDocument', 'schedule', 'ignore'] as const).map((k) => (
                <p class={`quadrant q-${k}`}>{d.quadrants[k]}</p>
              ))}
            </div>
            <Chart
              label="Friction items by frequency and impact"
              make={(width) =>
                Plot.plot({
                  width,
                  height: 380,
                  style: { background: 'transparent' },
                  x: { label: 'Frequency: share of active developers affected per week', domain: [0, Math.max(0.5, ...d.items.map((i) => i.frequency)) * 1.1], tickFormat: (x: number) => `${Math.round(x * 100)}%` },
                  y: { label: 'Impact: minutes lost per affected developer per week', domain: [0, Math.max(60, ...d.items.map((i) => i.impactMinutes)) * 1.15], grid: true },
                  color: { domain: Object.keys(QUADRANT_COLORS), range: Object.values(QUADRANT_COLORS) },
                  marks: [
                    Plot.ruleX([d.thresholds.highFrequency], { strokeDasharray: '4,4', stroke: 'currentColor', strokeOpacity: 0.5 }),
                    Plot.ruleY([d.thresholds.highImpactMinutes], { strokeDasharray: '4,4', stroke: 'currentColor', strokeOpacity: 0.5 }),
                    ...quadrantLabels(d),
                    Plot.dot(d.items, { x: 'frequency', y: 'impactMinutes', r: 7, fill: 'quadrant', stroke: 'var(--bg)', title: (i) => `${i.label}: ${pct(i.frequency)} weekly, ${fmtMinutes(i.impactMinutes)}` }),
                    Plot.text(d.items, { x: 'frequency', y: 'impactMinutes', text: 'label', dy: -14, fill: 'currentColor' }),
                  ],
                })
              }
            >
              <p>The table below holds every number of this chart.</p>
            </Chart>
            <DataTable
              caption={`Friction ranked by impact and frequency, ${fmtPeriod(d.period)}`}
              csv="friction"
              testid="friction-table"
              rows={d.items}
              columns={[
                { key: 'rank', label: '#', value: (r) => d.items.indexOf(r) + 1, numeric: true },
                { key: 'label', label: 'Item', value: (r) => r.label, render: (r) => <Item item={r} /> },
                { key: 'source', label: 'Kind', value: (r) => SOURCE[r.source] },
                { key: 'quadrant', label: 'Advice', value: (r) => d.quadrants[r.quadrant], render: (r) => <span class={`quadrant-tag q-${r.quadrant}`}>{d.quadrants[r.quadrant]}</span> },
                { key: 'developers', label: 'Developers affected', value: (r) => r.developers, numeric: true },
                { key: 'frequency', label: 'Weekly frequency', value: (r) => pct(r.frequency, 1), numeric: true },
                { key: 'impact', label: 'Minutes / developer / week', value: (r) => r.impactMinutes, numeric: true },
                { key: 'lost', label: 'Minutes lost in total', value: (r) => r.minutesLost, numeric: true },
                { key: 'reports', label: 'Friction reports after it failed', value: (r) => r.reports, numeric: true },
              ]}
            />
          </>
        )}
      </Loading>
      <ReportsWithThemes q={q} admin={session.role === 'admin'} />
    </>
  );
}

function Item({ item }: { item: FrictionItem }) {
  return (
    <details class="drill">
      <summary>{item.label}</summary>
      <DataTable
        caption={`Repositories where ${item.label} happens`}
        rows={item.repos}
        columns={[
          { key: 'repo', label: 'Repository', value: (r) => r.repo },
          { key: 'developers', label: 'Developers', value: (r) => r.developers, numeric: true },
          { key: 'occ', label: 'Occurrences', value: (r) => r.occurrences, numeric: true },
          { key: 'min', label: 'Minutes lost', value: (r) => r.minutesLost, numeric: true },
        ]}
      />
      {item.hiddenRepos ? <p class="small">{item.hiddenRepos} repositories hidden (too few developers each).</p> : null}
      <DataTable
        caption="Developers affected per week"
        rows={item.trend}
        columns={[
          { key: 'week', label: 'Week starting', value: (r) => r.week },
          { key: 'devs', label: 'Developers', value: (r) => (r.developers === null ? 'hidden (too few)' : r.developers), numeric: true },
        ]}
      />
    </details>
  );
}

/** The themes of the reports' text; picking one shows only its reports below. */
function ReportsWithThemes({ q, admin }: { q: string; admin: boolean }) {
  const t = useApi<Themes>(`/admin/v1/insights/friction/themes${q}`);
  const [theme, setTheme] = useState<ThemeRow | undefined>();
  return (
    <>
      <section aria-labelledby="themes-h">
        <h2 id="themes-h">What the reports are about</h2>
        <p class="small">The words and phrases many developers used in their reports. Pick one to read only those reports.</p>
        <Loading state={t}>
          {(d) =>
            d.themes.length === 0 ? (
              <p data-testid="themes-none">
                No word or phrase was used by {d.minGroup} or more developers in these {d.reports} reports.
              </p>
            ) : (
              <>
                <Meta period={d.period} n={d.reports} what="reports" />
                <DataTable
                  caption={`Themes used by at least ${d.minGroup} developers (fewer are never shown)`}
                  testid="themes-table"
                  csv="friction-themes"
                  rows={d.themes}
                  columns={[
                    {
                      key: 'term',
                      label: 'Theme',
                      value: (r) => r.term,
                      render: (r) => (
                        <button type="button" class="link" aria-pressed={theme?.term === r.term} onClick={() => setTheme(theme?.term === r.term ? undefined : r)}>
                          {r.term}
                        </button>
                      ),
                    },
                    { key: 'developers', label: 'Developers', value: (r) => r.developers, numeric: true },
                    { key: 'reports', label: 'Reports', value: (r) => r.reports, numeric: true },
                  ]}
                />
              </>
            )
          }
        </Loading>
      </section>
      <Reports q={q} admin={admin} theme={theme} onClear={() => setTheme(undefined)} />
    </>
  );
}

function Reports({ q, admin, theme, onClear }: { q: string; admin: boolean; theme?: ThemeRow; onClear: () => void }) {
  const s = useApi<Reports>(`/admin/v1/insights/friction/reports${q}`);
  const only = theme && new Set(theme.reportIds);
  return (
    <section aria-labelledby="reports-h">
      <h2 id="reports-h">Friction reports, newest first</h2>
      <p class="small">What developers typed in "Report friction", without who sent it.</p>
      {theme ? (
        <p data-testid="theme-filter">
          Only the reports about <strong>{theme.term}</strong>.{' '}
          <button type="button" class="link" onClick={onClear}>
            Show all
          </button>
        </p>
      ) : null}
      <Loading state={s}>
        {(d) => (
          <>
            <Meta period={d.period} n={d.reports.length} what="reports" />
            <ol class="reports" data-testid="reports">
              {d.reports.filter((r) => !only || only.has(r.id)).map((r) => (
                <li>
                  <blockquote>{r.text}</blockquote>
                  <p class="small">
                    {fmtDate(r.time)}
                    {r.repo ? ` · ${r.repo}` : ''}
                    {r.lastFailedCommand ? ` · after ${r.lastFailedCommand} failed` : ''}
                    {r.failingForMinutes !== undefined ? ` for ${r.failingForMinutes} min` : ''}
                  </p>
                  <StatusForm report={r} admin={admin} onSaved={s.reload} />
                </li>
              ))}
            </ol>
          </>
        )}
      </Loading>
    </section>
  );
}

function StatusForm({ report, admin, onSaved }: { report: Report; admin: boolean; onSaved: () => void }) {
  const [msg, setMsg] = useState('');
  if (!admin)
    return (
      <p class="small">
        Status: <strong>{STATUS[report.status]}</strong>
        {report.changelogId ? <> · fixed by changelog entry {report.changelogId}</> : null}
      </p>
    );
  const save = async (ev: Event) => {
    ev.preventDefault();
    const f = new FormData(ev.target as HTMLFormElement);
    const changelogId = String(f.get('changelogId') ?? '').trim();
    try {
      await api('PUT', `/admin/v1/friction/reports/${encodeURIComponent(report.id)}/status`, { status: f.get('status'), ...(changelogId ? { changelogId } : {}) });
      setMsg('Saved');
      onSaved();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return (
    <form class="inline" onSubmit={save} aria-label={`Status of the report "${report.text.slice(0, 40)}"`}>
      <label>
        Status{' '}
        <select name="status" value={report.status}>
          {Object.entries(STATUS).map(([k, v]) => (
            <option value={k}>{v}</option>
          ))}
        </select>
      </label>
      <label>
        Changelog entry{' '}
        <input name="changelogId" value={report.changelogId ?? ''} placeholder="id of the entry that fixed it" />
      </label>
      <button type="submit">Save</button>
      <span role="status">{msg}</span>
    </form>
  );
}
