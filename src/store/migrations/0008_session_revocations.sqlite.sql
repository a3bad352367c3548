-- 0008 session revocations (SQLite): the list of signed-in sessions that ended
-- early (logout, refresh-token reuse, password change), keyed by the session's
-- token family. Access tokens carry the family as their `sid` claim and are
-- stateless, so until they expire a revoked session's tokens still verify:
-- every node keeps this list in memory (docs/api.md "Sessions") and refuses
-- them. A row is needed only until `expires_at`, when every access token the
-- family can have been issued has expired anyway; the nodes prune later rows.
--
-- No foreign key to users: a revocation must outlive whatever it names.

CREATE TABLE session_revocations (
    family_id  INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    revoked_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
-- The nodes' poll reads the newest revocations in (revoked_at, family_id) order.
CREATE INDEX session_revocations_revoked_idx ON session_revocations (revoked_at, family_id);
CREATE INDEX session_revocations_expires_idx ON session_revocations (expires_at);
