-- 0003 auctions (SQLite): auctions, the hash-chained bid log, bid
-- idempotency keys, orders and the per-stream event log.
--
-- Conventions of 0001 hold (ids chosen by the caller, times UTC ms, money
-- sen, flags 0/1, "none" is NULL). What makes the engine correct lives here:
-- - at most one running auction per show: the partial unique index
--   auctions_one_running_key (mapped to auction_running in store_util.c);
-- - an auction sells a lot of its show's lineup: (stream_id, product_id)
--   references stream_products;
-- - bids of an auction are numbered 1, 2, 3 ... (seq) and chained:
--   hash = SHA-256(prev_hash || canonical fields), docs/auctions.md gives the
--   byte format; auctions.last_hash is the chain's head;
-- - one order per auction (orders_auction_key): closing happens once;
-- - room events are numbered per show from streams.event_seq, allocated in
--   the transaction that wrote the change, and kept in stream_events for
--   replay (connection-state recovery).

ALTER TABLE streams ADD COLUMN event_seq INTEGER NOT NULL DEFAULT 0;

CREATE TABLE auctions (
    id                   INTEGER PRIMARY KEY,
    stream_id            INTEGER NOT NULL,
    product_id           INTEGER NOT NULL REFERENCES products (id),
    seller_id            INTEGER NOT NULL REFERENCES sellers (id),
    mode                 TEXT    NOT NULL CHECK (mode IN ('standard', 'sudden_death')),
    starting_bid         INTEGER NOT NULL CHECK (starting_bid > 0),
    reserve_price        INTEGER,
    buy_now_price        INTEGER,
    soft_close_window_ms INTEGER NOT NULL DEFAULT 0,
    soft_close_extend_ms INTEGER NOT NULL DEFAULT 0,
    status               TEXT    NOT NULL DEFAULT 'running'
                         CHECK (status IN ('running', 'ended', 'cancelled')),
    started_at           INTEGER NOT NULL,
    ends_at              INTEGER NOT NULL,
    ended_at             INTEGER,
    current_bid          INTEGER,
    leader_id            INTEGER,
    leader_max           INTEGER NOT NULL DEFAULT 0,
    step_count           INTEGER NOT NULL DEFAULT 0,
    winner_id            INTEGER,
    bought_now           INTEGER NOT NULL DEFAULT 0 CHECK (bought_now IN (0, 1)),
    last_hash            BLOB    NOT NULL DEFAULT (zeroblob(32)) CHECK (length(last_hash) = 32),
    version              INTEGER NOT NULL DEFAULT 0,
    created_at           INTEGER NOT NULL,
    FOREIGN KEY (stream_id, product_id) REFERENCES stream_products (stream_id, product_id)
);
CREATE UNIQUE INDEX auctions_one_running_key ON auctions (stream_id) WHERE status = 'running';
CREATE INDEX auctions_stream_idx ON auctions (stream_id, id);
-- the engine loads the running auctions at start to arm their closing timers
CREATE INDEX auctions_running_idx ON auctions (status, ends_at);

-- Accepted bid steps (a proxy answer is a step of its own, by_proxy = 1).
CREATE TABLE bids (
    id         INTEGER PRIMARY KEY,
    auction_id INTEGER NOT NULL REFERENCES auctions (id),
    seq        INTEGER NOT NULL,
    bidder_id  INTEGER NOT NULL REFERENCES users (id),
    amount     INTEGER NOT NULL CHECK (amount > 0),
    max_amount INTEGER,
    by_proxy   INTEGER NOT NULL DEFAULT 0 CHECK (by_proxy IN (0, 1)),
    created_at INTEGER NOT NULL,
    prev_hash  BLOB    NOT NULL CHECK (length(prev_hash) = 32),
    hash       BLOB    NOT NULL CHECK (length(hash) = 32)
);
CREATE UNIQUE INDEX bids_auction_seq_key ON bids (auction_id, seq);
CREATE INDEX bids_bidder_idx ON bids (bidder_id, id);

-- Idempotency-Key of accepted bids: the same key from the same bidder on the
-- same auction replays the first answer instead of bidding again. bid_id is
-- NULL when the placement made no step (a leader raising their maximum).
CREATE TABLE bid_keys (
    auction_id INTEGER NOT NULL REFERENCES auctions (id),
    bidder_id  INTEGER NOT NULL,
    idem_key   TEXT    NOT NULL,
    bid_id     INTEGER,
    amount     INTEGER NOT NULL,
    max_amount INTEGER,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (auction_id, bidder_id, idem_key)
) WITHOUT ROWID;

CREATE TABLE orders (
    id         INTEGER PRIMARY KEY,
    auction_id INTEGER REFERENCES auctions (id),
    buyer_id   INTEGER NOT NULL REFERENCES users (id),
    seller_id  INTEGER NOT NULL REFERENCES sellers (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    currency   TEXT    NOT NULL DEFAULT 'MYR',
    status     TEXT    NOT NULL DEFAULT 'pending_payment'
               CHECK (status IN ('pending_payment', 'paid', 'shipped', 'delivered',
                                 'cancelled', 'refunded')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX orders_auction_key ON orders (auction_id);
CREATE INDEX orders_buyer_idx ON orders (buyer_id, id);
CREATE INDEX orders_seller_idx ON orders (seller_id, id);

-- A show's room events in commit order; seq is the Socket.IO offset.
CREATE TABLE stream_events (
    stream_id  INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (stream_id, seq)
) WITHOUT ROWID;
