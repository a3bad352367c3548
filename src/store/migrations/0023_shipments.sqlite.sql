-- 0023 shipments (SQLite): parcels a seller sends through a carrier, their tracking and the
-- buyers' problem reports (domain/shipment.h, docs/shipping.md).
--
-- - orders.returned_at: when the order's parcel came back to the seller (the order stays
--   shipped, never completes; the seller refunds it or ships it again). NULL = not returned.
-- - shipments: one parcel from one seller to one buyer. status: shipment_state_name().
--   requested_tracking: ours, what we ask the carrier to use (unique); tracking_number: the
--   carrier's, once booked (unique when set). pickup = 0: a drop-off (no date, no slot).
--   label_key: where the label PDF is cached in the blob store (NULL until fetched once).
--   failure: the carrier's refusal reason. last_event_at: the time of the tracking event that
--   set the status (0 = none): an older event never moves it.
-- - shipment_orders: the orders of a shipment. active mirrors shipment_state_active() of its
--   shipment (written with the status): an order is in at most one active shipment
--   (shipment_orders_active_key, a partial unique index).
-- - shipment_events: the tracking timeline; a duplicate webhook (same text at the same time)
--   adds nothing (shipment_events_key).
-- - order_reports: a buyer's problem report on an order: its photos are images of kind
--   'report' (owner_id = the report), as products' are. While one is open or escalated the app
--   keeps orders.report_open set.
ALTER TABLE orders ADD COLUMN returned_at INTEGER;

CREATE TABLE shipments (
    id                 INTEGER PRIMARY KEY,
    seller_id          INTEGER NOT NULL REFERENCES sellers (id),
    buyer_id           INTEGER NOT NULL REFERENCES users (id),
    status             TEXT    NOT NULL CHECK (status IN ('requested', 'refused',
                         'pending_pickup', 'picked_up', 'in_transit', 'out_for_delivery',
                         'delivery_exception', 'delivered', 'returning', 'returned', 'cancelled',
                         'lost')),
    tracking_number    TEXT UNIQUE,
    requested_tracking TEXT    NOT NULL UNIQUE,
    service_level      TEXT    NOT NULL DEFAULT 'standard',
    pickup             INTEGER NOT NULL CHECK (pickup IN (0, 1)),
    pickup_date        TEXT,
    slot_start         TEXT,
    slot_end           TEXT,
    weight_g           INTEGER NOT NULL CHECK (weight_g > 0),
    length_mm          INTEGER NOT NULL DEFAULT 0 CHECK (length_mm >= 0),
    width_mm           INTEGER NOT NULL DEFAULT 0 CHECK (width_mm >= 0),
    height_mm          INTEGER NOT NULL DEFAULT 0 CHECK (height_mm >= 0),
    label_key          TEXT,
    failure            TEXT,
    last_event_at      INTEGER NOT NULL DEFAULT 0,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX shipments_seller ON shipments (seller_id, status, id);

CREATE TABLE shipment_orders (
    shipment_id INTEGER NOT NULL REFERENCES shipments (id),
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    PRIMARY KEY (shipment_id, order_id)
);
CREATE UNIQUE INDEX shipment_orders_active_key ON shipment_orders (order_id) WHERE active = 1;
CREATE INDEX shipment_orders_order ON shipment_orders (order_id);

CREATE TABLE shipment_events (
    id          INTEGER PRIMARY KEY,
    shipment_id INTEGER NOT NULL REFERENCES shipments (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('pending_pickup', 'pickup_failed', 'picked_up',
                  'in_transit', 'out_for_delivery', 'delivery_failed', 'delivered',
                  'rts_started', 'returned', 'cancelled', 'lost', 'info')),
    at          INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    reason      TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX shipment_events_key ON shipment_events (shipment_id, text, at);

CREATE TABLE order_reports (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL REFERENCES orders (id),
    buyer_id   INTEGER NOT NULL REFERENCES users (id),
    kind       TEXT    NOT NULL CHECK (kind IN ('not_received', 'not_as_described')),
    text       TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('open', 'answered', 'escalated', 'resolved')),
    answer     TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX order_reports_order ON order_reports (order_id, id);

-- report photos are images of kind 'report'. SQLite cannot change a CHECK constraint in place,
-- so the table is rebuilt as in 0007; nothing references it by foreign key.
CREATE TABLE images_new (
    id         INTEGER PRIMARY KEY,
    owner_id   INTEGER NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('product', 'avatar', 'cover', 'report')),
    position   INTEGER NOT NULL DEFAULT 0,
    key_small  TEXT    NOT NULL,
    key_medium TEXT    NOT NULL,
    key_large  TEXT    NOT NULL,
    width      INTEGER NOT NULL DEFAULT 0,
    height     INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
INSERT INTO images_new (id, owner_id, kind, position, key_small, key_medium, key_large, width,
                        height, created_at)
SELECT id, owner_id, kind, position, key_small, key_medium, key_large, width, height, created_at
FROM images;
DROP TABLE images;
ALTER TABLE images_new RENAME TO images;
CREATE INDEX images_owner_idx ON images (kind, owner_id, position, id);
