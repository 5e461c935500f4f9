-- Weekly rollups (#12): the daily rollup_activity summed to UTC weeks
-- (Monday to Sunday, date_trunc('week')), keys kept, so distinct developers over any run of
-- whole weeks stay exact with a third to a seventh of the rows to read. (Friction has no
-- weekly table: its rows barely merge by week, each developer's observations being
-- spread over items and repositories, and every table more slows ingest.) A period is read
-- as its whole weeks from these, the whole days at either end from the daily rollups, and
-- the partial days from raw events (db/rollups.ts). Written with the daily rollups in the
-- statement that stores new events; a rebuild recounts them from the daily rollups (which
-- retention keeps), so they never need a raw event. Filled here from the daily rollups.

-- Who was active where, per week (presence only: a distinct count needs nothing more).
CREATE TABLE rollup_activity_week (
  week date NOT NULL,
  repo_id text,
  install_id text,
  CONSTRAINT rollup_activity_week_key UNIQUE NULLS NOT DISTINCT (week, repo_id, install_id)
);

INSERT INTO rollup_activity_week (week, repo_id, install_id)
SELECT DISTINCT date_trunc('week', day::timestamp)::date, repo_id, install_id FROM rollup_activity;

-- The few kinds the dashboard still reads event by event (onboarding steps, setups, first
-- commits, survey answers, friction reports: a few percent of all events) as narrow rows
-- side by side, so a year of them is a few thousand pages instead of one random page of
-- the events table each. Written in the statement that stores new events, deleted with
-- them by retention, refilled by a rebuild (db/rollups.ts, FACT_KINDS).
CREATE TABLE event_facts (
  id text PRIMARY KEY,
  kind text NOT NULL,
  time timestamptz NOT NULL,
  install_id text,
  repo_id text,
  data jsonb
);
CREATE INDEX event_facts_kind_time ON event_facts (kind, time);

INSERT INTO event_facts (id, kind, time, install_id, repo_id, data)
SELECT id, kind, time, install_id, repo_id, envelope->'data' FROM events
WHERE kind IN ('newHire.firstCommit', 'onboarding.stepCompleted', 'setup.completed', 'survey.answered', 'friction.reported');
