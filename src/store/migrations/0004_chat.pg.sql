-- 0004 chat (PostgreSQL): show chat with moderation, and buyer wellbeing limits.
--
-- Mirrors 0004_chat.sqlite.sql.
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
    id         BIGINT  PRIMARY KEY,
    stream_id  BIGINT  NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    user_id    BIGINT  NOT NULL REFERENCES users (id),
    text       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    deleted_at BIGINT,
    deleted_by BIGINT  REFERENCES users (id)
);
-- history: a show's messages newest first (ids are time-ordered)
CREATE INDEX chat_messages_stream_idx ON chat_messages (stream_id, id);
-- rate limit and slow mode: a user's recent messages
CREATE INDEX chat_messages_user_idx ON chat_messages (user_id, created_at);

CREATE TABLE seller_moderators (
    seller_id  BIGINT  NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
    user_id    BIGINT  NOT NULL REFERENCES users (id),
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (seller_id, user_id)
);

CREATE TABLE chat_mutes (
    stream_id  BIGINT  NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    user_id    BIGINT  NOT NULL REFERENCES users (id),
    until      BIGINT  NOT NULL,
    muted_by   BIGINT  NOT NULL REFERENCES users (id),
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (stream_id, user_id)
);

CREATE TABLE stream_bans (
    stream_id  BIGINT  NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    user_id    BIGINT  NOT NULL REFERENCES users (id),
    banned_by  BIGINT  NOT NULL REFERENCES users (id),
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (stream_id, user_id)
);

CREATE TABLE seller_blocked_words (
    seller_id BIGINT  NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
    word      TEXT    NOT NULL,
    PRIMARY KEY (seller_id, word)
);

CREATE TABLE stream_chat_settings (
    stream_id   BIGINT  PRIMARY KEY REFERENCES streams (id) ON DELETE CASCADE,
    slow_mode_s BIGINT  NOT NULL DEFAULT 0 CHECK (slow_mode_s >= 0),
    updated_at  BIGINT  NOT NULL
);

CREATE TABLE buyer_limits (
    user_id          BIGINT  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    spending_cap_sen BIGINT  CHECK (spending_cap_sen > 0),
    cap_period       TEXT    CHECK (cap_period IN ('day', 'week')),
    cool_off_until   BIGINT,
    updated_at       BIGINT  NOT NULL,
    CHECK ((spending_cap_sen IS NULL) = (cap_period IS NULL))
);
