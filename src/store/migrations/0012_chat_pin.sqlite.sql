-- 0011 chat pin (SQLite): the message the seller (or a moderator) pinned above a show's chat.
-- No foreign key: a pinned message that is deleted later simply stops showing.
ALTER TABLE stream_chat_settings ADD COLUMN pinned_message_id INTEGER;
