-- 0016 delivery addresses (PostgreSQL): where a buyer's parcels go (domain/delivery.h). At
-- most DELIVERY_PER_USER_MAX a user (the app checks, under the user's row lock); at most one
-- default a user (the partial unique index), and the store keeps exactly one while there are
-- any. phone is E.164; state is the canonical name; line2 '' when absent.
CREATE TABLE delivery_addresses (
    id         BIGINT  PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    phone      TEXT    NOT NULL,
    line1      TEXT    NOT NULL,
    line2      TEXT    NOT NULL DEFAULT '',
    city       TEXT    NOT NULL,
    state      TEXT    NOT NULL,
    postcode   TEXT    NOT NULL,
    is_default BOOLEAN NOT NULL DEFAULT false,
    created_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL
);
CREATE INDEX delivery_addresses_user_idx ON delivery_addresses (user_id, id);
CREATE UNIQUE INDEX delivery_addresses_default ON delivery_addresses (user_id)
    WHERE is_default;
