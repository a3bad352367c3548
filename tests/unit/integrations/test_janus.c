/*
 * The Janus adapter's local parts: the signed token and the publish key against values
 * computed independently (Python's hmac, from the formulas in janus-doc's auth.html and
 * docs/video.md), grants, the audio key, the .mjr header reader, and the operations
 * that never reach Janus. The parts that do are tested against a real Janus in
 * tests/integration/janus.test.mjs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>

#include "base/err.h"
#include "integrations/janus/janus.h"
#include "integrations/janus/janus_rec.h"

#define SECRET "0123456789abcdef-secret"

static void signed_token(void **state)
{
    char t[JANUS_TOKEN_MAX];
    assert_int_equal(janus_sign_token(SECRET, 1796621771, t), BZ_OK);
    assert_string_equal(t, "1796621771,janus,janus.plugin.videoroom:KkLlZy0B9518LyWDxJRR+LkSX84=");
    assert_int_equal(janus_sign_token(SECRET, 0, t), BZ_EINTERNAL);
}

static void publish_key(void **state)
{
    char k[VIDEO_KEY_MAX], other[VIDEO_KEY_MAX];
    assert_int_equal(janus_publish_key(SECRET, 42, "u7", k), BZ_OK);
    assert_string_equal(k, "pk6f73d06f91046970e317801de21c1de73f154aaa2f8cbaf054839f4ced569069");
    assert_int_equal(janus_publish_key(SECRET, 43, "u7", other), BZ_OK);
    assert_string_not_equal(k, other);
    assert_int_equal(janus_publish_key(SECRET, 42, "u8", other), BZ_OK);
    assert_string_not_equal(k, other);
    assert_int_equal(janus_publish_key("another-secret-0123", 42, "u7", other), BZ_OK);
    assert_string_not_equal(k, other);
    const char *bad[] = {"", "u 7", "u\"7", "u\\7", "u\n7", "u\x7f"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(janus_publish_key(SECRET, 42, bad[i], k), BZ_EVALIDATION);
    }
    assert_int_equal(janus_publish_key(SECRET, 0, "u7", k), BZ_EVALIDATION);
}

static void audio_key(void **state)
{
    char k[32];
    assert_int_equal(janus_audio_key("replays/1.webm", k, sizeof(k)), BZ_OK);
    assert_string_equal(k, "replays/1.opus");
    assert_int_equal(janus_audio_key("a.b/c", k, sizeof(k)), BZ_OK);
    assert_string_equal(k, "a.b/c.opus");
    assert_int_equal(janus_audio_key("x", k, sizeof(k)), BZ_OK);
    assert_string_equal(k, "x.opus");
    assert_int_equal(janus_audio_key("replays/a-very-long-name.webm", k, 10), BZ_EVALIDATION);
}

static void mjr_header(void **state)
{
    static const char vp8[] = "MJR00002\x00\x19{\"t\":\"v\",\"c\":\"vp8\",\"s\":1}MEET";
    janus_mjr_info info;
    assert_int_equal(janus_mjr_header(vp8, sizeof(vp8) - 1, &info), BZ_OK);
    assert_int_equal(info.kind, 'v');
    assert_string_equal(info.codec, "vp8");
    assert_int_equal(info.first_us, 0); /* no "u": not known */
    static const char opus[] =
        "MJR00002\x00\x2f{\"t\":\"a\",\"c\":\"opus\",\"s\":1,\"u\":1767225600123456}";
    assert_int_equal(janus_mjr_header(opus, sizeof(opus) - 1, &info), BZ_OK);
    assert_int_equal(info.kind, 'a');
    assert_int_equal(info.first_us, 1767225600123456LL);
    /* The length runs past the input: refused, not read. */
    assert_int_equal(janus_mjr_header(vp8, 20, &info), BZ_EBADREQUEST);
    static const char old[] = "MJR00001\x00\x19{\"t\":\"v\",\"c\":\"vp8\",\"s\":1}";
    assert_int_equal(janus_mjr_header(old, sizeof(old) - 1, &info), BZ_EBADREQUEST);
    static const char kind[] = "MJR00002\x00\x11{\"t\":\"x\",\"c\":\"a\"}";
    assert_int_equal(janus_mjr_header(kind, sizeof(kind) - 1, &info), BZ_EBADREQUEST);
    assert_int_equal(janus_mjr_header("", 0, &info), BZ_EBADREQUEST);
}

