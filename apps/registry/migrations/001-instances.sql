-- One row per instance of a service. The URL is the instance's identity: a restarted instance
-- registers the same URL again and keeps its id.
CREATE TABLE instances (
  instance_id      BLOB    PRIMARY KEY CHECK (length(instance_id) = 16),
  service          TEXT    NOT NULL,
  prefix           TEXT    NOT NULL,  -- the path prefix the gateway routes to the service
  url              TEXT    NOT NULL UNIQUE,
  health_path      TEXT    NOT NULL,
  status           TEXT    NOT NULL CHECK (status IN ('passing', 'critical')),
  registered_at    INTEGER NOT NULL,  -- ms since the epoch
  last_checked     INTEGER,           -- null until the first check
  last_status_code INTEGER,           -- 0: no answer (refused, timed out)
  failing_since    INTEGER            -- set while critical: deregistered DEREGISTER_AFTER later
) WITHOUT ROWID;

CREATE INDEX instances_by_service ON instances (service, url);
