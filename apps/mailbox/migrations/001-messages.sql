-- Every message the SMTP server accepted, newest last (seq). `message_id` is the mailbox's own
-- id for the API; `header_message_id` is the Message-ID the sender gave.
CREATE TABLE messages (
  seq               INTEGER PRIMARY KEY,
  message_id        BLOB    NOT NULL UNIQUE CHECK (length(message_id) = 16),
  envelope_from     TEXT    NOT NULL,
  envelope_to       TEXT    NOT NULL, -- JSON array: the RCPT TO addresses
  header_message_id TEXT,
  sender            TEXT    NOT NULL, -- the From header, as text
  recipients        TEXT    NOT NULL, -- the To header, as text
  subject           TEXT    NOT NULL,
  text              TEXT,
  html              TEXT,
  size              INTEGER NOT NULL, -- bytes of the message as received
  received_at       INTEGER NOT NULL  -- ms since the epoch, UTC
);

-- Who received what: one row per envelope recipient, for ?to= (any letter case).
CREATE TABLE deliveries (
  address TEXT    NOT NULL COLLATE NOCASE,
  seq     INTEGER NOT NULL REFERENCES messages (seq) ON DELETE CASCADE,
  PRIMARY KEY (address, seq)
) WITHOUT ROWID;
CREATE INDEX deliveries_by_message ON deliveries (seq);
