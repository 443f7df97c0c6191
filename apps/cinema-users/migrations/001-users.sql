-- The cinema's customers. A username is unique ignoring case (no `Chris` beside `chris`) and
-- looked up exactly; the list walks the unique index in its (case-insensitive) order.
CREATE TABLE users (
  seq        INTEGER PRIMARY KEY,
  username   TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  name       TEXT    NOT NULL,
  created_at INTEGER NOT NULL -- ms since the epoch, UTC
);
