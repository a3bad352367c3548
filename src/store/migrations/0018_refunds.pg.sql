-- 0018 refunds (PostgreSQL): mirrors 0018_refunds.sqlite.sql (refunds, disputes, and the
-- seller's "order_disputed" notification).
CREATE TABLE refunds (
    id          BIGINT  PRIMARY KEY,
    order_id    BIGINT  NOT NULL REFERENCES orders (id),
    payment_id  BIGINT  NOT NULL REFERENCES payments (id),
    amount      BIGINT  NOT NULL CHECK (amount > 0),
    reason      TEXT    NOT NULL
                CHECK (reason IN ('out_of_stock', 'damaged', 'not_as_described', 'buyer_request',
                                  'other', 'duplicate', 'provider')),
    note        TEXT    NOT NULL DEFAULT '',
    asked_by    BIGINT  REFERENCES users (id),
    role        TEXT    NOT NULL CHECK (role IN ('seller', 'admin', 'system', 'provider')),
    status      TEXT    NOT NULL DEFAULT 'creating'
                CHECK (status IN ('creating', 'pending', 'succeeded', 'failed')),
    provider_id TEXT    UNIQUE,
    order_state TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);
CREATE INDEX refunds_order_idx ON refunds (order_id, id);
CREATE INDEX refunds_payment_idx ON refunds (payment_id, id);

CREATE TABLE disputes (
    id          BIGINT  PRIMARY KEY,
    provider_id TEXT    NOT NULL UNIQUE,
    payment_id  BIGINT  NOT NULL REFERENCES payments (id),
    amount      BIGINT  NOT NULL CHECK (amount >= 0),
    reason      TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
    created_at  BIGINT  NOT NULL,
    closed_at   BIGINT
);
CREATE INDEX disputes_payment_idx ON disputes (payment_id);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('show_live', 'order_disputed'));
ALTER TABLE notifications ADD COLUMN order_id BIGINT REFERENCES orders (id);
