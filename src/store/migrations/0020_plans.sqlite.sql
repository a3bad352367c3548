-- 0020 plans (SQLite): a seller's plan, paid by subscription (domain/plan.h; docs/payments.md
-- "Plans"). One row a seller: the subscription they last asked for. No row = the free plan.
--
-- - plan: the name from the configuration's table (BLYTZ_PLANS); which commission it takes is
--   configuration too, and which plan is in force at a time is the domain's to say from
--   status, current_period_end, past_due_since and cancel_at_period_end.
-- - status: creating (the outbox worker has yet to make it), incomplete (its first invoice
--   waits for the seller's card: client_secret is the invoice's, for Stripe.js), active,
--   past_due (a renewal failed: since past_due_since), canceled, failed (the provider refused).
-- - subscription_id: the provider's, unique; event_at: the provider time of the newest report
--   applied, so that older ones delivered late change nothing.
CREATE TABLE seller_plans (
    seller_id            INTEGER PRIMARY KEY REFERENCES sellers (id) ON DELETE CASCADE,
    plan                 TEXT    NOT NULL,
    status               TEXT    NOT NULL DEFAULT 'creating'
                         CHECK (status IN ('creating', 'incomplete', 'active', 'past_due',
                                           'canceled', 'failed')),
    subscription_id      TEXT    UNIQUE,
    client_secret        TEXT,
    failure_code         TEXT,
    current_period_end   INTEGER NOT NULL DEFAULT 0,
    past_due_since       INTEGER NOT NULL DEFAULT 0,
    cancel_at_period_end INTEGER NOT NULL DEFAULT 0 CHECK (cancel_at_period_end IN (0, 1)),
    event_at             INTEGER NOT NULL DEFAULT 0,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);
