import * as Plot from '@observablehq/plot';
import { useEffect, useState } from 'preact/hooks';
import { TEMPLATE_IDS } from '../../../../src/core/surveys/templates';
import { api } from '../api';
import { Card, Chart, DataTable, HiddenNote, Loading, Meta, fmtDate, useApi } from '../components';
import type { PageProps } from '../main';
import type { Period } from '../components';
import type { SurveyList, SurveyQuestion, SurveyResults } from '../types';
import { bandLabel } from './overview';

export function SurveysPage({ q, session }: PageProps) {
  const list = useApi<SurveyList>('/admin/v1/insights/surveys');
  const [id, setId] = useState<string | undefined>();
  useEffect(() => {
    const all = list.data?.surveys ?? [];
    const first = all.find((s) => s.questions.some((x) => x.type === 'nps')) ?? all[0];
    if (!id && first) setId(first.id);
  }, [list.data]);
  return (
    <>
      <Loading state={list}>
        {(l) =>
          l.surveys.length === 0 ? (
            <p>No survey is published yet.</p>
          ) : (
            <label>
              Survey{' '}
              <select name="survey" value={id} onChange={(e) => setId((e.target as HTMLSelectElement).value)}>
                {l.surveys.map((s) => (
                  <option value={s.id}>
                    {s.title} ({s.id})
                  </option>
                ))}
              </select>
            </label>
          )
        }
      </Loading>
      {id ? <Results id={id} q={q} /> : null}
      {session.role === 'admin' ? <Publish onDone={list.reload} /> : null}
    </>
  );
}

function Results({ id, q }: { id: string; q: string }) {
  const s = useApi<SurveyResults>(`/admin/v1/insights/surveys/${encodeURIComponent(id)}${q}`);
  return (
    <Loading state={s}>
      {(d) => (
        <section aria-label={`Results of ${d.title}`}>
          <h2>{d.title}</h2>
          <Meta period={d.period} n={d.respondents} what="respondents" />
          {d.questions.map((x) => (
            <Question q={x} period={d.period} minGroup={d.minGroup} />
          ))}
          {d.npsByQuarter.length ? (
            <DataTable
              caption="NPS per quarter"
              csv={`${d.surveyId}-nps-by-quarter`}
              rows={d.npsByQuarter}
              columns={[
                { key: 'quarter', label: 'Quarter', value: (r) => r.quarter },
                { key: 'nps', label: 'NPS', value: (r) => ('suppressed' in r ? 'hidden' : r.nps), numeric: true },
                { key: 'n', label: 'Respondents', value: (r) => ('suppressed' in r ? `fewer than ${d.minGroup}` : r.n), numeric: true },
              ]}
            />
          ) : null}
        </section>
      )}
    </Loading>
  );
}

