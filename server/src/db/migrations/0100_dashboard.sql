-- The dashboard: named accounts, sign-in sessions, and the status the platform team gives
-- each friction report. Numbered 0100 so the server's own migrations keep 0002 onwards.

-- role admin sees and changes everything; viewer reads insights only. teams NULL means
-- every team; a list limits every insight to those teams.
CREATE TABLE accounts (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('admin', 'viewer')),
  teams jsonb,
  -- scrypt$N$r$p$salt$hash (base64url), from node's crypto.scrypt
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);

-- Only the SHA-256 of the cookie value is stored. account_id NULL: signed in with an
-- admin token, whose id is token_id (revoking the token ends the session).
CREATE TABLE sessions (
  id_hash bytea PRIMARY KEY,
  account_id text REFERENCES accounts (id) ON DELETE CASCADE,
  token_id text,
  label text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'viewer')),
  teams jsonb,
  csrf text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- The platform team's status for a friction.reported event (by its event id).
CREATE TABLE friction_status (
  event_id text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('new', 'acknowledged', 'planned', 'fixed', 'wontFix')),
  changelog_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
