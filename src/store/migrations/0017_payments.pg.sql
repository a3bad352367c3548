-- 0017 payments (PostgreSQL): orders get the life of DESIGN §7 (domain/order.h decides it), and
-- what paying them takes (docs/payments.md).
--
-- - orders: 'pending_payment' is now 'awaiting_payment'; the states are the domain's eight.
--   The facts order_decide reads are columns (pay_by, payment_failed, report_open,
--   transferred, delivered_at, paid, refunded) and so are the parts of a checkout's sums this
--   order was paid with (shipping, tax, commission, share: domain/checkout.h). 0 <= refunded
--   <= paid. The CHECK on status is replaced in place, rows kept.
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
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
UPDATE orders SET status = 'awaiting_payment' WHERE status = 'pending_payment';
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'awaiting_payment';
ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('awaiting_payment', 'paid', 'shipped', 'delivered', 'completed',
                      'cancelled', 'refunded', 'disputed'));
ALTER TABLE orders
    ADD COLUMN stream_id      BIGINT,
    ADD COLUMN pay_by         BIGINT,
    ADD COLUMN payment_failed BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN failure_code   TEXT,
    ADD COLUMN report_open    BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN transferred    BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN delivered_at   BIGINT,
    ADD COLUMN parcel_id      BIGINT,
    ADD COLUMN payment_id     BIGINT,
    ADD COLUMN paid           BIGINT NOT NULL DEFAULT 0 CHECK (paid >= 0),
    ADD COLUMN refunded       BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN shipping       BIGINT NOT NULL DEFAULT 0 CHECK (shipping >= 0),
    ADD COLUMN tax            BIGINT NOT NULL DEFAULT 0 CHECK (tax >= 0),
    ADD COLUMN commission     BIGINT NOT NULL DEFAULT 0 CHECK (commission >= 0),
    ADD COLUMN share          BIGINT NOT NULL DEFAULT 0 CHECK (share >= 0),
    ADD CONSTRAINT orders_refunded_check CHECK (refunded >= 0 AND refunded <= paid);
UPDATE orders o SET stream_id = a.stream_id FROM auctions a WHERE a.id = o.auction_id;
UPDATE orders SET pay_by = created_at + 86400000;
ALTER TABLE orders ALTER COLUMN pay_by SET NOT NULL;
CREATE INDEX orders_due_idx ON orders (pay_by) WHERE status = 'awaiting_payment';
CREATE INDEX orders_parcel_idx ON orders (parcel_id) WHERE parcel_id IS NOT NULL;

CREATE TABLE parcels (
    id            BIGINT  PRIMARY KEY,
    buyer_id      BIGINT  NOT NULL REFERENCES users (id),
    seller_id     BIGINT  NOT NULL REFERENCES sellers (id),
    stream_id     BIGINT,
    group_key     TEXT    NOT NULL UNIQUE,
    ship_name     TEXT,
    ship_phone    TEXT,
    ship_line1    TEXT,
    ship_line2    TEXT,
    ship_city     TEXT,
    ship_state    TEXT,
    ship_postcode TEXT,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);

CREATE TABLE payments (
    id            BIGINT  PRIMARY KEY,
    buyer_id      BIGINT  NOT NULL REFERENCES users (id),
    seller_id     BIGINT  NOT NULL REFERENCES sellers (id),
    parcel_id     BIGINT  NOT NULL REFERENCES parcels (id),
    off_session   BOOLEAN NOT NULL DEFAULT false,
    methods       INTEGER NOT NULL CHECK (methods > 0),
    card_id       BIGINT,
    status        TEXT    NOT NULL DEFAULT 'creating'
                  CHECK (status IN ('creating', 'open', 'processing', 'succeeded', 'failed',
                                    'canceled')),
    items         BIGINT  NOT NULL CHECK (items > 0),
    shipping      BIGINT  NOT NULL CHECK (shipping >= 0),
    tax           BIGINT  NOT NULL CHECK (tax >= 0),
    total         BIGINT  NOT NULL CHECK (total = items + shipping + tax),
    commission    BIGINT  NOT NULL CHECK (commission >= 0),
    share         BIGINT  NOT NULL CHECK (share = total - commission),
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
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX payments_buyer_idx ON payments (buyer_id, id);
CREATE INDEX payments_parcel_idx ON payments (parcel_id, id);

CREATE TABLE payment_orders (
    payment_id BIGINT  NOT NULL REFERENCES payments (id),
    order_id   BIGINT  NOT NULL REFERENCES orders (id),
    items      BIGINT  NOT NULL,
    shipping   BIGINT  NOT NULL,
    tax        BIGINT  NOT NULL,
    total      BIGINT  NOT NULL,
    commission BIGINT  NOT NULL,
    share      BIGINT  NOT NULL,
    PRIMARY KEY (payment_id, order_id)
);
CREATE INDEX payment_orders_order_idx ON payment_orders (order_id);

CREATE TABLE payment_customers (
    user_id     BIGINT  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    customer_id TEXT    UNIQUE,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE cards (
    id         BIGINT  PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    method_id  TEXT    NOT NULL UNIQUE,
    brand      TEXT    NOT NULL,
    last4      TEXT    NOT NULL,
    exp_month  INTEGER NOT NULL,
    exp_year   INTEGER NOT NULL,
    is_default BOOLEAN NOT NULL DEFAULT false,
    created_at BIGINT  NOT NULL
);
CREATE INDEX cards_user_idx ON cards (user_id, id);
CREATE UNIQUE INDEX cards_default ON cards (user_id) WHERE is_default;

CREATE TABLE card_setups (
    id            BIGINT  PRIMARY KEY,
    user_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    setup_id      TEXT    UNIQUE,
    client_secret TEXT,
    status        TEXT    NOT NULL DEFAULT 'creating'
                  CHECK (status IN ('creating', 'open', 'succeeded', 'failed', 'canceled')),
    failure_code  TEXT,
    card_id       BIGINT,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX card_setups_user_idx ON card_setups (user_id, id);

CREATE TABLE payment_events (
    event_id    TEXT    PRIMARY KEY,
    type        TEXT    NOT NULL,
    received_at BIGINT  NOT NULL
);

CREATE TABLE buyer_strikes (
    order_id   BIGINT  PRIMARY KEY REFERENCES orders (id),
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL
);
CREATE INDEX buyer_strikes_user_idx ON buyer_strikes (user_id, created_at);

CREATE TABLE order_events (
    id         BIGINT  PRIMARY KEY,
    order_id   BIGINT  NOT NULL REFERENCES orders (id),
    kind       TEXT    NOT NULL,
    amount     BIGINT  NOT NULL DEFAULT 0,
    detail     TEXT    NOT NULL DEFAULT '',
    created_at BIGINT  NOT NULL
);
CREATE INDEX order_events_order_idx ON order_events (order_id, id);

ALTER TABLE sellers ADD COLUMN require_card BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN bid_blocked_until BIGINT NOT NULL DEFAULT 0;
