// Shared pieces: numbers that say their period and n, the "hidden" notice, tables with
// CSV export, and charts (Observable Plot) that always come with their table.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api';

export interface Period {
  from: string;
  to: string;
}

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
export const fmtDate = (iso: string) => dateFmt.format(new Date(iso));
export const fmtPeriod = (p: Period) => `${fmtDate(p.from)} – ${fmtDate(p.to)}`;
export const fmtMinutes = (m: number | null | undefined) => {
  if (m === null || m === undefined) return '–';
  if (m < 90) return `${Math.round(m * 10) / 10} min`;
  if (m < 60 * 48) return `${Math.round((m / 60) * 10) / 10} h`;
  return `${Math.round((m / 1440) * 10) / 10} d`;
};
export const pct = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(digits)}%`);

/** "over <period>, n = <n>": every number on the page says this. */
export function Meta({ period, n, what = 'people', extra }: { period?: Period; n?: number | null; what?: string; extra?: string }) {
  const parts = [period ? `over ${fmtPeriod(period)}` : '', n !== undefined && n !== null ? `n = ${n} ${what}` : '', extra ?? ''].filter(Boolean);
  return <p class="meta">{parts.join(' · ')}</p>;
}

export function HiddenNote({ minGroup, what = 'people' }: { minGroup: number; what?: string }) {
  return (
    <p class="hidden-note" role="note" data-testid="hidden">
      Hidden because fewer than {minGroup} {what} are in this group (or it could be worked out from the others).
    </p>
  );
}

export function useApi<T>(path: string | null): { data?: T; error?: string; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  const [tick, setTick] = useState(0);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    // A reload of the same data keeps the old numbers on screen until the new ones come.
    if (shown.current !== path) setState({});
    shown.current = path;
    api<T>('GET', path).then(
      (data) => live && setState({ data }),
      (e: Error) => live && setState({ error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

export function Loading<T>({ state, children }: { state: { data?: T; error?: string }; children: (d: T) => ComponentChildren }) {
  if (state.error) return <p class="error" role="alert">Could not load: {state.error}</p>;
  if (state.data === undefined) return <p class="loading" aria-busy="true">Loading…</p>;
  return <>{children(state.data)}</>;
}

export interface Column<R> {
  key: string;
  label: string;
  value: (r: R) => string | number | null | undefined;
  render?: (r: R) => ComponentChildren;
  numeric?: boolean;
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function DataTable<R>({ caption, columns, rows, csv, testid }: { caption: string; columns: Column<R>[]; rows: R[]; csv?: string; testid?: string }) {
  const download = () => {
    const text = [columns.map((c) => csvCell(c.label)).join(','), ...rows.map((r) => columns.map((c) => csvCell(c.value(r))).join(','))].join('\n');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
    a.download = `${csv ?? 'table'}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  return (
    <div class="table-wrap">
      <table data-testid={testid}>
        <caption>
          {caption}
          {csv ? (
            <button type="button" class="link csv" onClick={download}>
              Download CSV
            </button>
          ) : null}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : ''}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>Nothing to show for this period.</td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr>
                {columns.map((c) => (
                  <td class={c.numeric ? 'num' : ''} data-col={c.key}>
                    {c.render ? c.render(r) : (c.value(r) ?? '–')}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A Plot chart; its <style> element is dropped (the CSP allows no inline styles; app.css has the rules). */
export function Chart({ label, make, children }: { label: string; make: (width: number) => Element; children: ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let last = -1;
    const draw = () => {
      const width = Math.max(320, Math.min(el.clientWidth || 640, 960));
      if (width === last) return;
      last = width;
      const node = make(width);
      node.querySelectorAll('style').forEach((s) => s.remove());
      node.setAttribute('role', 'img');
      node.setAttribute('aria-label', label);
      el.replaceChildren(node);
    };
    draw();
    const ro = new ResizeObserver(() => draw());
    ro.observe(el);
    return () => ro.disconnect();
  }, [make, label]);
  return (
    <figure class="chart">
      <div ref={ref} class="chart-canvas" />
      <details class="chart-numbers">
        <summary>Show the numbers of this chart</summary>
        {children}
      </details>
    </figure>
  );
}

export function Card({ title, href, children, testid }: { title: string; href?: string; children: ComponentChildren; testid?: string }) {
  return (
    <section class="card" aria-label={title} data-testid={testid}>
      <h2>{href ? <a href={href}>{title}</a> : title}</h2>
      {children}
    </section>
  );
}
