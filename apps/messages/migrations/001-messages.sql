-- Direct messages. `seq` (the rowid) is the insertion order: it breaks ties between messages
-- of the same millisecond, so newest-first paging is stable. `message_id` is the public id,
-- a random UUID as 16 bytes: ids of private messages should not be guessable or countable.
-- `from_user`/`to_user` are usernames as the users service issues them; they are not checked
-- against it (each service owns its own data, no synchronous calls between services).
CREATE TABLE messages (
  seq        INTEGER PRIMARY KEY,
  message_id BLOB    NOT NULL UNIQUE CHECK (length(message_id) = 16),
  from_user  TEXT    NOT NULL,
  to_user    TEXT    NOT NULL,
  sent_at    INTEGER NOT NULL, -- ms since the epoch, UTC
  contents   TEXT    NOT NULL,
  favorite   INTEGER NOT NULL DEFAULT 0 CHECK (favorite IN (0, 1))
);

-- Inbox and outbox, newest first. Every index of a rowid table ends with the rowid, so these
-- are really (user, sent_at, seq): the list query and its cursor are one index range.
CREATE INDEX messages_inbox ON messages (to_user, sent_at);
CREATE INDEX messages_outbox ON messages (from_user, sent_at);
