-- 0010 outbox (SQLite): side effects outside the database (a provider's API,
-- mail, push), each a row written in the same transaction as the change that
-- needs it, then run by a worker with retries (app/outbox.h, docs/outbox.md).
--
--   kind        which handler runs it ("video.room_open")
--   dedupe_key  derived by the caller from the change; a second row with the
--               same key is not added (the first one stands)
--   payload     JSON text the application wrote for the handler
--   state       pending -> done, or parked after the last attempt or on an
--               error no retry can fix; an operator puts a parked row back
--   attempts    attempts started (a claim counts one)
--   next_at     when the row is next due; a claim sets it to lease_until,
--               so a crashed worker's row comes due again when its lease ends
--   lease_until the claim's end (0 = not claimed); with attempts, the token a
--               worker must still hold to record the outcome
--   last_error  the last failure, capped by the application ('' = none)

CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,
    dedupe_key  TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'done', 'parked')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     INTEGER NOT NULL,
    lease_until INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX outbox_dedupe_key ON outbox (dedupe_key);
-- Claiming: the due pending rows, soonest first; also the next due time.
CREATE INDEX outbox_due_idx ON outbox (next_at, id) WHERE state = 'pending';
-- Operators' lists by state, newest first, and the parked count.
CREATE INDEX outbox_state_idx ON outbox (state, id);
-- Pruning finished rows.
CREATE INDEX outbox_done_idx ON outbox (updated_at) WHERE state = 'done';
