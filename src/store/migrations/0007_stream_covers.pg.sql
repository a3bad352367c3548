-- Shows get cover pictures: images of kind 'cover' (owner_id = the stream).
ALTER TABLE images DROP CONSTRAINT images_kind_check;
ALTER TABLE images ADD CONSTRAINT images_kind_check
    CHECK (kind IN ('product', 'avatar', 'cover'));
