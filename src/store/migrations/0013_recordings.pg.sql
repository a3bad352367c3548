-- 0013 recordings (PostgreSQL): whether the seller lets a show be recorded (on unless they
-- turn it off when scheduling or in the control room before going live), and each show's
-- recording (domain/recording.h; app/recordings.h drives it through the outbox).
ALTER TABLE streams ADD COLUMN record BOOLEAN NOT NULL DEFAULT true;
CREATE TABLE recordings (
    stream_id       BIGINT  PRIMARY KEY REFERENCES streams (id),
    state           TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'recording', 'processing', 'ready', 'failed',
                                     'skipped')),
    provider_id     TEXT    NOT NULL DEFAULT '',
    started_at      BIGINT  NOT NULL DEFAULT 0,
    stopped_at      BIGINT  NOT NULL DEFAULT 0,
    video_key       TEXT    NOT NULL DEFAULT '',
    video_type      TEXT    NOT NULL DEFAULT '',
    audio_key       TEXT    NOT NULL DEFAULT '',
    audio_type      TEXT    NOT NULL DEFAULT '',
    audio_offset_ms BIGINT  NOT NULL DEFAULT 0,
    duration_ms     BIGINT  NOT NULL DEFAULT 0,
    reason          TEXT    NOT NULL DEFAULT '',
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);
