/*
 * The LiveKit adapter's local parts: the webhook hash against the reference
 * vector, JWTs signed and verified (and refused when altered, expired, early,
 * of another issuer or algorithm), webhooks end to end through the port, and
 * the body parser's edges. Its network half is tested against a fake with
 * LiveKit's own SDK as the judge (tests/integration/livekit.test.mjs).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>

#include "base/err.h"
#include "base/str.h"
#include "integrations/livekit/livekit.h"
#include "integrations/livekit/lk_jwt.h"
#include "integrations/livekit/lk_webhook.h"

#define KEY    "APIunit"
#define SECRET "unit-test-secret-0123456789abcdef"
#define NOW_S  1800000000

static void reference_vector(void **state)
{
    (void)state;
    const char *body = "{\"event\":\"room_started\",\"room\":{\"name\":\"auction-7\"}}";
    char hash[LK_SHA256_B64_LEN];
    lk_sha256_b64(body, strlen(body), hash);
    assert_string_equal(hash, "To0DIpmvSijq3fwT60YGxWR2Ipgl69phab+WR5wvYi0=");
}

static void sign(const char *secret, const char *iss, long nbf, long exp, const char *sha256,
                 char *out, size_t size)
{
    json_t *claims = json_pack("{s:s, s:i, s:i}", "iss", iss, "nbf", (int)nbf, "exp", (int)exp);
    if (sha256) {
        json_object_set_new(claims, "sha256", json_string(sha256));
    }
    assert_int_equal(lk_jwt_sign(secret, claims, out, size), BZ_OK);
    json_decref(claims);
}

static void jwt_round_trip_and_refusals(void **state)
{
    (void)state;
    char tok[1024];
    json_t *claims = NULL;
    sign(SECRET, KEY, NOW_S, NOW_S + 300, NULL, tok, sizeof(tok));
    assert_memory_equal(tok, "eyJhbGciOiJIUzI1NiJ9.", 21); /* base64url of {"alg":"HS256"} */
    assert_int_equal(lk_jwt_verify(tok, SECRET, KEY, NOW_S, 60, &claims), BZ_OK);
    assert_string_equal(json_string_value(json_object_get(claims, "iss")), KEY);
    json_decref(claims);

    /* window: exp + leeway is the last second, nbf - leeway the first */
    assert_int_equal(lk_jwt_verify(tok, SECRET, KEY, NOW_S + 360, 60, &claims), BZ_OK);
    json_decref(claims);
    assert_int_equal(lk_jwt_verify(tok, SECRET, KEY, NOW_S + 361, 60, &claims), BZ_EUNAUTHORIZED);
    assert_int_equal(lk_jwt_verify(tok, SECRET, KEY, NOW_S - 60, 60, &claims), BZ_OK);
    json_decref(claims);
    assert_int_equal(lk_jwt_verify(tok, SECRET, KEY, NOW_S - 61, 60, &claims), BZ_EUNAUTHORIZED);
    assert_null(claims);

    assert_int_equal(lk_jwt_verify(tok, "other", KEY, NOW_S, 60, &claims), BZ_EUNAUTHORIZED);
    assert_int_equal(lk_jwt_verify(tok, SECRET, "APIother", NOW_S, 60, &claims), BZ_EUNAUTHORIZED);

    /* one character changed anywhere: refused */
    for (size_t i = 0; i < strlen(tok); i++) {
        char bad[1024];
        bz_strlcpy(bad, tok, sizeof(bad));
        bad[i] = bad[i] == 'A' ? 'B' : 'A';
        assert_int_equal(lk_jwt_verify(bad, SECRET, KEY, NOW_S, 60, &claims), BZ_EUNAUTHORIZED);
    }
    /* the signature's last character spelled another way (its spare bits set): refused */
    char respelt[1024];
    bz_strlcpy(respelt, tok, sizeof(respelt));
    char *last = respelt + strlen(respelt) - 1;
    const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    *last = alphabet[(strchr(alphabet, *last) - alphabet) | 1];
    assert_int_equal(lk_jwt_verify(respelt, SECRET, KEY, NOW_S, 60, &claims), BZ_EUNAUTHORIZED);
    /* alg none with the same payload, an empty signature, missing parts, no exp */
    char none[1024];
    snprintf(none, sizeof(none), "eyJhbGciOiJub25lIn0.%.*s.",
             (int)(strrchr(tok, '.') - strchr(tok, '.') - 1), strchr(tok, '.') + 1);
    assert_int_equal(lk_jwt_verify(none, SECRET, KEY, NOW_S, 60, &claims), BZ_EUNAUTHORIZED);
    assert_int_equal(lk_jwt_verify("a.b", SECRET, KEY, NOW_S, 60, &claims), BZ_EUNAUTHORIZED);
    assert_int_equal(lk_jwt_verify("", SECRET, KEY, NOW_S, 60, &claims), BZ_EUNAUTHORIZED);
    assert_int_equal(lk_jwt_verify(NULL, SECRET, KEY, NOW_S, 60, &claims), BZ_EUNAUTHORIZED);
    json_t *no_exp = json_pack("{s:s}", "iss", KEY);
    assert_int_equal(lk_jwt_sign(SECRET, no_exp, tok, sizeof(tok)), BZ_OK);
    assert_int_equal(lk_jwt_verify(tok, SECRET, KEY, NOW_S, 60, &claims), BZ_EUNAUTHORIZED);
    assert_int_equal(lk_jwt_sign(SECRET, no_exp, tok, 10), BZ_ETOOLARGE);
    json_decref(no_exp);
}

