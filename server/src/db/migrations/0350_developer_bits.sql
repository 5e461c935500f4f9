-- Developers as bits (#12). Every install id gets a small number once (developer_numbers,
-- never renumbered), and the activity and friction rollups keep, per day or week and per
-- repository (and item), the developers as bits of a 1,024-bit chunk: developer n is bit
-- n % 1024 of chunk n / 1024. Distinct developers over any run of days or weeks stay exact
-- (bit_count of the bit_or of a chunk's rows), with one row per repository and item instead
-- of one per developer: a year of friction is 52 weekly rows per item and repository,
-- however many events and developers. Events without an install id count in events,
-- occurrences and time lost, as no bit. The daily rollups replace their per-developer rows
-- here (numbered in the order of each install id's first day); a rebuild right after this
-- migration (db/migrate.ts) recounts every rollup from the raw events still stored, the
-- weekly ones from the daily ones (db/rollups.ts). Ingest numbers new install ids in a statement of its own just
-- before the statement that stores a batch and counts it (db/events.ts).

CREATE TABLE developer_numbers (
  install_id text PRIMARY KEY,
  n integer GENERATED ALWAYS AS IDENTITY (MINVALUE 0 START WITH 0) UNIQUE
);
INSERT INTO developer_numbers (install_id)
SELECT install_id FROM rollup_activity WHERE install_id IS NOT NULL GROUP BY install_id ORDER BY min(day), install_id;

ALTER TABLE rollup_activity RENAME TO rollup_activity_0200;
ALTER TABLE rollup_activity_0200 RENAME CONSTRAINT rollup_activity_key TO rollup_activity_0200_key;
CREATE TABLE rollup_activity (
  day date NOT NULL,
  repo_id text,
  chunk integer NOT NULL,
  developers bit(1024) NOT NULL,
  events bigint NOT NULL,
  CONSTRAINT rollup_activity_key UNIQUE NULLS NOT DISTINCT (day, repo_id, chunk)
);
INSERT INTO rollup_activity (day, repo_id, chunk, developers, events)
SELECT a.day, a.repo_id, coalesce(d.n / 1024, 0),
       bit_or(CASE WHEN d.n IS NULL THEN repeat('0', 1024)::bit(1024) ELSE set_bit(repeat('0', 1024)::bit(1024), d.n % 1024, 1) END), sum(a.events)
FROM rollup_activity_0200 a LEFT JOIN developer_numbers d ON d.install_id = a.install_id GROUP BY 1, 2, 3;
DROP TABLE rollup_activity_0200;

ALTER TABLE rollup_friction RENAME TO rollup_friction_0200;
ALTER TABLE rollup_friction_0200 RENAME CONSTRAINT rollup_friction_key TO rollup_friction_0200_key;
CREATE TABLE rollup_friction (
  day date NOT NULL,
  source text NOT NULL,
  subject text,
  repo_id text,
  chunk integer NOT NULL,
  developers bit(1024) NOT NULL,
  occurrences bigint NOT NULL,
  ms numeric NOT NULL,
  CONSTRAINT rollup_friction_key UNIQUE NULLS NOT DISTINCT (day, source, subject, repo_id, chunk)
);
INSERT INTO rollup_friction (day, source, subject, repo_id, chunk, developers, occurrences, ms)
SELECT f.day, f.source, f.subject, f.repo_id, coalesce(d.n / 1024, 0),
       bit_or(CASE WHEN d.n IS NULL THEN repeat('0', 1024)::bit(1024) ELSE set_bit(repeat('0', 1024)::bit(1024), d.n % 1024, 1) END), sum(f.occurrences), sum(f.ms)
FROM rollup_friction_0200 f LEFT JOIN developer_numbers d ON d.install_id = f.install_id GROUP BY 1, 2, 3, 4, 5;
DROP TABLE rollup_friction_0200;

DROP TABLE rollup_activity_week;
CREATE TABLE rollup_activity_week (
  week date NOT NULL,
  repo_id text,
  chunk integer NOT NULL,
  developers bit(1024) NOT NULL,
  CONSTRAINT rollup_activity_week_key UNIQUE NULLS NOT DISTINCT (week, repo_id, chunk)
);

-- Who was active where per UTC hour: a period's partial first and last days are read as
-- their whole hours from here and only the minutes around them from raw events. Counted
-- from the raw events by the rebuild that follows this migration (db/migrate.ts).
CREATE TABLE rollup_activity_hour (
  hour timestamptz NOT NULL,
  repo_id text,
  chunk integer NOT NULL,
  developers bit(1024) NOT NULL,
  CONSTRAINT rollup_activity_hour_key UNIQUE NULLS NOT DISTINCT (hour, repo_id, chunk)
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
