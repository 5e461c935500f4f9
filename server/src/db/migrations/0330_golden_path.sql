-- Golden-path checks per configuration layer (#13): the `goldenPath.checks` format of
-- docs/configuration.md, served to the extension in GET /v1/repos/{repoId}/config and
-- evaluated on the developer's machine. The results come back as goldenPath.evaluated
-- events (pass/fail per check id), read from the events table by the adoption insight.
ALTER TABLE config_layers ADD COLUMN golden_path jsonb;
