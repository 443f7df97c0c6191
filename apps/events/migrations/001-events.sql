-- One row per event. seq (the rowid) is the key the two R*Trees below share with it, and the
-- tie-breaker of every order: lists page on (starts_at, seq) or (distance, seq).
CREATE TABLE events (
  seq         INTEGER PRIMARY KEY,
  event_id    BLOB    NOT NULL UNIQUE CHECK (length(event_id) = 16),
  title       TEXT    NOT NULL,
  description TEXT    NOT NULL,
  topic       TEXT    NOT NULL,
  starts_at   INTEGER NOT NULL,  -- ms since the epoch, UTC
  ends_at     INTEGER,           -- ms; NULL: the event is a moment
  place_name  TEXT    NOT NULL,
  lat         REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon         REAL    NOT NULL CHECK (lon BETWEEN -180 AND 180),
  created_by  TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  CHECK (ends_at IS NULL OR ends_at >= starts_at)
);

-- By start time, everywhere and per topic: the lists walk these forwards.
CREATE INDEX events_by_start ON events (starts_at, seq);
CREATE INDEX events_by_topic_start ON events (topic, starts_at, seq);

-- Where: each event a point, in integer microdegrees. A box around a place gives the
-- candidates; the exact great-circle distance (from the events table) decides.
CREATE VIRTUAL TABLE events_where USING rtree_i32 (seq, lat_min, lat_max, lon_min, lon_max);

-- Where, when and what, for searches near a place that also name a topic or a time: the same
-- point, the event's [start, end] in units of 4 s since 2000-01-01, and its topic's bucket (a
-- hash of the topic; buckets are spread far apart so the tree keeps topics in separate
-- branches, and each is 1 wide: a zero-width dimension makes every box's volume zero, and the
-- R*Tree then cannot tell a good place for an entry from a bad one). The exact distance, times
-- and topic decide. (A search by place alone uses events_where: here its box would have to
-- visit every topic and every stretch of time.)
CREATE VIRTUAL TABLE events_what USING rtree_i32 (seq, lat_min, lat_max, lon_min, lon_max, t_min, t_max, topic_min, topic_max);

-- When: each event's [start, end] in whole minutes since 2000-01-01 (start rounded down, end
-- up), to find the events still going on at an instant without scanning everything before it.
CREATE VIRTUAL TABLE events_when USING rtree_i32 (seq, t_min, t_max);
