-- 0005 notifications (SQLite): in-app notifications of a user.
--
-- Unlike 0001's convention, ids are made by the database (rowid): one
-- go-live inserts a row per follower in a single INSERT ... SELECT, and the
-- database numbering them is what keeps that one statement with no id
-- arithmetic in the caller. A user's list walks (user_id, id) descending;
-- ids only grow among existing rows, so the id is the page cursor.
-- title is the show's title when the row was made (a notification is a
-- record of what was said, it does not follow later edits).

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('show_live')),
    stream_id  INTEGER REFERENCES streams (id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    read_at    INTEGER
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id);
-- The unread badge counts a user's rows with read_at NULL.
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
