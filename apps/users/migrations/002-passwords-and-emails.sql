-- Accounts sign in: a salted scrypt hash of the password, never the password. Accounts made
-- before passwords existed have none and cannot sign in.
ALTER TABLE users ADD COLUMN password_hash TEXT;

-- Secondary emails. An address belongs to one account, primary or secondary: the store checks
-- both tables in the write's own transaction.
CREATE TABLE user_emails (
  email    TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
  username TEXT NOT NULL REFERENCES users (username)
) WITHOUT ROWID;
CREATE INDEX user_emails_by_user ON user_emails (username);

-- Failed sign-ins of the last minute, per name: more than a few slow the name down (429).
CREATE TABLE failed_signins (
  username TEXT    NOT NULL COLLATE NOCASE,
  at       INTEGER NOT NULL  -- ms since the epoch
);
CREATE INDEX failed_signins_by_user ON failed_signins (username, at);
