-- 0010 show_win_name (SQLite): whether a buyer lets their username be shown as the winner of
-- a lot to people who arrive later (an ended show's lineup, a sold product's page). Off
-- unless the buyer turns it on (the profile page).
ALTER TABLE users ADD COLUMN show_win_name INTEGER NOT NULL DEFAULT 0 CHECK (show_win_name IN (0, 1));
-- A product's page names its latest sale (store_product_last_sale).
CREATE INDEX orders_product_idx ON orders (product_id, created_at);
