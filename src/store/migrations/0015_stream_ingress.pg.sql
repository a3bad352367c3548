-- 0015 stream ingress (PostgreSQL): mirrors 0015_stream_ingress.sqlite.sql, which explains
-- the columns.

CREATE TABLE stream_ingresses (
    stream_id  BIGINT  PRIMARY KEY REFERENCES streams (id),
    request_id BIGINT  NOT NULL,
    state      TEXT    NOT NULL CHECK (state IN ('pending', 'ready', 'failed')),
    ingress_id TEXT    NOT NULL DEFAULT '',
    url        TEXT    NOT NULL DEFAULT '',
    stream_key TEXT    NOT NULL DEFAULT '',
    whip       BOOLEAN NOT NULL DEFAULT FALSE,
    error      TEXT    NOT NULL DEFAULT '',
    created_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL
);
