/*
 * tests/unit/app/fake_video.h - the video port (app/ports/video.h) of the app's use-case
 * tests: it records every call it gets (how many, and the last arguments) and answers as a
 * test tells it. One fake for every test of a video use case, so that an operation added to
 * the port is added here once (the ops tables are VIDEO_OPS_OF: one left out does not build).
 *
 * The fixture holds one (fixture.video, zeroed at setup); fixture_video installs it in
 * env.video. A knob *_rc left at BZ_OK lets the call succeed; set, the call returns it before
 * anything is recorded, so a counter counts the calls that succeeded. A room is open from a
 * room_open until a room_close (room_is_open; a test may set it), and publisher_allow answers
 * BZ_ENOTFOUND while it is not, as Janus does before the room exists.
 */
#ifndef TESTS_UNIT_APP_FAKE_VIDEO_H
#define TESTS_UNIT_APP_FAKE_VIDEO_H

#include "app/ports/video.h"

#include <stdbool.h>
#include <stdint.h>

#define FAKE_VIDEO_LOG 16 /* publisher allows and revokes kept */

struct fixture;
typedef struct fake_video fake_video;

struct fake_video {
    video base;
    struct fixture *f; /* the test's, for the hooks below */

    /* grant: answers provider "test", the identity and role asked, expiring after ttl_s */
    int grants;
    video_grant_req grant_req; /* the last; its strings point at the copies below */
    char grant_identity[VIDEO_IDENTITY_MAX];
    char grant_display_name[VIDEO_NAME_MAX];
    int grant_rc;

    /* webhook: answers a VIDEO_EVENT_OTHER */
    int webhooks;
    int webhook_rc;

    /* rooms: `room` is the stream of the last opening or closing */
    int room_opens, room_closes;
    int64_t room;
    char room_publisher[VIDEO_IDENTITY_MAX]; /* the last opening's seller */
    bool room_is_open;
    int room_open_rc;

    /* publishers: "+u5" for an allow, "-u5" for a revocation, in order */
    char publisher_log[FAKE_VIDEO_LOG][VIDEO_IDENTITY_MAX + 1];
    int publisher_n;
    int allow_rc;

    /* participants: participant_count answers `participants` */
    int removes;
    char removed[VIDEO_IDENTITY_MAX];
    int counts;
    int participants;

    /* recordings: record_start answers the id "s<stream>-<now_ms>" (a stop of another fails
     * the test); record_finish stores a WebM at the key asked and an Ogg beside it (".opus"
     * for ".webm"), whose time 0 is 1.5 s after the recording started, the audio 20 ms in */
    int record_starts, record_stops, record_finishes;
    int record_start_rc, record_finish_rc;
    char finish_key[VIDEO_URL_MAX]; /* the last finishing's blob key */
    /* Runs inside record_start once the provider "started" (may be NULL): a test's race. */
    void (*during_record_start)(fake_video *v, int64_t stream_id);

    /* ingress: the n-th creation answers id "IN_<n>", a WHIP URL and FAKE_VIDEO_STREAM_KEY */
    int ingress_creates, ingress_deletes;
    int64_t ingress_stream; /* of the last creation */
    char ingress_identity[VIDEO_IDENTITY_MAX];
    char deleted_ingress[VIDEO_NAME_MAX];
    int ingress_create_rc;
    /* Runs inside ingress_create once the provider "created" (may be NULL): a test's race. */
    void (*during_ingress_create)(fake_video *v, int64_t stream_id);
};

#define FAKE_VIDEO_STREAM_KEY "sk-very-secret-key"

/* LiveKit-like (VIDEO_CAP_INGRESS), what fixture_video installs; and Janus-like (no ingress). */
extern const struct video_ops fake_video_ops;
extern const struct video_ops fake_video_ops_without_ingress;

/* Zero `v` and make it a port of `f` with fake_video_ops. */
void fake_video_init(fake_video *v, struct fixture *f);

#endif