function Question({ q, period, minGroup }: { q: SurveyQuestion; period: Period; minGroup: number }) {
  const hiddenCard = (
    <Card title={q.text}>
      <HiddenNote minGroup={minGroup} what="respondents" />
    </Card>
  );
  switch (q.type) {
    case 'nps': {
      const r = q.result;
      if ('suppressed' in r) return hiddenCard;
      const rows = r.distribution.map((count, score) => ({ score, count }));
      return (
        <Card title={q.text} testid="survey-nps">
          <p>
            <span class="big" data-testid="survey-nps-value" data-value={r.nps}>{r.nps}</span> NPS <span class={`band band-${r.band}`}>{bandLabel(r.band)}</span>: {r.promoters} promoters (9-10), {r.passives} passives (7-8), {r.detractors} detractors (0-6)
          </p>
          <Meta period={period} n={r.n} what="respondents" />
          <Chart
            label="How many gave each score"
            make={(width) =>
              Plot.plot({
                width,
                height: 200,
                style: { background: 'transparent' },
                x: { type: 'band', label: 'Score' },
                y: { label: 'Respondents', grid: true },
                marks: [Plot.barY(rows, { x: 'score', y: 'count', fill: (x: { score: number }) => (x.score >= 9 ? '#1a7f37' : x.score >= 7 ? '#9a6700' : '#cf222e') }), Plot.ruleY([0])],
              })
            }
          >
            <DataTable caption="Scores" csv="nps-distribution" rows={rows} columns={[{ key: 'score', label: 'Score', value: (x) => x.score }, { key: 'count', label: 'Respondents', value: (x) => x.count, numeric: true }]} />
          </Chart>
        </Card>
      );
    }
    case 'scale': {
      const r = q.result;
      if ('suppressed' in r) return hiddenCard;
      const rows = r.distribution.map((count, i) => ({ value: i + 1, count }));
      return (
        <Card title={q.text}>
          <p>
            mean <strong>{r.mean}</strong>, median <strong>{r.median}</strong> on 1-5
          </p>
          <Meta period={period} n={r.n} what="respondents" />
          <DataTable caption="Answers" csv={`${q.id}-answers`} rows={rows} columns={[{ key: 'v', label: 'Answer', value: (x) => x.value }, { key: 'c', label: 'Respondents', value: (x) => x.count, numeric: true }]} />
        </Card>
      );
    }
    case 'freeText': {
      const r = q.result;
      if ('suppressed' in r) return hiddenCard;
      return (
        <Card title={q.text} testid="survey-free-text">
          <Meta period={period} n={r.n} what="answers" extra="shown without who wrote them" />
          <ul class="quotes">
            {r.answers.map((a) => (
              <li>
                <blockquote>{a.text}</blockquote>
                <span class="small">{fmtDate(a.time)}</span>
              </li>
            ))}
          </ul>
        </Card>
      );
    }
    default: {
      const r = q.result;
      if ('suppressed' in r) return hiddenCard;
      return (
        <Card title={q.text}>
          <Meta period={period} n={r.n} what="respondents" />
          <DataTable caption="Choices" csv={`${q.id}-choices`} rows={r.choices} columns={[{ key: 'l', label: 'Choice', value: (x) => x.label }, { key: 'c', label: 'Chosen by', value: (x) => x.count, numeric: true }]} />
        </Card>
      );
    }
  }
}

const EXAMPLE = (template: string) => JSON.stringify(template === 'custom' ? CUSTOM : { id: template, template, ...(template.endsWith('nps') ? { subject: 'the developer platform' } : {}), trigger: 'quarterly', sampling: 1 }, null, 2);
const CUSTOM = {
  id: 'build-pulse',
  title: 'How are builds?',
  trigger: { on: 'buildSucceeded', count: 5 },
  audience: 'everyone',
  sampling: 0.5,
  questions: [{ id: 'speed', type: 'scale', text: 'How happy are you with build speed?', labels: { low: 'Unhappy', high: 'Happy' } }],
};

function Publish({ onDone }: { onDone: () => void }) {
  const [template, setTemplate] = useState('platform-nps');
  const [text, setText] = useState(EXAMPLE('platform-nps'));
  const [msg, setMsg] = useState('');
  const submit = async (ev: Event) => {
    ev.preventDefault();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      setMsg('This is not valid JSON.');
      return;
    }
    try {
      const r = await api<{ id: string }>('POST', '/admin/v1/surveys', body);
      setMsg(`Published "${r.id}".`);
      onDone();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return (
    <section aria-labelledby="publish-h" class="publish">
      <h2 id="publish-h">Publish a survey</h2>
      <p class="small">
        The format of docs/surveys.md, as JSON: a built-in template (the seed's example questions) with overrides for audience, sampling, schedule and dates, or your own
        questions. The server checks it with the extension's own schema. The extension's cooldown (at least 7 days between prompts) always applies.
      </p>
      <form onSubmit={submit}>
        <label>
          Start from{' '}
          <select
            value={template}
            onChange={(e) => {
              const t = (e.target as HTMLSelectElement).value;
              setTemplate(t);
              setText(EXAMPLE(t));
            }}
          >
            {[...TEMPLATE_IDS, 'custom'].map((t) => (
              <option value={t}>{t === 'custom' ? 'your own questions' : `template ${t}`}</option>
            ))}
          </select>
        </label>
        <label class="block">
          Survey (JSON)
          <textarea rows={12} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} spellcheck={false} />
        </label>
        <button type="submit">Publish</button>
        <p role="status">{msg}</p>
      </form>
    </section>
  );
}
