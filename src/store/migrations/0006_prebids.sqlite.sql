-- 0006 pre-bids (SQLite): maximums placed on a scheduled show's lots before
-- their auction opens; the auction's start applies them in creation order.
--
-- One row per (show, lot, bidder): placing again replaces the maximum (and
-- its created_at, since a new maximum is a later one for tie-breaking).
-- (stream_id, product_id) references the lineup, so a pre-bid can only be on
-- a lot of its own show, and disappears with the lot if it leaves the lineup.
-- ids are made by the application (0001's convention).

CREATE TABLE prebids (
    id         INTEGER PRIMARY KEY,
    stream_id  INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    bidder_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    max_amount INTEGER NOT NULL CHECK (max_amount > 0),
    created_at INTEGER NOT NULL,
    FOREIGN KEY (stream_id, product_id)
        REFERENCES stream_products (stream_id, product_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX prebids_lot_bidder_key ON prebids (stream_id, product_id, bidder_id);
-- A user's own list ("my pre-bids" on a show).
CREATE INDEX prebids_bidder_idx ON prebids (bidder_id, stream_id);
