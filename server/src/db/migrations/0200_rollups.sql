-- Daily rollups behind the dashboard's insight routes (#11, #12): one row per UTC day and
-- per the keys a distinct count needs (repository as the event named it, install id), so
-- counts of distinct developers over any run of whole days stay exact. They are written in
-- the same statement that stores new events (only rows that statement inserted), kept when
-- retention deletes raw events, and filled from the events already stored by the server
-- right after this migration (db/rollups.ts, rebuildRollups). NULLS NOT DISTINCT: an event
-- without a repository or install id is one key like any other (PostgreSQL 15 and later).

-- Every event: who was active where, per day.
CREATE TABLE rollup_activity (
  day date NOT NULL,
  repo_id text,
  install_id text,
  events bigint NOT NULL,
  CONSTRAINT rollup_activity_key UNIQUE NULLS NOT DISTINCT (day, repo_id, install_id)
);

-- Friction observations: failing tasks and commands, setups, stuck streaks. subject is the
-- task name or command ('' for setup, whose item is its repository); ms the time lost
-- (durationMs, or windowMinutes for a stuck streak), summed exactly.
CREATE TABLE rollup_friction (
  day date NOT NULL,
  source text NOT NULL,
  subject text,
  repo_id text,
  install_id text,
  occurrences bigint NOT NULL,
  ms numeric NOT NULL,
  CONSTRAINT rollup_friction_key UNIQUE NULLS NOT DISTINCT (day, source, subject, repo_id, install_id)
);

-- Friction reports sent right after a command failed, per day, repository and command.
CREATE TABLE rollup_friction_reports (
  day date NOT NULL,
  repo_id text,
  command text,
  reports bigint NOT NULL,
  CONSTRAINT rollup_friction_reports_key UNIQUE NULLS NOT DISTINCT (day, repo_id, command)
);

-- The partial days at either end of a period are read from raw events by time.
CREATE INDEX events_time ON events (time);
