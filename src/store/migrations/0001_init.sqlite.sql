-- 0001 init (SQLite): accounts, sellers, catalog, idempotency.
--
-- Conventions every later migration keeps (and the PostgreSQL twin mirrors):
--   ids      INTEGER PRIMARY KEY (64-bit rowid alias), chosen by the caller
--   money    INTEGER sen;  times INTEGER UTC milliseconds;  flags INTEGER 0/1
--   "none"   is NULL in the database and 0 / "" at the port
-- Products are soft-deleted (deleted_at) so that auctions, bids and orders
-- added later can keep pointing at them with plain foreign keys.
-- Constraint and index names are part of the adapters' error mapping
-- (store/store_util.c): rename them only together.

CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    email           TEXT    NOT NULL,
    username        TEXT    NOT NULL,
    display_name    TEXT    NOT NULL DEFAULT '',
    bio             TEXT    NOT NULL DEFAULT '',
    password_hash   TEXT    NOT NULL,
    avatar_image_id INTEGER,
    is_seller       INTEGER NOT NULL DEFAULT 0 CHECK (is_seller IN (0, 1)),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));

-- Rotating refresh tokens, stored as SHA-256 of the token.
CREATE TABLE refresh_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id  INTEGER NOT NULL,
    token_hash BLOB    NOT NULL CHECK (length(token_hash) = 32),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    revoked_at INTEGER
);
CREATE UNIQUE INDEX refresh_tokens_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- A seller shares its user's id.
CREATE TABLE sellers (
    id              INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    shop_name       TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    pickup_line1    TEXT    NOT NULL,
    pickup_line2    TEXT    NOT NULL DEFAULT '',
    pickup_city     TEXT    NOT NULL,
    pickup_state    TEXT    NOT NULL,
    pickup_postcode TEXT    NOT NULL,
    follower_count  INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

-- seq orders a user's follows (newest first) and is the pagination cursor;
-- a new row's rowid is max+1, so it only grows among existing rows.
CREATE TABLE follows (
    seq        INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seller_id  INTEGER NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX follows_user_seller_key ON follows (user_id, seller_id);
CREATE INDEX follows_user_seq_idx ON follows (user_id, seq);
CREATE INDEX follows_seller_idx ON follows (seller_id, seq);

-- follower_count follows the rows whatever deletes them (unfollow, cascades).
CREATE TRIGGER follows_count_ai AFTER INSERT ON follows BEGIN
    UPDATE sellers SET follower_count = follower_count + 1 WHERE id = new.seller_id;
END;
CREATE TRIGGER follows_count_ad AFTER DELETE ON follows BEGIN
    UPDATE sellers SET follower_count = follower_count - 1 WHERE id = old.seller_id;
END;

CREATE TABLE categories (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES categories (id),
    slug      TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    position  INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX categories_slug_key ON categories (slug);
CREATE INDEX categories_parent_idx ON categories (parent_id, position);

CREATE TABLE products (
    id                INTEGER PRIMARY KEY,
    seller_id         INTEGER NOT NULL REFERENCES sellers (id),
    category_id       INTEGER REFERENCES categories (id),
    title             TEXT    NOT NULL,
    description       TEXT    NOT NULL DEFAULT '',
    condition         TEXT    NOT NULL CHECK (condition IN ('new', 'like_new', 'good', 'fair')),
    quantity          INTEGER NOT NULL CHECK (quantity >= 0),
    buy_now_price     INTEGER NOT NULL DEFAULT 0 CHECK (buy_now_price >= 0),
    shipping_weight_g INTEGER NOT NULL DEFAULT 0,
    length_mm         INTEGER NOT NULL DEFAULT 0,
    width_mm          INTEGER NOT NULL DEFAULT 0,
    height_mm         INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    deleted_at        INTEGER
);
CREATE INDEX products_seller_idx ON products (seller_id, id);
CREATE INDEX products_category_idx ON products (category_id, id);

-- Full text over title and description. External content: the text lives
-- once, in products; the triggers keep the index in step with every write.
CREATE VIRTUAL TABLE products_fts USING fts5 (
    title, description,
    content = 'products', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER products_fts_ai AFTER INSERT ON products BEGIN
    INSERT INTO products_fts (rowid, title, description)
    VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER products_fts_ad AFTER DELETE ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, title, description)
    VALUES ('delete', old.id, old.title, old.description);
END;
CREATE TRIGGER products_fts_au AFTER UPDATE OF title, description ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, title, description)
    VALUES ('delete', old.id, old.title, old.description);
    INSERT INTO products_fts (rowid, title, description)
    VALUES (new.id, new.title, new.description);
END;

-- Images of products and avatars; owner_id is polymorphic (see kind), so no
-- foreign key: the product/user delete paths remove their rows.
CREATE TABLE images (
    id         INTEGER PRIMARY KEY,
    owner_id   INTEGER NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('product', 'avatar')),
    position   INTEGER NOT NULL DEFAULT 0,
    key_small  TEXT    NOT NULL,
    key_medium TEXT    NOT NULL,
    key_large  TEXT    NOT NULL,
    width      INTEGER NOT NULL DEFAULT 0,
    height     INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX images_owner_idx ON images (kind, owner_id, position, id);

-- Stored responses of mutations sent with an Idempotency-Key.
CREATE TABLE idempotency_keys (
    user_id    INTEGER NOT NULL,
    key        TEXT    NOT NULL,
    req_hash   BLOB    NOT NULL,
    status     INTEGER NOT NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
