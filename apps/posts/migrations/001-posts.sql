-- seq is the insertion order: with created_at it makes the paging key unique, so a page
-- boundary between posts of the same millisecond neither repeats nor skips one.
CREATE TABLE posts (
  seq        INTEGER PRIMARY KEY,
  post_id    BLOB    NOT NULL UNIQUE CHECK (length(post_id) = 16),
  title      TEXT    NOT NULL,
  text       TEXT    NOT NULL,
  community  TEXT    NOT NULL,
  url        TEXT,
  username   TEXT    NOT NULL,
  created_at INTEGER NOT NULL -- ms since the epoch, UTC
);

-- Newest first, anywhere and per community, read by walking these indexes backwards.
CREATE INDEX posts_by_time ON posts (created_at, seq);
CREATE INDEX posts_by_community_time ON posts (community, created_at, seq);
