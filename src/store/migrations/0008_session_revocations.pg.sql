-- 0008 session revocations (PostgreSQL): mirrors 0008_session_revocations.sqlite.sql.
-- One row per revoked session (token family), kept until no access token of the
-- family can still be valid; no foreign key, a revocation outlives what it names.

CREATE TABLE session_revocations (
    family_id  BIGINT PRIMARY KEY,
    user_id    BIGINT NOT NULL,
    revoked_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX session_revocations_revoked_idx ON session_revocations (revoked_at, family_id);
CREATE INDEX session_revocations_expires_idx ON session_revocations (expires_at);
