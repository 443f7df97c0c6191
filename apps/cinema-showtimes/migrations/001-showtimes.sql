-- One row per show day; its showings (a movie and the seats of its showing) hang off it.
CREATE TABLE showtimes (
  date       TEXT    PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  created_at INTEGER NOT NULL, -- ms since the epoch, UTC
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- position keeps the order the programme was given in.
CREATE TABLE showings (
  date     TEXT    NOT NULL REFERENCES showtimes (date) ON DELETE CASCADE,
  movie_id BLOB    NOT NULL CHECK (length(movie_id) = 16),
  position INTEGER NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  PRIMARY KEY (date, movie_id)
) WITHOUT ROWID;
