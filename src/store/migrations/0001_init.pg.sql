-- 0001 init (PostgreSQL): accounts, sellers, catalog, idempotency.
--
-- Mirrors 0001_init.sqlite.sql; the conventions are the same:
--   ids      BIGINT, chosen by the caller
--   money    BIGINT sen;  times BIGINT UTC milliseconds
--   "none"   is NULL in the database and 0 / "" at the port
-- Products are soft-deleted (deleted_at) so that auctions, bids and orders
-- added later can keep pointing at them with plain foreign keys.
-- Constraint names are part of the adapter's error mapping
-- (store/store_util.c): rename them only together.
-- Objects are created unqualified, in the first schema of search_path.

CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at BIGINT  NOT NULL
);

CREATE TABLE users (
    id              BIGINT  PRIMARY KEY,
    email           TEXT    NOT NULL,
    username        TEXT    NOT NULL,
    display_name    TEXT    NOT NULL DEFAULT '',
    bio             TEXT    NOT NULL DEFAULT '',
    password_hash   TEXT    NOT NULL,
    avatar_image_id BIGINT,
    is_seller       BOOLEAN NOT NULL DEFAULT false,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));

-- Rotating refresh tokens, stored as SHA-256 of the token.
CREATE TABLE refresh_tokens (
    id         BIGINT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id  BIGINT NOT NULL,
    token_hash BYTEA  NOT NULL CHECK (length(token_hash) = 32),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    revoked_at BIGINT
);
CREATE UNIQUE INDEX refresh_tokens_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- A seller shares its user's id.
CREATE TABLE sellers (
    id              BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    shop_name       TEXT   NOT NULL,
    description     TEXT   NOT NULL DEFAULT '',
    pickup_line1    TEXT   NOT NULL,
    pickup_line2    TEXT   NOT NULL DEFAULT '',
    pickup_city     TEXT   NOT NULL,
    pickup_state    TEXT   NOT NULL,
    pickup_postcode TEXT   NOT NULL,
    follower_count  BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);

-- seq orders a user's follows (newest first) and is the pagination cursor.
CREATE TABLE follows (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seller_id  BIGINT NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX follows_user_seller_key ON follows (user_id, seller_id);
CREATE INDEX follows_user_seq_idx ON follows (user_id, seq);
CREATE INDEX follows_seller_idx ON follows (seller_id, seq);

-- follower_count follows the rows whatever deletes them (unfollow, cascades).
CREATE FUNCTION follows_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE sellers SET follower_count = follower_count + 1 WHERE id = NEW.seller_id;
    ELSE
        UPDATE sellers SET follower_count = follower_count - 1 WHERE id = OLD.seller_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER follows_count AFTER INSERT OR DELETE ON follows
    FOR EACH ROW EXECUTE FUNCTION follows_count();

CREATE TABLE categories (
    id        BIGINT  PRIMARY KEY,
    parent_id BIGINT  REFERENCES categories (id),
    slug      TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    position  INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX categories_slug_key ON categories (slug);
CREATE INDEX categories_parent_idx ON categories (parent_id, position);

-- search: full text over title and description, kept by the database itself.
CREATE TABLE products (
    id                BIGINT  PRIMARY KEY,
    seller_id         BIGINT  NOT NULL REFERENCES sellers (id),
    category_id       BIGINT  REFERENCES categories (id),
    title             TEXT    NOT NULL,
    description       TEXT    NOT NULL DEFAULT '',
    condition         TEXT    NOT NULL CHECK (condition IN ('new', 'like_new', 'good', 'fair')),
    quantity          INTEGER NOT NULL CHECK (quantity >= 0),
    buy_now_price     BIGINT  NOT NULL DEFAULT 0 CHECK (buy_now_price >= 0),
    shipping_weight_g INTEGER NOT NULL DEFAULT 0,
    length_mm         INTEGER NOT NULL DEFAULT 0,
    width_mm          INTEGER NOT NULL DEFAULT 0,
    height_mm         INTEGER NOT NULL DEFAULT 0,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    deleted_at        BIGINT,
    search            tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A') ||
        setweight(to_tsvector('simple'::regconfig, description), 'B')) STORED
);
CREATE INDEX products_seller_idx ON products (seller_id, id);
CREATE INDEX products_category_idx ON products (category_id, id);
CREATE INDEX products_search_idx ON products USING gin (search);

-- Images of products and avatars; owner_id is polymorphic (see kind), so no
-- foreign key: the product/user delete paths remove their rows.
CREATE TABLE images (
    id         BIGINT  PRIMARY KEY,
    owner_id   BIGINT  NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('product', 'avatar')),
    position   INTEGER NOT NULL DEFAULT 0,
    key_small  TEXT    NOT NULL,
    key_medium TEXT    NOT NULL,
    key_large  TEXT    NOT NULL,
    width      INTEGER NOT NULL DEFAULT 0,
    height     INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT  NOT NULL
);
CREATE INDEX images_owner_idx ON images (kind, owner_id, position, id);

-- Stored responses of mutations sent with an Idempotency-Key.
CREATE TABLE idempotency_keys (
    user_id    BIGINT  NOT NULL,
    key        TEXT    NOT NULL,
    req_hash   BYTEA   NOT NULL,
    status     INTEGER NOT NULL,
    body       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
