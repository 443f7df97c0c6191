-- One row per poll. seq is the insertion order (commit order, whichever process wrote): the
-- lists page newest first along it.
CREATE TABLE polls (
  seq        INTEGER PRIMARY KEY,
  poll_id    BLOB    NOT NULL UNIQUE CHECK (length(poll_id) = 16),
  title      TEXT    NOT NULL,
  username   TEXT    NOT NULL,
  created_at INTEGER NOT NULL -- ms since the epoch, UTC
);

CREATE INDEX polls_by_user ON polls (username, seq);

-- A poll's responses in the order given, each with its live count of votes: changed in the
-- vote's own transaction, so results never count votes.
CREATE TABLE responses (
  poll_seq INTEGER NOT NULL REFERENCES polls (seq),
  position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 9),
  choice   TEXT    NOT NULL,
  votes    INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
  PRIMARY KEY (poll_seq, position),
  UNIQUE (poll_seq, choice)
) WITHOUT ROWID;

-- One vote per user per poll: the primary key enforces it, whichever process writes.
CREATE TABLE votes (
  poll_seq INTEGER NOT NULL,
  username TEXT    NOT NULL,
  position INTEGER NOT NULL,
  voted_at INTEGER NOT NULL, -- ms since the epoch, UTC
  PRIMARY KEY (poll_seq, username),
  FOREIGN KEY (poll_seq, position) REFERENCES responses (poll_seq, position)
) WITHOUT ROWID;

-- Word search on titles: an external-content FTS5 index over polls.title (rowid = seq).
-- unicode61 folds case and (remove_diacritics 2) accents: "cafe" finds "Café".
CREATE VIRTUAL TABLE polls_fts USING fts5 (
  title,
  content = 'polls',
  content_rowid = 'seq',
  tokenize = "unicode61 remove_diacritics 2"
);

-- Polls are never changed or deleted; a new one enters the index in its insert's transaction.
CREATE TRIGGER polls_into_fts AFTER INSERT ON polls BEGIN
  INSERT INTO polls_fts (rowid, title) VALUES (new.seq, new.title);
END;
