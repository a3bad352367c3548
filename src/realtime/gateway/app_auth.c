/*
 * Socket identity: the CONNECT token, its expiry and revocation checked before each event,
 * `auth:refresh`, and revoked sessions leaving their private rooms (app_auth.h).
 */
#include "realtime/gateway/app_auth.h"

#include "app/revocation.h"
#include "base/err.h"
#include "base/time.h"
#include "wire/acks.h"
#include "realtime/gateway/app_internal.h"

#include <string.h>

/* Remember the verified token's user, session and expiry on the socket. */
static bool remember(gw_sock *s, const crypto_claims *cl)
{
    app_sock *as = app_sock_of(s);
    if (!as) {
        return false;
    }
    as->auth_session = cl->session_id;
    as->auth_exp_s = (uint32_t)(cl->expires_at / 1000); /* exp is whole seconds */
    gw_sock_set_user(s, cl->user_id);
    return true;
}

const char *app_auth_connect(gw_sock *s, const char *auth, size_t len)
{
    gw_blytz *a = gw_app(gw_sock_gateway(s));
    json_t *o = json_loadb(auth, len, 0, NULL);
    const char *token = json_string_value(json_object_get(o, "token"));
    const char *refusal = NULL;
    if (token) {
        crypto_claims cl;
        if (app_access_check(a->env, token, bz_now_ms(), &cl) != BZ_OK || !remember(s, &cl)) {
            refusal = "unauthorized";
        }
    }
    json_decref(o);
    return refusal;
}

/* BZ_OK while the socket's identity holds at `now`; else why not. */
static int identity_state(gw_blytz *a, gw_sock *s, int64_t now)
{
    const app_sock *as = gw_sock_data(s);
    if (!as || app_revocations_has(a->env->revoked, as->auth_session, now)) {
        return BZ_EUNAUTHORIZED;
    }
    return now >= (int64_t)as->auth_exp_s * 1000 + CRYPTO_LEEWAY_MS ? BZ_ETOKENEXPIRED : BZ_OK;
}

static void on_refresh(gw_blytz *a, gw_sock *s, json_t *arg, int64_t ack_id)
{
    const char *token = json_string_value(json_object_get(arg, "token"));
    if (!token || !*token) {
        app_ack_error(s, ack_id, BZ_EVALIDATION, "token is required", NULL);
        return;
    }
    crypto_claims cl;
    int rc = app_access_check(a->env, token, bz_now_ms(), &cl);
    if (rc != BZ_OK) {
        app_ack_error(s, ack_id, rc, NULL, NULL);
        return;
    }
    if (!gw_sock_user(s) || cl.user_id != gw_sock_user(s)) {
        app_ack_error(s, ack_id, BZ_EFORBIDDEN,
                      "this socket belongs to another user (or nobody): reconnect with the token",
                      NULL);
        return;
    }
    if (!remember(s, &cl)) {
        app_ack_error(s, ack_id, BZ_ENOMEM, NULL, NULL);
        return;
    }
    char room[40];
    app_room_name(room, "user", cl.user_id);
    gw_join(s, room); /* back in after a revocation took it out; else a no-op */
    app_ack_json(s, ack_id, wire_ack_refresh(cl.expires_at));
}

bool app_auth_event(gw_blytz *a, gw_sock *s, const char *name, json_t *arg, int64_t ack_id)
{
    if (strcmp(name, "auth:refresh") == 0) {
        on_refresh(a, s, arg, ack_id);
        return true;
    }
    if (!gw_sock_user(s) || strcmp(name, "leave:stream") == 0) {
        return false; /* anonymous sockets have nothing to lapse; leaving is always fine */
    }
    int rc = identity_state(a, s, bz_now_ms());
    if (rc == BZ_OK) {
        return false;
    }
    app_ack_error(s, ack_id, rc,
                  rc == BZ_ETOKENEXPIRED
                      ? "the access token expired: send auth:refresh with a fresh one"
                      : "this session has ended: sign in again",
                  NULL);
    return true;
}

void gw_blytz_session_revoked(gw_blytz *a, int64_t user_id, int64_t session_id)
{
    if (!a || !a->gw || user_id <= 0) {
        return;
    }
    char room[40];
    app_room_name(room, "user", user_id);
    /* From the end: leaving moves the last member into the slot left, one already seen. */
    for (size_t i = gw_room_size(a->gw, room); i-- > 0;) {
        gw_sock *s = gw_room_member(a->gw, room, i);
        const app_sock *as = s ? gw_sock_data(s) : NULL;
        if (as && as->auth_session == session_id) {
            gw_leave(s, room);
        }
    }
}
