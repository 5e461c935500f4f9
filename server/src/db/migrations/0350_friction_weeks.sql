-- Weekly rollups of developers as bits (#12): a year of the friction page read as 52 weeks
-- of items instead of 365 days of items per developer, and a year of activity as 52 weeks
-- per repository instead of one row per developer and repository each week. Distinct
-- developers stay exact over any run of weeks: each install id gets a small number once (developer_numbers, never renumbered), and
-- a week's row per item and repository keeps its developers as bits of a 1,024-bit chunk
-- (developer n is bit n % 1024 of chunk n / 1024), merged with bit_or and counted with
-- bit_count. Events without an install id count in occurrences and time lost, as no bit.
-- Written with the daily rollups in the statement that stores new events (db/rollups.ts).
-- Filled right after this migration, and by every rebuild, from the daily rollups (which
-- retention keeps): db/rollups.ts, refillWeeks, called by db/migrate.ts.

CREATE TABLE developer_numbers (
  install_id text PRIMARY KEY,
  n integer GENERATED ALWAYS AS IDENTITY (MINVALUE 0 START WITH 0) UNIQUE
);

-- Who was active where per week, the same way: per repository and chunk, the developers
-- as bits (it kept one row per developer and repository: a developer works in many a week).
DROP TABLE rollup_activity_week;
CREATE TABLE rollup_activity_week (
  week date NOT NULL,
  repo_id text,
  chunk integer NOT NULL,
  developers bit(1024) NOT NULL,
  CONSTRAINT rollup_activity_week_key UNIQUE NULLS NOT DISTINCT (week, repo_id, chunk)
);

CREATE TABLE rollup_friction_week (
  week date NOT NULL,
  source text NOT NULL,
  subject text,
  repo_id text,
  chunk integer NOT NULL,
  developers bit(1024) NOT NULL,
  occurrences bigint NOT NULL,
  ms numeric NOT NULL,
  CONSTRAINT rollup_friction_week_key UNIQUE NULLS NOT DISTINCT (week, source, subject, repo_id, chunk)
);

-- Two more kinds read event by event, from their narrow copies (db/rollups.ts, FACT_KINDS):
-- docs searches (Changelog page) and golden-path results (Golden path page).
INSERT INTO event_facts (id, kind, time, install_id, repo_id, data)
SELECT id, kind, time, install_id, repo_id, envelope->'data' FROM events WHERE kind IN ('docs.searched', 'goldenPath.evaluated')
ON CONFLICT (id) DO NOTHING;
