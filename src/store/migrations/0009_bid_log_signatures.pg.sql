-- 0009 signed bid log (PostgreSQL): mirrors 0009_bid_log_signatures.sqlite.sql.
-- The server's Ed25519 signature of the chain's head, on the last step of each
-- committed batch (NULL elsewhere and on older bids), and the id of the
-- bid-log key that made it. The key itself is never stored here.
ALTER TABLE bids
    ADD COLUMN sig bytea CHECK (sig IS NULL OR octet_length(sig) = 64),
    ADD COLUMN sig_kid text,
    ADD CONSTRAINT bids_sig_kid_check CHECK ((sig IS NULL) = (sig_kid IS NULL));
