-- 0022 admins (PostgreSQL): the people who run Blytz. An admin may see any order and refund it
-- (docs/payments.md "Refunds and disputes"); granted and revoked by an operator on the
-- machine (`blytz admin grant EMAIL`), never through the API.
ALTER TABLE users ADD COLUMN is_admin BOOLEAN NOT NULL DEFAULT false;
