-- 0005 notifications (PostgreSQL): in-app notifications of a user.
--
-- Mirrors 0005_notifications.sqlite.sql. Unlike 0001's convention, ids are
-- made by the database (identity): one go-live inserts a row per follower
-- in a single INSERT ... SELECT. A user's list walks (user_id, id)
-- descending; the id is the page cursor. title is the show's title when
-- the row was made.

CREATE TABLE notifications (
    id         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('show_live')),
    stream_id  BIGINT  REFERENCES streams (id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    read_at    BIGINT
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
