-- 0006 pre-bids (PostgreSQL): mirrors 0006_prebids.sqlite.sql. One row per
-- (show, lot, bidder), placing again replaces the maximum; (stream_id,
-- product_id) references the lineup; ids are made by the application.

CREATE TABLE prebids (
    id         BIGINT PRIMARY KEY,
    stream_id  BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    bidder_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    max_amount BIGINT NOT NULL CHECK (max_amount > 0),
    created_at BIGINT NOT NULL,
    FOREIGN KEY (stream_id, product_id)
        REFERENCES stream_products (stream_id, product_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX prebids_lot_bidder_key ON prebids (stream_id, product_id, bidder_id);
CREATE INDEX prebids_bidder_idx ON prebids (bidder_id, stream_id);
