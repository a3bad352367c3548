-- 0015 stream ingress (SQLite): a show's encoder endpoint (OBS or another WHIP encoder
-- publishing into the show's room through the video provider: app/video_ingress.h).
--
-- At most one per show. The seller's request makes the row `pending` and enqueues its
-- creation; the outbox worker calls the provider and fills it in (`ready`), or says why it
-- could not (`failed`). Dropping it (the seller, or the show ending) deletes the row in the
-- transaction that enqueues the provider's deletion.
--
--   request_id  the request the row answers (a Blytz id): a worker whose creation finishes
--               after the row was dropped, or dropped and asked for again, finds another id
--               (or none) and deletes what it created instead of storing it
--   ingress_id  the provider's id ('' until ready)
--   url         what the encoder publishes to (a WHIP endpoint when whip = 1, else RTMP)
--   stream_key  the encoder's secret (the WHIP bearer token): read only by the show's
--               seller, never logged, never in an outbox payload
--   error       why it failed ('' = none)

CREATE TABLE stream_ingresses (
    stream_id  INTEGER PRIMARY KEY REFERENCES streams (id),
    request_id INTEGER NOT NULL,
    state      TEXT    NOT NULL CHECK (state IN ('pending', 'ready', 'failed')),
    ingress_id TEXT    NOT NULL DEFAULT '',
    url        TEXT    NOT NULL DEFAULT '',
    stream_key TEXT    NOT NULL DEFAULT '',
    whip       INTEGER NOT NULL DEFAULT 0 CHECK (whip IN (0, 1)),
    error      TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
