-- User accounts. The username is the account's identity on the whole platform (other services
-- store it as given), so it is the primary key, compared exactly. Deactivation keeps the row:
-- a deactivated name stays taken.
CREATE TABLE users (
  username   TEXT    NOT NULL PRIMARY KEY,
  email      TEXT    NOT NULL,
  karma      INTEGER NOT NULL DEFAULT 0,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT    NOT NULL
) WITHOUT ROWID;

-- "Bob" cannot be registered next to "bob": names that differ only in case are one name
-- (look-alike accounts), while lookups stay exact.
CREATE UNIQUE INDEX users_username_nocase ON users (username COLLATE NOCASE);

-- One account per address, deactivated accounts included (the account still holds it).
CREATE UNIQUE INDEX users_email_nocase ON users (email COLLATE NOCASE);
