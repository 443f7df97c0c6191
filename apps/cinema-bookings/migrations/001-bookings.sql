-- The seat inventory lives here, next to the bookings, so a booking and the seats it takes are
-- one transaction in one database. A showing's capacity is the showtimes service's; `booked`
-- is ours: the seats of the bookings of that showing, kept in the booking's own transaction.
CREATE TABLE showings (
  date     TEXT    NOT NULL, -- YYYY-MM-DD
  movie_id BLOB    NOT NULL CHECK (length(movie_id) = 16),
  booked   INTEGER NOT NULL CHECK (booked >= 0),
  PRIMARY KEY (date, movie_id)
) WITHOUT ROWID;

-- seq is the insertion order: with created_at it makes the paging key unique.
CREATE TABLE bookings (
  seq        INTEGER PRIMARY KEY,
  booking_id BLOB    NOT NULL UNIQUE CHECK (length(booking_id) = 16),
  username   TEXT    NOT NULL,
  date       TEXT    NOT NULL,
  movie_id   BLOB    NOT NULL,
  seats      INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 10),
  created_at INTEGER NOT NULL, -- ms since the epoch, UTC
  FOREIGN KEY (date, movie_id) REFERENCES showings (date, movie_id)
);

-- One booking per user and showing (more seats: cancel and book again).
CREATE UNIQUE INDEX bookings_one_per_showing ON bookings (username, date, movie_id);
-- Newest first, everyone's and one user's, read by walking an index backwards.
CREATE INDEX bookings_by_time ON bookings (created_at, seq);
CREATE INDEX bookings_of_user ON bookings (username, created_at, seq);
