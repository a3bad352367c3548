-- 0009 signed bid log (SQLite): the server's Ed25519 signature of the chain's
-- head, stored with the entry it names (docs/auctions.md, domain/bidlog.h).
--
-- The hash chain alone cannot convince anyone who does not trust this
-- database: whoever can write it can change a bid and recompute every hash
-- after it. The signing key is not in the database (configuration or a file
-- under the var dir), so a rewritten log no longer carries a valid signature.
-- The engine signs once per committed batch, so only the last step of each
-- batch has one: sig is NULL on the others and on bids written before this
-- migration. sig_kid names the bid-log key, so keys can rotate.
ALTER TABLE bids ADD COLUMN sig BLOB CHECK (sig IS NULL OR length(sig) = 64);
ALTER TABLE bids ADD COLUMN sig_kid TEXT CHECK ((sig IS NULL) = (sig_kid IS NULL));
