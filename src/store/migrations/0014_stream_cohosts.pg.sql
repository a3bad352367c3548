-- 0014 co-hosts (PostgreSQL): users a show's seller invited on stage (domain/cohost.h). One
-- row per show and user: removal stamps removed_at, an invitation again makes it current again.
CREATE TABLE stream_cohosts (
    stream_id  BIGINT  NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    user_id    BIGINT  NOT NULL REFERENCES users (id),
    invited_by BIGINT  NOT NULL REFERENCES users (id),
    invited_at BIGINT  NOT NULL,
    removed_at BIGINT,
    PRIMARY KEY (stream_id, user_id)
);
