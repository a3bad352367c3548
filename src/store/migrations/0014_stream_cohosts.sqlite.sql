-- 0014 co-hosts (SQLite): users a show's seller invited on stage (domain/cohost.h). One row
-- per show and user: removal stamps removed_at, an invitation again makes it current again.
CREATE TABLE stream_cohosts (
    stream_id  INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    invited_by INTEGER NOT NULL REFERENCES users (id),
    invited_at INTEGER NOT NULL,
    removed_at INTEGER,
    PRIMARY KEY (stream_id, user_id)
) WITHOUT ROWID;
