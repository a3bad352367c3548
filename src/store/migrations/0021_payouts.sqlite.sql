-- 0021 payouts (SQLite): sellers paid through Stripe Connect (docs/payments.md "Payouts").
--
-- - payout_accounts: a seller's connected account (one a seller; account_id NULL until the
--   provider made it, then kept: a retried creation never replaces it) and what the provider
--   last said of it (account.updated): details submitted, charges and payouts enabled, the
--   requirements still due (comma-separated, "" = none).
-- - payout_onboardings: one request for an onboarding link, the handle the web app polls:
--   creating (the outbox worker has yet to make the account and the link), ready (url until
--   expires_at), failed (why).
-- - payout_transfers: the seller's share of one order (one row an order, made when it
--   completes): waiting (payouts not enabled yet, or the order is under dispute), pending (the
--   outbox worker sends it), sent (transfer_id made at the provider), void (nothing left to
--   send: refunded meanwhile). amount: what was sent (0 until decided); reversed: how much of
--   it went back (refunds, lost disputes); 0 <= reversed <= amount.
-- - seller_payouts: what the provider paid from a connected account to the seller's bank
--   (payout.paid), each provider payout once.
CREATE TABLE payout_accounts (
    seller_id         INTEGER PRIMARY KEY REFERENCES sellers (id),
    account_id        TEXT UNIQUE,
    details_submitted INTEGER NOT NULL DEFAULT 0 CHECK (details_submitted IN (0, 1)),
    charges_enabled   INTEGER NOT NULL DEFAULT 0 CHECK (charges_enabled IN (0, 1)),
    payouts_enabled   INTEGER NOT NULL DEFAULT 0 CHECK (payouts_enabled IN (0, 1)),
    requirements_due  TEXT    NOT NULL DEFAULT '',
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

CREATE TABLE payout_onboardings (
    id         INTEGER PRIMARY KEY,
    seller_id  INTEGER NOT NULL REFERENCES sellers (id),
    status     TEXT    NOT NULL CHECK (status IN ('creating', 'ready', 'failed')),
    url        TEXT,
    expires_at INTEGER NOT NULL DEFAULT 0,
    failure    TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX payout_onboardings_seller ON payout_onboardings (seller_id, id);

CREATE TABLE payout_transfers (
    order_id    INTEGER PRIMARY KEY REFERENCES orders (id),
    seller_id   INTEGER NOT NULL REFERENCES sellers (id),
    status      TEXT    NOT NULL CHECK (status IN ('waiting', 'pending', 'sent', 'void')),
    transfer_id TEXT UNIQUE,
    amount      INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
    reversed    INTEGER NOT NULL DEFAULT 0 CHECK (reversed >= 0 AND reversed <= amount),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX payout_transfers_seller ON payout_transfers (seller_id, status, order_id);

CREATE TABLE seller_payouts (
    id         INTEGER PRIMARY KEY,
    seller_id  INTEGER NOT NULL REFERENCES sellers (id),
    payout_id  TEXT    NOT NULL UNIQUE,
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    paid_at    INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX seller_payouts_seller ON seller_payouts (seller_id, id);

-- the completion sweep: delivered orders by when they were delivered
CREATE INDEX orders_delivered ON orders (delivered_at) WHERE status = 'delivered';
