-- 0017 payments (SQLite): orders get the life of DESIGN §7 (domain/order.h decides it), and
-- what paying them takes (docs/payments.md).
--
-- - orders: 'pending_payment' is now 'awaiting_payment'; the states are the domain's eight.
--   The facts order_decide reads are columns (pay_by, payment_failed, report_open,
--   transferred, delivered_at, paid, refunded) and so are the parts of a checkout's sums this
--   order was paid with (shipping, tax, commission, share: domain/checkout.h). 0 <= refunded
--   <= paid. SQLite cannot change a CHECK in place: the table is made anew, rows kept.
-- - parcels: what one buyer won from one seller in one show ships as one parcel and pays one
--   shipping fee (group_key "b<buyer>:s<seller>:show<stream>", or "order<id>" for a sale
--   alone). Its ship-to address is a copy, fixed by the first payment that succeeds.
-- - payments: one attempt to take money for orders of one parcel (one PaymentIntent), with
--   the sums the domain computed and the address the buyer chose; payment_orders holds each
--   order's part. status: creating (the outbox worker has yet to create the intent), open (the
--   browser has to act), processing, succeeded, failed (an off-session charge the card
--   refused), canceled (another attempt replaced it).
-- - payment_customers, cards, card_setups: a buyer's customer at the provider, the cards saved
--   on it (at most one default), and the SetupIntents that save them.
-- - payment_events: each provider event id processed once.
-- - order_events: what happened to an order, for its timeline (its creation is the order's
--   created_at and has no row: the auction's closing transaction writes nothing more).
-- - sellers.require_card: the seller lets only buyers with a card on file bid (their choice:
--   many Malaysian buyers pay by FPX and have no card); users.bid_blocked_until: a buyer who
--   let orders pass unpaid may not bid until then (0 = may).
-- - buyer_strikes: an order its buyer let pass unpaid (one row an order); enough of them in
--   a while keep the buyer from bidding for a while (domain/payment.h).
CREATE TABLE orders_0017 (
    id             INTEGER PRIMARY KEY,
    auction_id     INTEGER REFERENCES auctions (id),
    buyer_id       INTEGER NOT NULL REFERENCES users (id),
    seller_id      INTEGER NOT NULL REFERENCES sellers (id),
    product_id     INTEGER NOT NULL REFERENCES products (id),
    stream_id      INTEGER,
    amount         INTEGER NOT NULL CHECK (amount >= 0),
    currency       TEXT    NOT NULL DEFAULT 'MYR',
    status         TEXT    NOT NULL DEFAULT 'awaiting_payment'
                   CHECK (status IN ('awaiting_payment', 'paid', 'shipped', 'delivered',
                                     'completed', 'cancelled', 'refunded', 'disputed')),
    pay_by         INTEGER NOT NULL,
    payment_failed INTEGER NOT NULL DEFAULT 0 CHECK (payment_failed IN (0, 1)),
    failure_code   TEXT,
    report_open    INTEGER NOT NULL DEFAULT 0 CHECK (report_open IN (0, 1)),
    transferred    INTEGER NOT NULL DEFAULT 0 CHECK (transferred IN (0, 1)),
    delivered_at   INTEGER,
    parcel_id      INTEGER,
    payment_id     INTEGER,
    paid           INTEGER NOT NULL DEFAULT 0 CHECK (paid >= 0),
    refunded       INTEGER NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= paid),
    shipping       INTEGER NOT NULL DEFAULT 0 CHECK (shipping >= 0),
    tax            INTEGER NOT NULL DEFAULT 0 CHECK (tax >= 0),
    commission     INTEGER NOT NULL DEFAULT 0 CHECK (commission >= 0),
    share          INTEGER NOT NULL DEFAULT 0 CHECK (share >= 0),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
INSERT INTO orders_0017 (id, auction_id, buyer_id, seller_id, product_id, stream_id, amount,
                         currency, status, pay_by, created_at, updated_at)
SELECT o.id, o.auction_id, o.buyer_id, o.seller_id, o.product_id, a.stream_id, o.amount,
       o.currency,
       CASE o.status WHEN 'pending_payment' THEN 'awaiting_payment' ELSE o.status END,
       o.created_at + 86400000, o.created_at, o.updated_at
  FROM orders o LEFT JOIN auctions a ON a.id = o.auction_id;
DROP TABLE orders;
ALTER TABLE orders_0017 RENAME TO orders;
CREATE UNIQUE INDEX orders_auction_key ON orders (auction_id);
CREATE INDEX orders_buyer_idx ON orders (buyer_id, id);
CREATE INDEX orders_seller_idx ON orders (seller_id, id);
CREATE INDEX orders_product_idx ON orders (product_id, created_at);
CREATE INDEX orders_due_idx ON orders (pay_by) WHERE status = 'awaiting_payment';
CREATE INDEX orders_parcel_idx ON orders (parcel_id) WHERE parcel_id IS NOT NULL;

CREATE TABLE parcels (
    id            INTEGER PRIMARY KEY,
    buyer_id      INTEGER NOT NULL REFERENCES users (id),
    seller_id     INTEGER NOT NULL REFERENCES sellers (id),
    stream_id     INTEGER,
    group_key     TEXT    NOT NULL UNIQUE,
    ship_name     TEXT,
    ship_phone    TEXT,
    ship_line1    TEXT,
    ship_line2    TEXT,
    ship_city     TEXT,
    ship_state    TEXT,
    ship_postcode TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE payments (
    id            INTEGER PRIMARY KEY,
    buyer_id      INTEGER NOT NULL REFERENCES users (id),
    seller_id     INTEGER NOT NULL REFERENCES sellers (id),
    parcel_id     INTEGER NOT NULL REFERENCES parcels (id),
    off_session   INTEGER NOT NULL DEFAULT 0 CHECK (off_session IN (0, 1)),
    methods       INTEGER NOT NULL CHECK (methods > 0),
    card_id       INTEGER,
    status        TEXT    NOT NULL DEFAULT 'creating'
                  CHECK (status IN ('creating', 'open', 'processing', 'succeeded', 'failed',
                                    'canceled')),
    items         INTEGER NOT NULL CHECK (items > 0),
    shipping      INTEGER NOT NULL CHECK (shipping >= 0),
    tax           INTEGER NOT NULL CHECK (tax >= 0),
    total         INTEGER NOT NULL CHECK (total = items + shipping + tax),
    commission    INTEGER NOT NULL CHECK (commission >= 0),
    share         INTEGER NOT NULL CHECK (share = total - commission),
    ship_name     TEXT    NOT NULL,
    ship_phone    TEXT    NOT NULL,
    ship_line1    TEXT    NOT NULL,
    ship_line2    TEXT    NOT NULL,
    ship_city     TEXT    NOT NULL,
    ship_state    TEXT    NOT NULL,
    ship_postcode TEXT    NOT NULL,
    intent_id     TEXT    UNIQUE,
    client_secret TEXT,
    charge_id     TEXT,
    method_used   TEXT,
    failure_code  TEXT,
    decline_code  TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX payments_buyer_idx ON payments (buyer_id, id);
CREATE INDEX payments_parcel_idx ON payments (parcel_id, id);

CREATE TABLE payment_orders (
    payment_id INTEGER NOT NULL REFERENCES payments (id),
    order_id   INTEGER NOT NULL REFERENCES orders (id),
    items      INTEGER NOT NULL,
    shipping   INTEGER NOT NULL,
    tax        INTEGER NOT NULL,
    total      INTEGER NOT NULL,
    commission INTEGER NOT NULL,
    share      INTEGER NOT NULL,
    PRIMARY KEY (payment_id, order_id)
);
CREATE INDEX payment_orders_order_idx ON payment_orders (order_id);

CREATE TABLE payment_customers (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    customer_id TEXT    UNIQUE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE cards (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    method_id  TEXT    NOT NULL UNIQUE,
    brand      TEXT    NOT NULL,
    last4      TEXT    NOT NULL,
    exp_month  INTEGER NOT NULL,
    exp_year   INTEGER NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at INTEGER NOT NULL
);
CREATE INDEX cards_user_idx ON cards (user_id, id);
CREATE UNIQUE INDEX cards_default ON cards (user_id) WHERE is_default = 1;

CREATE TABLE card_setups (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    setup_id      TEXT    UNIQUE,
    client_secret TEXT,
    status        TEXT    NOT NULL DEFAULT 'creating'
                  CHECK (status IN ('creating', 'open', 'succeeded', 'failed', 'canceled')),
    failure_code  TEXT,
    card_id       INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX card_setups_user_idx ON card_setups (user_id, id);

CREATE TABLE payment_events (
    event_id    TEXT    PRIMARY KEY,
    type        TEXT    NOT NULL,
    received_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE buyer_strikes (
    order_id   INTEGER PRIMARY KEY REFERENCES orders (id),
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
CREATE INDEX buyer_strikes_user_idx ON buyer_strikes (user_id, created_at);

CREATE TABLE order_events (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL REFERENCES orders (id),
    kind       TEXT    NOT NULL,
    amount     INTEGER NOT NULL DEFAULT 0,
    detail     TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX order_events_order_idx ON order_events (order_id, id);

ALTER TABLE sellers ADD COLUMN require_card INTEGER NOT NULL DEFAULT 0 CHECK (require_card IN (0, 1));
ALTER TABLE users ADD COLUMN bid_blocked_until INTEGER NOT NULL DEFAULT 0;
