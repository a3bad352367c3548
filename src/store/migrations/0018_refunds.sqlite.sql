-- 0018 refunds (SQLite): money going back to buyers, and chargebacks (domain/refund.h;
-- docs/payments.md "Refunds and disputes").
--
-- - refunds: one amount sent back on one payment's charge for one order, who asked and why,
--   its state at the provider, and the order's state when it was asked (given back to the
--   order if the provider fails it). The refunds of a payment not failed add up to at most
--   its charge; those of an order, to at most what it was paid (orders.refunded counts them).
-- - disputes: a chargeback on a payment's charge, once per provider id; every order that
--   payment paid is disputed with it until it closes won or lost.
-- - notifications: a seller is told of a dispute ("order_disputed", with the order). SQLite
--   cannot change a CHECK in place: the table is made anew, rows kept.
CREATE TABLE refunds (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    payment_id  INTEGER NOT NULL REFERENCES payments (id),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    reason      TEXT    NOT NULL
                CHECK (reason IN ('out_of_stock', 'damaged', 'not_as_described', 'buyer_request',
                                  'other', 'duplicate', 'provider')),
    note        TEXT    NOT NULL DEFAULT '',
    asked_by    INTEGER REFERENCES users (id),
    role        TEXT    NOT NULL CHECK (role IN ('seller', 'admin', 'system', 'provider')),
    status      TEXT    NOT NULL DEFAULT 'creating'
                CHECK (status IN ('creating', 'pending', 'succeeded', 'failed')),
    provider_id TEXT    UNIQUE,
    order_state TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX refunds_order_idx ON refunds (order_id, id);
CREATE INDEX refunds_payment_idx ON refunds (payment_id, id);

CREATE TABLE disputes (
    id          INTEGER PRIMARY KEY,
    provider_id TEXT    NOT NULL UNIQUE,
    payment_id  INTEGER NOT NULL REFERENCES payments (id),
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    reason      TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
    created_at  INTEGER NOT NULL,
    closed_at   INTEGER
);
CREATE INDEX disputes_payment_idx ON disputes (payment_id);

CREATE TABLE notifications_0018 (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('show_live', 'order_disputed')),
    stream_id  INTEGER REFERENCES streams (id) ON DELETE CASCADE,
    order_id   INTEGER REFERENCES orders (id),
    title      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    read_at    INTEGER
);
INSERT INTO notifications_0018 (id, user_id, kind, stream_id, title, created_at, read_at)
SELECT id, user_id, kind, stream_id, title, created_at, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_0018 RENAME TO notifications;
CREATE INDEX notifications_user_idx ON notifications (user_id, id);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
