-- Mail a user asked for about an event, at send_at. The schedule lives here (and its message
-- in the outbox, 002): durable across restarts, shared by every instance on this file.
-- status: scheduled -> queued (the broker confirmed the mail) -> sent | failed (the mailer said).
CREATE TABLE notifications (
  seq             INTEGER PRIMARY KEY,
  notification_id BLOB    NOT NULL UNIQUE CHECK (length(notification_id) = 16),
  username        TEXT    NOT NULL,
  event_id        BLOB    NOT NULL CHECK (length(event_id) = 16),
  email           TEXT    NOT NULL,
  subject         TEXT    NOT NULL,
  body            TEXT    NOT NULL,
  send_at         INTEGER NOT NULL, -- ms since the epoch, UTC
  status          TEXT    NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'queued', 'sent', 'failed')),
  queued_at       INTEGER,
  sent_at         INTEGER,          -- when the SMTP server accepted it
  detail          TEXT,             -- the mailer's last word (SMTP answer or error)
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);

-- A user's notifications in send order.
CREATE INDEX notifications_by_user ON notifications (username, send_at, seq);
