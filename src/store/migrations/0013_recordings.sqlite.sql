-- 0013 recordings (SQLite): whether the seller lets a show be recorded (on unless they turn
-- it off when scheduling or in the control room before going live), and each show's
-- recording (domain/recording.h; app/recordings.h drives it through the outbox).
ALTER TABLE streams ADD COLUMN record INTEGER NOT NULL DEFAULT 1 CHECK (record IN (0, 1));
CREATE TABLE recordings (
    stream_id       INTEGER PRIMARY KEY REFERENCES streams (id),
    state           TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'recording', 'processing', 'ready', 'failed',
                                     'skipped')),
    provider_id     TEXT    NOT NULL DEFAULT '',
    started_at      INTEGER NOT NULL DEFAULT 0,
    stopped_at      INTEGER NOT NULL DEFAULT 0,
    video_key       TEXT    NOT NULL DEFAULT '',
    video_type      TEXT    NOT NULL DEFAULT '',
    audio_key       TEXT    NOT NULL DEFAULT '',
    audio_type      TEXT    NOT NULL DEFAULT '',
    audio_offset_ms INTEGER NOT NULL DEFAULT 0,
    duration_ms     INTEGER NOT NULL DEFAULT 0,
    reason          TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
