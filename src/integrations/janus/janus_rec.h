/*
 * integrations/janus/janus_rec.h - turning a Janus recording (.mjr files, one
 * per publisher and medium) into playable files in the blob store, with
 * janus-pp-rec from Debian's janus-tools.
 *
 * A .mjr file starts with "MJR00002", a 2-byte big-endian length and that
 * many bytes of JSON: {"t": "v"|"a"|"d" (video, audio, data), "c": codec,
 * "s": created, "u": first packet written (both Unix microseconds)}; RTP
 * packets follow. Only the header is read here: janus-pp-rec reads the rest.
 * janus-pp-rec starts each converted file at its first packet, so "u" is the
 * moment a converted file's time 0 shows.
 */
#ifndef INTEGRATIONS_JANUS_JANUS_REC_H
#define INTEGRATIONS_JANUS_JANUS_REC_H

#include "app/ports/blob.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JANUS_MJR_MAGIC     "MJR00002"
#define JANUS_MJR_MAGIC_LEN 8

typedef struct janus_mjr_info {
    char kind;        /* 'v', 'a' or 'd' */
    char codec[16];   /* "vp8", "opus", ... (lowercase as Janus writes it) */
    int64_t first_us; /* "u": when the first packet was written (Unix us); 0 = not given */
} janus_mjr_info;

/* Read the header at the start of a .mjr file (`len` bytes of it, possibly more).
 * BZ_EBADREQUEST when it is not one. Pure; never reads past `len`. */
int janus_mjr_header(const void *data, size_t len, janus_mjr_info *out);

typedef struct janus_rec_job {
    const char *dir;       /* the recording's directory */
    const char *pp_rec;    /* janus-pp-rec (a path, or a name looked up on PATH) */
    blob *blob;            /* where the files go */
    const char *video_key; /* the WebM (VP8) of the largest video track */
    const char *audio_key; /* the Ogg Opus of the largest audio track */
    int timeout_ms;        /* each janus-pp-rec run; <= 0: 600000 */
    size_t max_bytes;      /* each converted file; 0: 1 GiB */
} janus_rec_job;

/* What janus_rec_convert stored. */
typedef struct janus_rec_result {
    bool video, audio;          /* stored under video_key, audio_key */
    int64_t video_us, audio_us; /* their tracks' first packets (janus_mjr_info.first_us) */
} janus_rec_result;

/* Convert and store. BZ_ENOTFOUND when the directory holds no VP8 or Opus track;
 * BZ_EBADREQUEST when janus-pp-rec fails on a file (a broken recording: retrying does not
 * help); BZ_EUNAVAILABLE when it cannot run or times out, or the blob store fails;
 * BZ_ETOOLARGE past max_bytes. A recording without video stores only the audio, one without
 * audio only the video. Runs janus-pp-rec as a child process (no shell) and waits for it. */
int janus_rec_convert(const janus_rec_job *job, janus_rec_result *out);

#endif
