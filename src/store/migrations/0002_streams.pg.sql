-- 0002 streams (PostgreSQL): scheduled shows and their lineups.
--
-- Mirrors 0002_streams.sqlite.sql. Conventions of 0001 hold (ids chosen by
-- the caller, times UTC ms, "none" is NULL). A show moves scheduled -> live
-- -> ended, or to cancelled; the store changes status only conditionally
-- (UPDATE ... WHERE status = from), so two nodes racing to go live or end
-- cannot both win.
-- Auctions (a later migration) reference a lot as (stream_id, product_id),
-- which is stream_products' primary key: an auction can only sell a product
-- that is in its show's lineup.

CREATE TABLE streams (
    id             BIGINT  PRIMARY KEY,
    seller_id      BIGINT  NOT NULL REFERENCES sellers (id),
    title          TEXT    NOT NULL,
    description    TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL DEFAULT 'scheduled'
                   CHECK (status IN ('scheduled', 'live', 'ended', 'cancelled')),
    starts_at      BIGINT  NOT NULL,
    started_at     BIGINT,
    ended_at       BIGINT,
    -- no foreign key: images.owner_id is polymorphic (see 0001)
    cover_image_id BIGINT,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);
-- GET /streams?status=scheduled walks (status, starts_at, id) ascending,
-- ?status=live walks (status, started_at, id) descending; a seller's own
-- shows use the seller index.
CREATE INDEX streams_status_starts_idx ON streams (status, starts_at, id);
CREATE INDEX streams_status_started_idx ON streams (status, started_at, id);
CREATE INDEX streams_seller_idx ON streams (seller_id, status, starts_at, id);

-- The lineup: which products a show sells, in order. Products are
-- soft-deleted, so these rows (and auctions referring to them) stay valid.
CREATE TABLE stream_products (
    stream_id  BIGINT  NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    product_id BIGINT  NOT NULL REFERENCES products (id),
    position   INTEGER NOT NULL,
    CONSTRAINT stream_products_pkey PRIMARY KEY (stream_id, product_id)
);
CREATE UNIQUE INDEX stream_products_position_key ON stream_products (stream_id, position);
CREATE INDEX stream_products_product_idx ON stream_products (product_id);
