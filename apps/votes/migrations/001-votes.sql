-- One row per user per post: the primary key is what makes "one vote per user per post" hold
-- whichever process writes.
CREATE TABLE votes (
  post_id   BLOB    NOT NULL CHECK (length(post_id) = 16),
  username  TEXT    NOT NULL,
  direction INTEGER NOT NULL CHECK (direction IN (-1, 1)),
  voted_at  INTEGER NOT NULL, -- ms since the epoch, UTC
  PRIMARY KEY (post_id, username)
) WITHOUT ROWID;

-- Per-post counts, changed in the same transaction as the vote, so reads never count votes.
-- score is derived by SQLite itself and cannot drift from the two counts.
CREATE TABLE tallies (
  post_id   BLOB    PRIMARY KEY CHECK (length(post_id) = 16),
  upvotes   INTEGER NOT NULL CHECK (upvotes >= 0),
  downvotes INTEGER NOT NULL CHECK (downvotes >= 0),
  score     INTEGER GENERATED ALWAYS AS (upvotes - downvotes) STORED,
  community TEXT    -- the post's community when a voter said it; null until then
) WITHOUT ROWID;

CREATE INDEX tallies_by_score ON tallies (score DESC, post_id);
CREATE INDEX tallies_by_community_score ON tallies (community, score DESC, post_id);
