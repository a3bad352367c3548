-- 0010 outbox (PostgreSQL): mirrors 0010_outbox.sqlite.sql, which explains
-- the columns. Several nodes claim rows with FOR UPDATE SKIP LOCKED.

CREATE TABLE outbox (
    id          BIGINT  PRIMARY KEY,
    kind        TEXT    NOT NULL,
    dedupe_key  TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'done', 'parked')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     BIGINT  NOT NULL,
    lease_until BIGINT  NOT NULL DEFAULT 0,
    last_error  TEXT    NOT NULL DEFAULT '',
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);
CREATE UNIQUE INDEX outbox_dedupe_key ON outbox (dedupe_key);
CREATE INDEX outbox_due_idx ON outbox (next_at, id) WHERE state = 'pending';
CREATE INDEX outbox_state_idx ON outbox (state, id);
CREATE INDEX outbox_done_idx ON outbox (updated_at) WHERE state = 'done';