static video *open_video(void)
{
    livekit_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    bz_strlcpy(cfg.url, "wss://live.example.com", sizeof(cfg.url));
    bz_strlcpy(cfg.api_key, KEY, sizeof(cfg.api_key));
    bz_strlcpy(cfg.api_secret, SECRET, sizeof(cfg.api_secret));
    video *v = NULL;
    assert_int_equal(livekit_open(&cfg, &v), BZ_OK);
    return v;
}

static void webhook_through_the_port(void **state)
{
    (void)state;
    video *v = open_video();
    const char *body =
        "{\"event\":\"participant_left\",\"id\":\"EV_1\",\"createdAt\":\"1800000000\","
        "\"room\":{\"name\":\"show-31\"},\"participant\":{\"identity\":\"u5\"}}";
    char hash[LK_SHA256_B64_LEN], tok[1024], bearer[1100];
    lk_sha256_b64(body, strlen(body), hash);
    sign(SECRET, KEY, NOW_S, NOW_S + 300, hash, tok, sizeof(tok));
    video_event e;
    assert_int_equal(v->ops->webhook(v, tok, body, strlen(body), NOW_S * 1000LL, &e), BZ_OK);
    assert_int_equal(e.kind, VIDEO_EVENT_PARTICIPANT_LEFT);
    assert_int_equal(e.stream_id, 31);
    assert_string_equal(e.identity, "u5");
    assert_string_equal(e.id, "EV_1");
    assert_int_equal(e.at, 1800000000000LL);

    /* the body one byte shorter, the header prefixed, absent, a token without the hash */
    assert_int_equal(v->ops->webhook(v, tok, body, strlen(body) - 1, NOW_S * 1000LL, &e),
                     BZ_EUNAUTHORIZED);
    snprintf(bearer, sizeof(bearer), "Bearer %s", tok);
    assert_int_equal(v->ops->webhook(v, bearer, body, strlen(body), NOW_S * 1000LL, &e),
                     BZ_EUNAUTHORIZED);
    assert_int_equal(v->ops->webhook(v, NULL, body, strlen(body), NOW_S * 1000LL, &e),
                     BZ_EUNAUTHORIZED);
    sign(SECRET, KEY, NOW_S, NOW_S + 300, NULL, tok, sizeof(tok));
    assert_int_equal(v->ops->webhook(v, tok, body, strlen(body), NOW_S * 1000LL, &e),
                     BZ_EUNAUTHORIZED);
    /* verified but not a WebhookEvent */
    lk_sha256_b64("[1]", 3, hash);
    sign(SECRET, KEY, NOW_S, NOW_S + 300, hash, tok, sizeof(tok));
    assert_int_equal(v->ops->webhook(v, tok, "[1]", 3, NOW_S * 1000LL, &e), BZ_EBADREQUEST);
    v->ops->close(v);
}

