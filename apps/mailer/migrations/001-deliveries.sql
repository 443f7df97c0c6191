-- What the mailer did with each message id it was given: a redelivered message (the broker
-- hands it out again after a lost connection, a publisher sends it twice) finds its row and is
-- not sent again. `sending` with a live lease: another mailer instance is on it.
CREATE TABLE deliveries (
  message_id  TEXT    NOT NULL PRIMARY KEY,
  state       TEXT    NOT NULL CHECK (state IN ('sending', 'retrying', 'sent', 'failed')),
  recipient   TEXT    NOT NULL,
  subject     TEXT    NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  lease_until INTEGER,          -- ms: while sending, others keep off until then
  detail      TEXT,             -- the SMTP server's answer, or the last error
  updated_at  INTEGER NOT NULL  -- ms since the epoch
) WITHOUT ROWID;

CREATE INDEX deliveries_by_state ON deliveries (state, updated_at);
