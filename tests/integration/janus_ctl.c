/*
 * janus_ctl - one video-port call on the Janus adapter per run, for
 * tests/integration/janus.test.mjs (which starts a real Janus on loopback):
 *
 *   janus_ctl open ROOM PUBLISHER [MAX_PUBLISHERS]   room_open
 *   janus_ctl close ROOM                             room_close
 *   janus_ctl allow|revoke|remove ROOM IDENTITY      publisher_allow/_revoke, participant_remove
 *   janus_ctl count ROOM                             participant_count
 *   janus_ctl grant ROOM viewer|publisher|cohost IDENTITY TTL_S [NOW_MS]
 *   janus_ctl record-start ROOM NOW_MS               record_start
 *   janus_ctl record-stop ROOM RECORDING_ID          record_stop
 *   janus_ctl record-finish ROOM RECORDING_ID KEY    record_finish (blob: $JANUS_BLOB_DIR)
 *   janus_ctl ingress ROOM IDENTITY | webhook BODY
 *
 * Config from the environment (what scripts/services.sh exports): JANUS_URL,
 * JANUS_ADMIN_KEY, JANUS_TOKEN_SECRET, JANUS_REC_DIR, JANUS_PP_REC, and
 * JANUS_BLOB_DIR for a local blob store. Prints one JSON line: {"rc": "<code>"}
 * ("ok" or the error's code) plus what the call returned. Exit 0 unless the
 * arguments are wrong: the test judges the rc.
 */
#include "base/err.h"
#include "integrations/blob/blob_local.h"
#include "integrations/janus/janus.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void env_copy(char *dst, size_t size, const char *name)
{
    const char *v = getenv(name);
    snprintf(dst, size, "%s", v ? v : "");
}

static const char *code(int rc)
{
    return rc == BZ_OK ? "ok" : bz_err_code(rc);
}

