-- The catalogue. seq is the insertion order: with created_at it makes the paging key unique.
-- A rating is kept in tenths (7.4 -> 74), so one decimal is exact.
CREATE TABLE movies (
  seq           INTEGER PRIMARY KEY,
  movie_id      BLOB    NOT NULL UNIQUE CHECK (length(movie_id) = 16),
  title         TEXT    NOT NULL,
  director      TEXT    NOT NULL,
  rating_tenths INTEGER NOT NULL CHECK (rating_tenths BETWEEN 0 AND 100),
  created_at    INTEGER NOT NULL -- ms since the epoch, UTC
);

-- Newest first, read by walking the index backwards.
CREATE INDEX movies_by_time ON movies (created_at, seq);
