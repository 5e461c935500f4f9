-- DX Pulse Platform schema, version 1. Applied once, in one transaction, by migrate.ts.

-- Raw events exactly as received (envelope with data), plus the columns the dashboard
-- filters on. The primary key is what makes delivery exactly-once across processes.
CREATE TABLE events (
  id text PRIMARY KEY,
  kind text NOT NULL,
  schema_version integer NOT NULL,
  time timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  install_id text,
  session_id text,
  repo_id text,
  repo_hashed boolean,
  extension_version text NOT NULL,
  token_id text,
  envelope jsonb NOT NULL
);
CREATE INDEX events_kind_time ON events (kind, time);
CREATE INDEX events_repo_time ON events (repo_id, time);
CREATE INDEX events_received_at ON events (received_at);

-- Daily counts, kept after retention deletes the raw events they came from.
CREATE TABLE event_daily (
  day date NOT NULL,
  kind text NOT NULL,
  repo_id text NOT NULL DEFAULT '',
  events bigint NOT NULL,
  PRIMARY KEY (day, kind, repo_id)
);

-- Bearer tokens: only the SHA-256 of the secret is stored.
CREATE TABLE tokens (
  id text PRIMARY KEY,
  name text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('ingest', 'admin')),
  hash bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE teams (
  name text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE services (
  name text PRIMARY KEY,
  team text,
  environment text NOT NULL DEFAULT 'production',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A repository as events name it: id is the SHA-256 of the normalized remote, name the
-- normalized remote itself (github.com/acme/shop), so either form finds the row.
CREATE TABLE repos (
  id text PRIMARY KEY,
  name text UNIQUE,
  service text,
  team text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Configuration layers: scope is 'org', 'team:<name>' or 'repo:<id>'; later layers win.
CREATE TABLE config_layers (
  scope text PRIMARY KEY,
  features jsonb,
  doc_sources jsonb,
  onboarding jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE surveys (
  id text PRIMARY KEY,
  definition jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Docs and changelog entries; audience (teams, services, repos) limits which repos see one.
CREATE TABLE docs (
  id text PRIMARY KEY,
  entry jsonb NOT NULL,
  audience jsonb NOT NULL DEFAULT '{}'::jsonb,
  published_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE deployments (
  id text PRIMARY KEY,
  service text NOT NULL,
  environment text NOT NULL,
  time timestamptz NOT NULL,
  status text NOT NULL,
  commits jsonb NOT NULL,
  failed boolean NOT NULL DEFAULT false,
  restored_at timestamptz,
  unplanned boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deployments_service_time ON deployments (service, time);

-- Incidents link to a deployment by its id, never by guessing the latest deploy.
CREATE TABLE incidents (
  id text PRIMARY KEY,
  deployment_id text NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  resolved_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incidents_deployment ON incidents (deployment_id);