static int usage(void)
{
    fprintf(stderr, "usage: janus_ctl OP ROOM [ARGS] (see the file's header)\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        return usage();
    }
    const char *op = argv[1];
    int64_t room = strtoll(argv[2], NULL, 10);
    janus_config cfg = {0};
    env_copy(cfg.api_url, sizeof(cfg.api_url), "JANUS_URL");
    env_copy(cfg.public_url, sizeof(cfg.public_url), "JANUS_PUBLIC_URL");
    env_copy(cfg.admin_key, sizeof(cfg.admin_key), "JANUS_ADMIN_KEY");
    env_copy(cfg.token_secret, sizeof(cfg.token_secret), "JANUS_TOKEN_SECRET");
    env_copy(cfg.rec_dir, sizeof(cfg.rec_dir), "JANUS_REC_DIR");
    env_copy(cfg.pp_rec, sizeof(cfg.pp_rec), "JANUS_PP_REC");
    blob *store = NULL;
    const char *blob_dir = getenv("JANUS_BLOB_DIR");
    if (blob_dir && blob_local_open(blob_dir, &store) != BZ_OK) {
        fprintf(stderr, "janus_ctl: cannot open the blob directory\n");
        return 2;
    }
    cfg.blob = store;
    video *v = NULL;
    int rc = janus_open(&cfg, &v);
    if (rc) {
        printf("{\"rc\":\"%s\",\"at\":\"open\"}\n", code(rc));
        if (store) {
            store->ops->close(store);
        }
        return 0;
    }
    int status = 0;
    if (strcmp(op, "open") == 0 && argc >= 4) {
        video_room_req req = {.stream_id = room,
                              .title = "",
                              .publisher = argv[3],
                              .max_publishers = argc >= 5 ? atoi(argv[4]) : 6};
        rc = v->ops->room_open(v, &req);
        printf("{\"rc\":\"%s\"}\n", code(rc));
    } else if (strcmp(op, "close") == 0) {
        rc = v->ops->room_close(v, room);
        printf("{\"rc\":\"%s\"}\n", code(rc));
    } else if ((strcmp(op, "allow") == 0 || strcmp(op, "revoke") == 0 ||
                strcmp(op, "remove") == 0) &&
               argc >= 4) {
        rc = op[0] == 'a'   ? v->ops->publisher_allow(v, room, argv[3])
             : op[2] == 'v' ? v->ops->publisher_revoke(v, room, argv[3])
                            : v->ops->participant_remove(v, room, argv[3]);
        printf("{\"rc\":\"%s\"}\n", code(rc));
    } else if (strcmp(op, "count") == 0) {
        int n = -1;
        rc = v->ops->participant_count(v, room, &n);
        printf("{\"rc\":\"%s\",\"count\":%d}\n", code(rc), n);
    } else if (strcmp(op, "grant") == 0 && argc >= 6) {
        video_role role = strcmp(argv[3], "publisher") == 0 ? VIDEO_PUBLISHER
                          : strcmp(argv[3], "cohost") == 0  ? VIDEO_COHOST
                                                            : VIDEO_VIEWER;
        video_grant_req req = {.stream_id = room,
                               .role = role,
                               .identity = argv[4],
                               .display_name = "",
                               .ttl_s = atoi(argv[5]),
                               .now_ms = argc >= 7 ? strtoll(argv[6], NULL, 10)
                                                   : (int64_t)time(NULL) * 1000};
        video_grant g;
        rc = v->ops->grant(v, &req, &g);
        printf("{\"rc\":\"%s\",\"provider\":\"%s\",\"url\":\"%s\",\"token\":\"%s\",\"room\":\"%s\","
               "\"identity\":\"%s\",\"role\":\"%s\",\"expires_at\":%" PRId64
               ",\"publish_key\":\"%s\"}\n",
               code(rc), g.provider, g.url, g.token, g.room, g.identity,
               rc ? "" : video_role_name(g.role), g.expires_at, g.publish_key);
    } else if (strcmp(op, "record-start") == 0 && argc >= 4) {
        video_recording rec;
        rc = v->ops->record_start(v, room, strtoll(argv[3], NULL, 10), &rec);
        printf("{\"rc\":\"%s\",\"id\":\"%s\",\"started_at\":%" PRId64 "}\n", code(rc), rec.id,
               rec.started_at);
    } else if ((strcmp(op, "record-stop") == 0 && argc >= 4) ||
               (strcmp(op, "record-finish") == 0 && argc >= 5)) {
        video_recording rec = {.stream_id = room};
        snprintf(rec.id, sizeof(rec.id), "%s", argv[3]);
        video_recording_files files = {0};
        rc = op[7] == 's' ? v->ops->record_stop(v, &rec)
                          : v->ops->record_finish(v, &rec, argv[4], &files);
        printf("{\"rc\":\"%s\",\"video_key\":\"%s\",\"video_type\":\"%s\",\"audio_key\":"
               "\"%s\",\"audio_type\":\"%s\",\"started_at\":%" PRId64
               ",\"audio_offset_ms\":%" PRId64 "}\n",
               code(rc), files.video_key, files.video_type, files.audio_key, files.audio_type,
               files.started_at, files.audio_offset_ms);
    } else if (strcmp(op, "ingress") == 0 && argc >= 4) {
        video_ingress in;
        rc = v->ops->ingress_create(v, room, argv[3], &in);
        printf("{\"rc\":\"%s\"}\n", code(rc));
    } else if (strcmp(op, "webhook") == 0 && argc >= 4) {
        video_event ev;
        rc = v->ops->webhook(v, "Bearer x", argv[3], strlen(argv[3]), (int64_t)time(NULL) * 1000,
                             &ev);
        printf("{\"rc\":\"%s\"}\n", code(rc));
    } else {
        status = usage();
    }
    v->ops->close(v);
    if (store) {
        store->ops->close(store);
    }
    return status;
}
