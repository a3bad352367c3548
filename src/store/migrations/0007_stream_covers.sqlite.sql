-- Shows get cover pictures: images of kind 'cover' (owner_id = the stream). SQLite cannot
-- change a CHECK constraint in place, so the table is rebuilt; nothing references it by
-- foreign key, and its one index is recreated.
CREATE TABLE images_new (
    id         INTEGER PRIMARY KEY,
    owner_id   INTEGER NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('product', 'avatar', 'cover')),
    position   INTEGER NOT NULL DEFAULT 0,
    key_small  TEXT    NOT NULL,
    key_medium TEXT    NOT NULL,
    key_large  TEXT    NOT NULL,
    width      INTEGER NOT NULL DEFAULT 0,
    height     INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
INSERT INTO images_new (id, owner_id, kind, position, key_small, key_medium, key_large, width,
                        height, created_at)
SELECT id, owner_id, kind, position, key_small, key_medium, key_large, width, height, created_at
FROM images;
DROP TABLE images;
ALTER TABLE images_new RENAME TO images;
CREATE INDEX images_owner_idx ON images (kind, owner_id, position, id);
