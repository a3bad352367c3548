/*
 * /api/v1/streams/{id}/chat and moderation: posting and reading a show's
 * chat, deleting a message, mutes, bans, slow mode; a seller's moderators
 * and blocked words (/api/v1/sellers/me/...). Rules live in app/chat.h and
 * app/moderation.h; this file only translates JSON.
 *
 * POST .../chat answers its refusals itself rather than through api_run, so
 * that a mute carries details.until and a rate limit details.retry_after_ms
 * (and a Retry-After header). Chat posts take no Idempotency-Key: a message
 * sent twice is two messages, as in every chat.
 */
#include "app/chat.h"
#include "app/moderation.h"
#include "base/err.h"
#include "base/time.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* ---- POST /streams/{id}/chat ------------------------------------------------------- */

static void send_post_error(http_req *req, http_res *res, int rc, const app_chat_post_result *r)
{
    const app_err *e = &http_req_app(req)->err;
    if ((rc == BZ_ERATELIMIT || rc == BZ_ESLOWMODE) && r->retry_after_ms > 0) {
        char secs[24];
        snprintf(secs, sizeof(secs), "%" PRId64, (r->retry_after_ms + 999) / 1000);
        http_res_header(res, "Retry-After", secs);
    }
    http_res_error(res, rc, e->code == rc ? e->message : NULL, wire_chat_refusal(rc, e, r));
}

static void h_post(http_req *req, http_res *res)
{
    int64_t id;
    json_t *body;
    const char *text = NULL;
    app_chat_post_result r;
    memset(&r, 0, sizeof(r));
    int rc = api_param_body(req, &id, &body);
    if (rc == BZ_OK) {
        rc = api_get_str(req, body, NULL, "text", true, &text, NULL);
    }
    if (rc == BZ_OK) {
        rc = app_chat_post(http_req_app(req), api_user(req), id, text, &r);
    }
    if (rc != BZ_OK) {
        send_post_error(req, res, rc, &r);
        return;
    }
    json_t *out = wire_wrap("message", wire_chat_message(&r.message, r.seq));
    if (!out) {
        http_res_error(res, BZ_ENOMEM, NULL, NULL);
        return;
    }
    http_res_json(res, 201, out);
}

/* ---- GET /streams/{id}/chat, DELETE /streams/{id}/chat/{message_id} ------------------ */

static int do_history(http_req *req, int64_t id, api_reply *out)
{
    int64_t cursor = 0;
    int limit = 50;
    app_chat_page page;
    int rc = api_query_page(req, &limit, &cursor);
    if (rc == BZ_OK) {
        rc = app_chat_history(http_req_app(req), id, cursor, limit, &page);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_chat_page(&page));
}

/* ---- settings (slow mode, the pinned message) -------------------------------------------- */

static int settings_reply(http_req *req, api_reply *out, int64_t id)
{
    int seconds = 0;
    chat_message pinned;
    bool has_pin = false;
    int rc = app_mod_slow_mode(http_req_app(req), id, &seconds);
    if (rc == BZ_OK) {
        rc = app_mod_pinned(http_req_app(req), id, &pinned, &has_pin);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_chat_settings(id, seconds, has_pin ? &pinned : NULL));
}

/* PUT {message_id} pins it; DELETE unpins. Both answer the settings. */
static int do_pin_put(http_req *req, int64_t id, api_reply *out)
{
    int64_t message_id = 0;
    json_t *body;
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = api_get_id(req, body, "message_id", true, &message_id, NULL);
    }
    if (rc == BZ_OK) {
        rc = app_mod_pin(http_req_app(req), api_user(req), id, message_id);
    }
    return rc == BZ_OK ? settings_reply(req, out, id) : rc;
}

static int do_pin_delete(http_req *req, int64_t id, api_reply *out)
{
    int rc = app_mod_pin(http_req_app(req), api_user(req), id, 0);
    return rc == BZ_OK ? settings_reply(req, out, id) : rc;
}

static int do_settings_get(http_req *req, int64_t id, api_reply *out)
{
    return settings_reply(req, out, id);
}

static int do_settings_put(http_req *req, int64_t id, api_reply *out)
{
    int64_t seconds = 0;
    json_t *body;
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = api_get_int(req, body, "slow_mode_s", true, 0, APP_SLOW_MODE_MAX_S, &seconds, NULL);
    }
    if (rc == BZ_OK) {
        rc = app_mod_set_slow_mode(http_req_app(req), api_user(req), id, (int)seconds);
    }
    return rc == BZ_OK ? settings_reply(req, out, id) : rc;
}

/* ---- mutes and bans ---------------------------------------------------------------------- */

