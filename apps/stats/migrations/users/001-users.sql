-- The users database: one row per user, whichever shard holds their games.
CREATE TABLE users (
  user_id  BLOB PRIMARY KEY CHECK (length(user_id) = 16),  -- UUID, 16 bytes
  username TEXT NOT NULL UNIQUE
) WITHOUT ROWID;