static void room_names(void **state)
{
    (void)state;
    static const struct {
        const char *room;
        int64_t stream_id;
    } cases[] = {
        {"show-1", 1},  {"show-9223372036854775807", INT64_MAX},
        {"show-0", 0},  {"show-9223372036854775808", 0},
        {"show-01", 0}, {"show--1", 0},
        {"show-+1", 0}, {"show-1 ", 0},
        {"show-", 0},   {"auction-7", 0},
        {NULL, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(lk_webhook_room_stream(cases[i].room), cases[i].stream_id);
    }
    char room[VIDEO_NAME_MAX];
    livekit_room_name(42, room);
    assert_string_equal(room, "show-42");
}

static int parse(const char *body, video_event *e)
{
    return lk_webhook_parse(body, strlen(body), e);
}

static void parser_edges(void **state)
{
    (void)state;
    video_event e;
    /* egress: numbers for enums, the deprecated single file, location when no filename */
    assert_int_equal(parse("{\"event\":\"egress_ended\",\"egressInfo\":{\"egressId\":\"EG_1\","
                           "\"roomName\":\"show-3\",\"status\":3,\"file\":{\"location\":"
                           "\"https://b/x.mp4\"}}}",
                           &e),
                     BZ_OK);
    assert_int_equal(e.kind, VIDEO_EVENT_RECORDING_ENDED);
    assert_false(e.failed);
    assert_string_equal(e.file_key, "https://b/x.mp4");
    assert_int_equal(e.stream_id, 3);
    /* aborted: failed, no file even when one is named */
    assert_int_equal(parse("{\"event\":\"egress_ended\",\"egressInfo\":{\"egressId\":\"EG_1\","
                           "\"status\":\"EGRESS_ABORTED\",\"fileResults\":[{\"filename\":\"a\"}]}}",
                           &e),
                     BZ_OK);
    assert_true(e.failed);
    assert_string_equal(e.file_key, "");
    /* an unknown event and unknown enum names are not errors */
    assert_int_equal(
        parse("{\"event\":\"something_new\",\"egressInfo\":{\"status\":\"EGRESS_X\"}}", &e), BZ_OK);
    assert_int_equal(e.kind, VIDEO_EVENT_OTHER);
    /* refused: wrong types, too long, negative time, duplicate keys, not an object */
    const char *bad[] = {
        "",
        "null",
        "{\"event\":1}",
        "{\"event\":\"x\",\"room\":[]}",
        "{\"event\":\"x\",\"room\":{\"name\":7}}",
        "{\"event\":\"x\",\"createdAt\":\"-5\"}",
        "{\"event\":\"x\",\"createdAt\":\"99999999999999999999\"}",
        "{\"event\":\"x\",\"createdAt\":1.5}",
        "{\"event\":\"x\",\"event\":\"y\"}",
        "{\"event\":\"x\",\"egressInfo\":{\"status\":true}}",
        "{\"event\":\"x\",\"egressInfo\":{\"fileResults\":{}}}",
        "{\"event\":\"x\",\"ingressInfo\":{\"state\":{\"error\":5}}}",
        "{\"event\":\"x\",\"participant\":{\"identity\":\"a\\u0000b\"}}",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(parse(bad[i], &e), BZ_EBADREQUEST);
        assert_int_equal(e.kind, VIDEO_EVENT_OTHER);
    }
    char big[300];
    memset(big, 'x', sizeof(big));
    char body[400];
    snprintf(body, sizeof(body), "{\"event\":\"x\",\"id\":\"%.*s\"}", VIDEO_NAME_MAX, big);
    assert_int_equal(parse(body, &e), BZ_EBADREQUEST);
    snprintf(body, sizeof(body), "{\"event\":\"x\",\"id\":\"%.*s\"}", VIDEO_NAME_MAX - 1, big);
    assert_int_equal(parse(body, &e), BZ_OK);
}

UNIT_MAIN(cmocka_unit_test(reference_vector), cmocka_unit_test(jwt_round_trip_and_refusals),
          cmocka_unit_test(webhook_through_the_port), cmocka_unit_test(room_names),
          cmocka_unit_test(parser_edges))
