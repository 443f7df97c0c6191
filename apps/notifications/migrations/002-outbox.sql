-- Messages for RabbitMQ, written in the same transaction as the change they announce and
-- removed once the broker has confirmed them (@platform/queue's outbox relay).
CREATE TABLE outbox (
  seq         INTEGER PRIMARY KEY,
  message_id  TEXT    NOT NULL UNIQUE,
  exchange    TEXT    NOT NULL,
  routing_key TEXT    NOT NULL,
  properties  TEXT    NOT NULL, -- JSON: type, replyTo, headers, mandatory
  body        BLOB    NOT NULL,
  due_at      INTEGER NOT NULL, -- ms since the epoch: not published before
  attempts    INTEGER NOT NULL DEFAULT 0,
  claimed_by  TEXT,             -- the relay instance publishing it
  claim_until INTEGER           -- ms: its claim (or a failed attempt's back-off) ends
);
CREATE INDEX outbox_due ON outbox (due_at);
CREATE INDEX outbox_claimed ON outbox (claim_until) WHERE claim_until IS NOT NULL;
