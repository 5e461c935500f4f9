-- GET /v1/feedback/statuses lists every status the platform team set, newest first (#18):
-- this index serves that order without sorting the whole table on every poll.
CREATE INDEX friction_status_updated ON friction_status (updated_at DESC, event_id);
