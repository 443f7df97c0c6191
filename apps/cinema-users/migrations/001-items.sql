-- One row per item. seq is the insertion order: with created_at it makes the paging key
-- unique, so a page boundary between items of the same millisecond neither repeats nor skips one.
CREATE TABLE items (
  seq        INTEGER PRIMARY KEY,
  item_id    BLOB    NOT NULL UNIQUE CHECK (length(item_id) = 16),
  title      TEXT    NOT NULL,
  username   TEXT    NOT NULL,
  created_at INTEGER NOT NULL -- ms since the epoch, UTC
);

-- Newest first, read by walking the index backwards.
CREATE INDEX items_by_time ON items (created_at, seq);
