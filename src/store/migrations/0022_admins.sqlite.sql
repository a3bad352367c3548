-- 0022 admins (SQLite): the people who run Blytz. An admin may see any order and refund it
-- (docs/payments.md "Refunds and disputes"); granted and revoked by an operator on the
-- machine (`blytz admin grant EMAIL`), never through the API.
ALTER TABLE users ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1));
