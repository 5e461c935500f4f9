import * as Plot from '@observablehq/plot';
import { useEffect, useState } from 'preact/hooks';
import { TEMPLATE_IDS } from '../../../../src/core/surveys/templates';
import { api } from '../api';
import { Card, Chart, DataTable, HiddenNote, Loading, Meta, fmtDate, fmtPeriod, pct, useApi } from '../components';
import type { PageProps } from '../main';
import type { Period } from '../components';
import type { SurveyList, SurveyQuestion, SurveyResults } from '../types';
import { bandLabel } from './overview';
import { newQuestion, QuestionBuilder, questionJson, surveyProblems, type QuestionDraft } from './surveyBuilder';

export function SurveysPage({ q, session }: PageProps) {
  const list = useApi<SurveyList>('/admin/v1/insights/surveys');
  const [id, setId] = useState<string | undefined>();
  useEffect(() => {
    const all = list.data?.surveys ?? [];
    const first = all.find((s) => s.questions.some((x) => x.type === 'nps')) ?? all[0];
    // A choice made before this effect ran wins: the effect's own `id` may be stale.
    if (first) setId((chosen) => chosen ?? first.id);
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
          {'prompts' in d ? <Prompts p={d.prompts} period={d.period} /> : null}
          {d.questions.map((x) => (
            <Question q={x} period={d.period} minGroup={d.minGroup} />
          ))}
          {'npsByTeam' in d && d.npsByTeam.length ? (
            <>
            <p class="small">An anonymous answer names the team of its repository (catalog-info.yaml or the configuration), never the repository or the developer.</p>
            <DataTable
              caption={`NPS per team, ${fmtPeriod(d.period)}`}
              csv={`${d.surveyId}-nps-by-team`}
              testid="nps-by-team"
              rows={d.npsByTeam}
              columns={[
                { key: 'team', label: 'Team', value: (r) => r.team },
                { key: 'nps', label: 'NPS', value: (r) => ('suppressed' in r ? 'hidden' : r.nps), numeric: true },
                { key: 'n', label: 'Respondents', value: (r) => ('suppressed' in r ? `fewer than ${d.minGroup}, or derivable` : r.n), numeric: true },
              ]}
            />
            </>
          ) : null}
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

type Prompted = Extract<SurveyResults, { prompts: unknown }>['prompts'];

/** survey.shown / survey.answered / survey.dismissed: the response rate and prompt fatigue. */
function Prompts({ p, period }: { p: Prompted; period: Period }) {
  if ('perTeam' in p) {
    return (
      <Card title="Response rate" testid="survey-prompts">
        <p class="small">Not shown for one team: {p.reason}.</p>
      </Card>
    );
  }
  const rows = [
    { label: 'Remind me later', n: p.dismissed.remindLater },
    { label: "Don't ask again", n: p.dismissed.never },
    { label: 'Closed without a choice', n: p.dismissed.closed },
  ];
  return (
    <Card title="Response rate" testid="survey-prompts">
      <p>
        <span class="big" data-testid="response-rate" data-value={p.responseRate ?? ''}>{pct(p.responseRate)}</span> of prompts answered:{' '}
        <span data-testid="prompts-answered">{p.answered}</span> answers to <span data-testid="prompts-shown">{p.shown}</span> prompts
      </p>
      <Meta period={period} extra="counts of prompts and answers, every team: prompts carry no identity when the survey is anonymous" />
      <DataTable caption="Prompts turned away" csv="survey-dismissals" testid="survey-dismissals" rows={rows} columns={[{ key: 'l', label: 'Choice', value: (x) => x.label }, { key: 'n', label: 'Prompts', value: (x) => x.n, numeric: true }]} />
    </Card>
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

const CUSTOM_QUESTIONS: QuestionDraft[] = [{ ...newQuestion(1), id: 'speed', text: 'How happy are you with build speed?', low: 'Unhappy', high: 'Happy' }];

interface Options {
  template: string;
  /** With template 'custom': the survey's own title and questions. */
  title: string;
  questions: QuestionDraft[];
  id: string;
  teams: string;
  newHires: boolean;
  sampling: string;
  trigger: string;
  startDate: string;
  endDate: string;
}

/** The survey the form describes, in the docs/surveys.md format. */
function compose(o: Options): Record<string, unknown> {
  const teams = o.teams.split(',').map((t) => t.trim()).filter(Boolean);
  const audience = teams.length || o.newHires ? { ...(teams.length ? { teams } : {}), ...(o.newHires ? { newHires: true } : {}) } : undefined;
  const trigger = o.trigger.startsWith('on:') ? { on: o.trigger.slice(3), ...(o.trigger === 'on:buildSucceeded' ? { count: 5 } : {}) } : o.trigger;
  return {
    ...(o.template === 'custom'
      ? { title: o.title, questions: o.questions.map(questionJson) }
      : { template: o.template, ...(o.template.endsWith('nps') ? { subject: 'the developer platform' } : {}) }),
    id: o.id || (o.template === 'custom' ? 'build-pulse' : o.template),
    trigger,
    sampling: Number(o.sampling),
    ...(audience ? { audience } : {}),
    ...(o.startDate ? { startDate: o.startDate } : {}),
    ...(o.endDate ? { endDate: o.endDate } : {}),
  };
}

const INITIAL: Options = { template: 'platform-nps', title: 'How are builds?', questions: CUSTOM_QUESTIONS, id: '', teams: '', newHires: false, sampling: '1', trigger: 'quarterly', startDate: '', endDate: '' };

function Publish({ onDone }: { onDone: () => void }) {
  const [o, setO] = useState(INITIAL);
  const [text, setText] = useState(JSON.stringify(compose(INITIAL), null, 2));
  const [msg, setMsg] = useState('');
  const change = (next: Options) => {
    setO(next);
    setText(JSON.stringify(compose(next), null, 2));
  };
  const set = (k: Exclude<keyof Options, 'questions'>) => (e: Event) => {
    const el = e.target as HTMLInputElement;
    change({ ...o, [k]: el.type === 'checkbox' ? el.checked : el.value });
  };
  // What the extension would make of the JSON, as the author types (the server checks the same).
  let problems: string[];
  try {
    problems = surveyProblems(JSON.parse(text));
  } catch {
    problems = ['This is not valid JSON.'];
  }
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
        A built-in template (the seed's example questions) or your own questions, with its audience, sampling and schedule. The form writes the survey in the docs/surveys.md
        format below, where you can edit anything; the server checks it with the extension's own schema. The extension asks at most once per cooldown (7 days or more) whatever
        the schedule says.
      </p>
      <form onSubmit={submit}>
        <div class="form-grid">
          <label>
            Start from{' '}
            <select name="template" value={o.template} onChange={set('template')}>
              {[...TEMPLATE_IDS, 'custom'].map((t) => (
                <option value={t}>{t === 'custom' ? 'your own questions' : `template ${t}`}</option>
              ))}
            </select>
          </label>
          <label>
            Id <input name="id" value={o.id} onInput={set('id')} placeholder="the template's id" pattern="[a-z0-9][a-z0-9._\-]{0,63}" />
          </label>
          <label>
            Teams <input name="teams" value={o.teams} onInput={set('teams')} placeholder="everyone; or payments, search" />
          </label>
          <label>
            <input type="checkbox" name="newHires" checked={o.newHires} onChange={set('newHires')} /> new hires only
          </label>
          <label>
            Sampling <input name="sampling" type="number" min="0.01" max="1" step="0.01" value={o.sampling} onInput={set('sampling')} />
          </label>
          <label>
            Schedule{' '}
            <select name="trigger" value={o.trigger} onChange={set('trigger')}>
              <option value="weekly">weekly</option>
              <option value="monthly">monthly</option>
              <option value="quarterly">quarterly</option>
              <option value="yearly">yearly</option>
              <option value="on:buildSucceeded">after the 5th green build</option>
              <option value="on:streakFixed">after a failure streak is fixed</option>
              <option value="on:onboardingCompleted">after onboarding is completed</option>
              <option value="on:changelogRead">after a changelog entry is read</option>
            </select>
          </label>
          <label>
            From <input name="startDate" type="date" value={o.startDate} onInput={set('startDate')} />
          </label>
          <label>
            Until <input name="endDate" type="date" value={o.endDate} onInput={set('endDate')} />
          </label>
        </div>
        {o.template === 'custom' && (
          <>
            <label class="block">
              Title <input name="title" value={o.title} onInput={set('title')} maxLength={120} required />
            </label>
            <QuestionBuilder questions={o.questions} onChange={(questions) => change({ ...o, questions })} />
          </>
        )}
        <label class="block">
          Survey (JSON)
          <textarea rows={12} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} spellcheck={false} />
        </label>
        {problems.length > 0 ? (
          <div class="survey-problems" data-testid="survey-problems" role="status">
            The extension would not show this survey:
            <ul>
              {problems.map((p) => (
                <li>{p}</li>
              ))}
            </ul>
          </div>
        ) : (
          <p class="small" data-testid="survey-ok" role="status">
            The extension can show this survey.
          </p>
        )}
        <button type="submit">Publish</button>
        <p role="status">{msg}</p>
      </form>
    </section>
  );
}
