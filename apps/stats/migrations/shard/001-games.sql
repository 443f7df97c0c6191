-- One games shard. A user's games, aggregates and winning runs all live in the shard their
-- user id maps to, so every write is one local transaction.
CREATE TABLE games (
  user_id  BLOB    NOT NULL CHECK (length(user_id) = 16),
  game_id  INTEGER NOT NULL CHECK (game_id > 0),
  finished TEXT    NOT NULL,  -- YYYY-MM-DD, or a UTC ISO-8601 timestamp
  guesses  INTEGER NOT NULL CHECK (guesses BETWEEN 1 AND 6),
  won      INTEGER NOT NULL CHECK (won IN (0, 1)),
  PRIMARY KEY (user_id, game_id)
) WITHOUT ROWID;

-- Per-user aggregates, kept current by each game's insert: reading stats never scans games.
-- username is copied here (it never changes) so each shard can rank its own leaderboard rows.
CREATE TABLE user_stats (
  user_id        BLOB    PRIMARY KEY,
  username       TEXT    NOT NULL,
  games_played   INTEGER NOT NULL,
  games_won      INTEGER NOT NULL,
  won_guesses    INTEGER NOT NULL,  -- sum of guesses over won games
  g1 INTEGER NOT NULL, g2 INTEGER NOT NULL, g3 INTEGER NOT NULL,
  g4 INTEGER NOT NULL, g5 INTEGER NOT NULL, g6 INTEGER NOT NULL,
  fails          INTEGER NOT NULL,
  max_streak     INTEGER NOT NULL,
  current_streak INTEGER NOT NULL,
  last_day       INTEGER NOT NULL   -- latest played UTC day, as days since 1970-01-01
) WITHOUT ROWID;

CREATE INDEX user_stats_by_wins ON user_stats (games_won DESC, username);
CREATE INDEX user_stats_by_streak ON user_stats (max_streak DESC, username);

-- Maximal runs of consecutive won days. A new won day merges with its neighbours in O(1),
-- whatever order games arrive in.
CREATE TABLE win_runs (
  user_id   BLOB    NOT NULL,
  end_day   INTEGER NOT NULL,
  start_day INTEGER NOT NULL CHECK (start_day <= end_day),
  PRIMARY KEY (user_id, end_day)
) WITHOUT ROWID;
