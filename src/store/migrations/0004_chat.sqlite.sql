-- 0004 chat (SQLite): show chat with moderation, and buyer wellbeing limits.
--
-- Conventions of 0001 hold (ids chosen by the caller, times UTC ms, money
-- sen, "none" is NULL). docs/chat.md explains the rules; what the schema
-- itself keeps:
-- - messages are soft-deleted (deleted_at, deleted_by) so a moderator's
--   delete is recorded and history can leave them out;
-- - moderators are appointed by a seller for all of their shows
--   (seller_moderators), not per show: sellers run many shows with the same
--   helpers;
-- - mutes, bans and slow mode belong to one show; one row per (show, user),
--   so muting again moves `until` and banning twice changes nothing;
-- - blocked words belong to the seller and are stored lower-cased;
-- - buyer_limits: at most one row per user; cool_off_until only moves later
--   (the use case never shortens it).

CREATE TABLE chat_messages (
    id         INTEGER PRIMARY KEY,
    stream_id  INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    text       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    deleted_at INTEGER,
    deleted_by INTEGER REFERENCES users (id)
);
-- history: a show's messages newest first (ids are time-ordered)
CREATE INDEX chat_messages_stream_idx ON chat_messages (stream_id, id);
-- rate limit and slow mode: a user's recent messages
CREATE INDEX chat_messages_user_idx ON chat_messages (user_id, created_at);

CREATE TABLE seller_moderators (
    seller_id  INTEGER NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (seller_id, user_id)
) WITHOUT ROWID;

CREATE TABLE chat_mutes (
    stream_id  INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    until      INTEGER NOT NULL,
    muted_by   INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (stream_id, user_id)
) WITHOUT ROWID;

CREATE TABLE stream_bans (
    stream_id  INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    banned_by  INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (stream_id, user_id)
) WITHOUT ROWID;

CREATE TABLE seller_blocked_words (
    seller_id INTEGER NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
    word      TEXT    NOT NULL,
    PRIMARY KEY (seller_id, word)
) WITHOUT ROWID;

CREATE TABLE stream_chat_settings (
    stream_id   INTEGER PRIMARY KEY REFERENCES streams (id) ON DELETE CASCADE,
    slow_mode_s INTEGER NOT NULL DEFAULT 0 CHECK (slow_mode_s >= 0),
    updated_at  INTEGER NOT NULL
);

CREATE TABLE buyer_limits (
    user_id          INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    spending_cap_sen INTEGER CHECK (spending_cap_sen > 0),
    cap_period       TEXT    CHECK (cap_period IN ('day', 'week')),
    cool_off_until   INTEGER,
    updated_at       INTEGER NOT NULL,
    CHECK ((spending_cap_sen IS NULL) = (cap_period IS NULL))
);