static int do_mute(http_req *req, int64_t id, api_reply *out)
{
    int64_t user_id = 0, minutes = 0, until = 0;
    json_t *body;
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = api_get_id(req, body, "user_id", true, &user_id, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_int(req, body, "minutes", true, 1, APP_MUTE_MAX_MINUTES, &minutes, NULL);
    }
    if (rc == BZ_OK) {
        rc = app_mod_mute(http_req_app(req), api_user(req), id, user_id, minutes, &until);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 201, wire_mute(id, user_id, until));
}

/* ---- /sellers/me/moderators ---------------------------------------------------------------- */

static int do_moderators(http_req *req, api_reply *out)
{
    chat_moderator *mods = NULL;
    size_t n = 0;
    int rc = app_mod_list(http_req_app(req), api_user(req), &mods, &n);
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_moderators(mods, n));
}

/* ---- /sellers/me/blocked-words --------------------------------------------------------------- */

static int words_reply(api_reply *out, const char **words, size_t n)
{
    return api_reply_json(out, 200, wire_blocked_words(words, n));
}

static int do_words_get(http_req *req, api_reply *out)
{
    const char **words = NULL;
    size_t n = 0;
    int rc = app_mod_blocked_words(http_req_app(req), api_user(req), &words, &n);
    return rc == BZ_OK ? words_reply(out, words, n) : rc;
}

static int read_words(http_req *req, const char ***out, size_t *n_out)
{
    json_t *body;
    int rc = api_body(req, &body);
    if (rc != BZ_OK) {
        return rc;
    }
    json_t *arr = json_object_get(body, "words");
    if (!json_is_array(arr) || json_array_size(arr) > APP_BLOCKED_WORDS_MAX) {
        return api_fail(req, BZ_EVALIDATION, "words", "words must be an array of at most 200");
    }
    size_t n = json_array_size(arr);
    const char **words = bz_arena_calloc(http_req_arena(req), n ? n : 1, sizeof(*words));
    if (!words) {
        return api_fail(req, BZ_ENOMEM, NULL, NULL);
    }
    for (size_t i = 0; i < n; i++) {
        if (!json_is_string(json_array_get(arr, i))) {
            return api_fail(req, BZ_EVALIDATION, "words", "every entry must be a string");
        }
        words[i] = json_string_value(json_array_get(arr, i));
    }
    *out = words;
    *n_out = n;
    return BZ_OK;
}

static int do_words_put(http_req *req, api_reply *out)
{
    const char **in = NULL, **words = NULL;
    size_t n_in = 0, n = 0;
    int rc = read_words(req, &in, &n_in);
    if (rc == BZ_OK) {
        rc = app_mod_set_blocked_words(http_req_app(req), api_user(req), in, n_in, &words, &n);
    }
    return rc == BZ_OK ? words_reply(out, words, n) : rc;
}

const api_route api_routes_chat[] = {
    API_OWN(HTTP_M_POST, "/api/v1/streams/{id}/chat", h_post, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/streams/{id}/chat", do_history, 0),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/streams/{id}/chat/settings", do_settings_get, 0),
    API_ROUTE_ID(HTTP_M_PUT, "/api/v1/streams/{id}/chat/settings", do_settings_put, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_PUT, "/api/v1/streams/{id}/chat/pin", do_pin_put, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_DELETE, "/api/v1/streams/{id}/chat/pin", do_pin_delete, HTTP_AUTH),
    API_ACT2(HTTP_M_DELETE, "/api/v1/streams/{id}/chat/{message_id}", app_chat_delete, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/streams/{id}/mutes", do_mute, HTTP_AUTH | API_IDEMPOTENT),
    API_ACT2(HTTP_M_DELETE, "/api/v1/streams/{id}/mutes/{user_id}", app_mod_unmute, HTTP_AUTH),
    API_ACT2(HTTP_M_POST, "/api/v1/streams/{id}/bans/{user_id}", app_mod_ban, HTTP_AUTH),
    API_ACT2(HTTP_M_DELETE, "/api/v1/streams/{id}/bans/{user_id}", app_mod_unban, HTTP_AUTH),
    API_ROUTE(HTTP_M_GET, "/api/v1/sellers/me/moderators", do_moderators, HTTP_AUTH),
    API_ACT(HTTP_M_POST, "/api/v1/sellers/me/moderators/{user_id}", app_mod_appoint, HTTP_AUTH),
    API_ACT(HTTP_M_DELETE, "/api/v1/sellers/me/moderators/{user_id}", app_mod_dismiss, HTTP_AUTH),
    API_ROUTE(HTTP_M_GET, "/api/v1/sellers/me/blocked-words", do_words_get, HTTP_AUTH),
    API_ROUTE(HTTP_M_PUT, "/api/v1/sellers/me/blocked-words", do_words_put, HTTP_AUTH),
    API_END,
};
