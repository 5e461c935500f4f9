-- Rollups of the events the extension sends from 0.2 on (#18), behind the Changelog and
-- Surveys pages (#12). Written with the other rollups (db/rollups.ts) in the statement
-- that stores new events, and filled from the events already stored right after this
-- migration.

-- docs.opened, deprecation.affected and deprecation.resolved per day, entry, repository
-- and install: distinct developers per entry over any run of whole days stay exact.
CREATE TABLE rollup_entries (
  day date NOT NULL,
  entry_id text NOT NULL,
  fact text NOT NULL CHECK (fact IN ('opened', 'affected', 'resolved')),
  repo_id text,
  install_id text,
  n bigint NOT NULL,
  CONSTRAINT rollup_entries_key UNIQUE NULLS NOT DISTINCT (day, entry_id, fact, repo_id, install_id)
);

-- survey.shown, survey.answered and survey.dismissed (by choice) per day and survey.
-- Counts only: prompts of anonymous surveys carry no install or repository.
CREATE TABLE rollup_surveys (
  day date NOT NULL,
  survey_id text NOT NULL,
  fact text NOT NULL CHECK (fact IN ('shown', 'answered', 'remindLater', 'never', 'closed')),
  n bigint NOT NULL,
  CONSTRAINT rollup_surveys_key UNIQUE (day, survey_id, fact)
);

-- Each repository's latest deprecation.affected and deprecation.resolved per entry: it is
-- still affected while the last affected is later than the last resolved. greatest() on
-- every write, so a resent or reordered batch changes nothing, and retention (which
-- deletes raw events) keeps what is known.
CREATE TABLE deprecation_repos (
  entry_id text NOT NULL,
  repo_id text NOT NULL,
  affected_at timestamptz,
  resolved_at timestamptz,
  PRIMARY KEY (entry_id, repo_id)
);
