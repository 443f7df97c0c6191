-- The embedded store, used where there is no Redis: the same contract as the Redis store.
-- One row per like; UNIQUE (post_id, username) is what makes "one like per user per post"
-- hold whichever process writes. seq is the insertion order: a user's likes page along it.
CREATE TABLE likes (
  seq      INTEGER PRIMARY KEY,
  post_id  BLOB    NOT NULL CHECK (length(post_id) = 16),
  username TEXT    NOT NULL,
  liked_at INTEGER NOT NULL, -- ms since the epoch, UTC
  UNIQUE (post_id, username)
);

CREATE INDEX likes_by_user ON likes (username, seq);

-- Per-post counts, changed in the like's own transaction; a post leaves when its last like goes.
CREATE TABLE counts (
  post_id BLOB    PRIMARY KEY CHECK (length(post_id) = 16),
  likes   INTEGER NOT NULL CHECK (likes > 0)
) WITHOUT ROWID;

-- The ranking: most liked first, ties by post id (bytes compare as the canonical strings do).
CREATE INDEX counts_by_likes ON counts (likes DESC, post_id);