static video *open_janus(void)
{
    janus_config cfg = {.api_url = "http://127.0.0.1:1/janus",
                        .admin_key = "admin-key-0123456789",
                        .token_secret = SECRET,
                        .rec_dir = "/nonexistent"};
    video *v = NULL;
    assert_int_equal(janus_open(&cfg, &v), BZ_OK);
    return v;
}

static void grants(void **state)
{
    video *v = open_janus();
    video_grant g;
    video_grant_req req = {.stream_id = 42,
                           .role = VIDEO_PUBLISHER,
                           .identity = "u7",
                           .display_name = "Seller",
                           .now_ms = 1796621711500,
                           .ttl_s = 60};
    assert_int_equal(v->ops->grant(v, &req, &g), BZ_OK);
    assert_string_equal(g.provider, "janus");
    assert_string_equal(g.url, "http://127.0.0.1:1/janus");
    assert_string_equal(g.room, "42");
    assert_string_equal(g.identity, "u7");
    assert_int_equal(g.role, VIDEO_PUBLISHER);
    assert_int_equal(g.expires_at, 1796621771000);
    assert_string_equal(g.token,
                        "1796621771,janus,janus.plugin.videoroom:KkLlZy0B9518LyWDxJRR+LkSX84=");
    assert_string_equal(g.publish_key,
                        "pk6f73d06f91046970e317801de21c1de73f154aaa2f8cbaf054839f4ced569069");
    req.role = VIDEO_VIEWER;
    req.identity = "vabc";
    assert_int_equal(v->ops->grant(v, &req, &g), BZ_OK);
    assert_string_equal(g.publish_key, "");
    assert_int_equal(g.role, VIDEO_VIEWER);
    req.ttl_s = 0;
    assert_int_equal(v->ops->grant(v, &req, &g), BZ_EVALIDATION);
    req.ttl_s = 60;
    req.stream_id = 0;
    assert_int_equal(v->ops->grant(v, &req, &g), BZ_EVALIDATION);
    req.stream_id = 42;
    req.identity = "has space";
    assert_int_equal(v->ops->grant(v, &req, &g), BZ_EVALIDATION);
    v->ops->close(v);
}

static void local_refusals(void **state)
{
    video *v = open_janus();
    video_event ev;
    assert_int_equal(v->ops->webhook(v, "Bearer x", "{}", 2, 0, &ev), BZ_EUNAUTHORIZED);
    video_ingress in;
    assert_int_equal(v->ops->ingress_create(v, 42, "u7", &in), BZ_EBADREQUEST);
    assert_int_equal(v->ops->ingress_delete(v, "x"), BZ_EBADREQUEST);
    video_recording rec = {.id = "s42-1", .stream_id = 42};
    video_recording_files files;
    assert_int_equal(v->ops->record_finish(v, &rec, "k.webm", &files),
                     BZ_EBADREQUEST); /* no blob */
    assert_string_equal(files.video_key, "");
    v->ops->close(v);
}

static void config_checked(void **state)
{
    janus_config ok = {.api_url = "http://127.0.0.1:1/janus",
                       .admin_key = "admin-key-0123456789",
                       .token_secret = SECRET,
                       .rec_dir = "/tmp"};
    video *v = NULL;
    janus_config c = ok;
    c.admin_key[0] = '\0';
    assert_int_equal(janus_open(&c, &v), BZ_EVALIDATION);
    c = ok;
    strcpy(c.token_secret, "short");
    assert_int_equal(janus_open(&c, &v), BZ_EVALIDATION);
    c = ok;
    strcpy(c.api_url, "ftp://127.0.0.1/janus");
    assert_int_equal(janus_open(&c, &v), BZ_EVALIDATION);
    c = ok;
    strcpy(c.api_url, "http://127.0.0.1:1/janus/");
    assert_int_equal(janus_open(&c, &v), BZ_EVALIDATION);
    c = ok;
    c.rec_dir[0] = '\0';
    assert_int_equal(janus_open(&c, &v), BZ_EVALIDATION);
    assert_null(v);
}

UNIT_MAIN(cmocka_unit_test(signed_token), cmocka_unit_test(publish_key),
          cmocka_unit_test(audio_key), cmocka_unit_test(mjr_header), cmocka_unit_test(grants),
          cmocka_unit_test(local_refusals), cmocka_unit_test(config_checked))
