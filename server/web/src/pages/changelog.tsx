import { useEffect, useRef, useState } from 'preact/hooks';
import { markdownToUnsafeHtml } from '../../../../src/core/docs/markdownHtml';
import { renderUntrustedHtml } from '../../../../webview-ui/src/markdown';
import { api } from '../api';
import { DataTable, Loading, fmtDate, useApi } from '../components';
import type { PageProps } from '../main';
import type { Docs } from '../types';
import { Reach } from './reach';

const EXAMPLE = {
  entry: {
    id: 'deploy-v2',
    kind: 'changelog',
    type: 'feature',
    title: 'Deploys take 8 minutes instead of 20',
    markdown: 'The pipeline now caches **dependencies** between runs.\n\n- nothing to change in your repo\n- ask in #platform if a deploy gets slower',
    tags: ['ci', 'deploy'],
    publishedAt: new Date().toISOString().slice(0, 19) + 'Z',
  },
  audience: { teams: [] },
};

/** The entry's markdown, rendered by the extension's own pipeline (marked, then its DOMPurify setup). */
function Preview({ markdown }: { markdown: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.replaceChildren(renderUntrustedHtml(markdownToUnsafeHtml(markdown)));
  }, [markdown]);
  return <div ref={ref} class="preview markdown" aria-label="Preview as the extension renders it" data-testid="preview" />;
}

export function ChangelogPage({ q }: PageProps) {
  const s = useApi<Docs>('/admin/v1/docs');
  const [text, setText] = useState(JSON.stringify(EXAMPLE, null, 2));
  const [msg, setMsg] = useState('');
  let parsed: { entry?: { title?: unknown; markdown?: unknown } } | undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (!parsed) return setMsg('This is not valid JSON.');
    try {
      const r = await api<{ id: string; warnings: string[] }>('POST', '/admin/v1/docs', parsed);
      setMsg(`Published "${r.id}".${r.warnings.length ? ` Warnings: ${r.warnings.join('; ')}` : ''}`);
      s.reload();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return (
    <>
      <Loading state={s}>
        {(d) => (
          <DataTable
            caption="Published docs and changelog entries"
            csv="changelog"
            testid="changelog-table"
            rows={d.docs}
            columns={[
              { key: 'date', label: 'Published', value: (r) => fmtDate(r.entry.publishedAt) },
              { key: 'title', label: 'Title', value: (r) => r.entry.title },
              { key: 'kind', label: 'Kind', value: (r) => [r.entry.kind, r.entry.type].filter(Boolean).join(' · ') },
              { key: 'removal', label: 'Removal date', value: (r) => r.entry.removalDate ?? '' },
              { key: 'id', label: 'Id', value: (r) => r.entry.id },
            ]}
          />
        )}
      </Loading>
      <Reach q={q} />
      <section aria-labelledby="pub-h" class="publish two-col">
        <form onSubmit={submit}>
          <h2 id="pub-h">Publish an entry</h2>
          <label class="block">
            Entry and audience (JSON, docs/docs-and-changelog.md)
            <textarea rows={16} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} spellcheck={false} />
          </label>
          <button type="submit">Publish</button>
          <p role="status">{msg}</p>
        </form>
        <div>
          <h2>Preview</h2>
          <h3>{parsed?.entry?.title ?? ''}</h3>
          <Preview markdown={typeof parsed?.entry?.markdown === 'string' ? parsed.entry.markdown : ''} />
        </div>
      </section>
    </>
  );
}
