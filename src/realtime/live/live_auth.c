/*
 * Socket identity: who a socket is, and until when (docs/realtime.md "Auth").
 *
 * A socket signs in with the CONNECT `auth` {"token": "<access JWT>"}; the gateway keeps
 * the user id (gw_sock_user), the session id (the token's "sid") and the token's expiry
 * (12 bytes in live_sock), never the token. Before any event that acts as the user, the socket's
 * identity is checked again, in memory: the session must not be revoked (app/revocation.h), and the
 * token must not have expired (with the verifier's leeway). Otherwise the event is answered
 * `unauthorized` (the session ended: sign in again) or `token_expired` (present a fresh
 * token) and does nothing. `leave:stream` and `auth:refresh` are always allowed.
 *
 * `auth:refresh` {token} → ack {ok, expires_at} or {ok:false, error}: a fresh access token
 * of the SAME user renews the socket without reconnecting (the user's private room is
 * joined again if a revocation took it away). A token of another user, or a token on an
 * anonymous socket, is refused with `forbidden`: changing who a socket is means reconnecting,
 * so nothing the socket joined or was sent as one user carries over to another.
 *
 * When a session is revoked, its sockets on this node leave the user's private room at
 * once, so order and notification events stop reaching them.
 *
 * Thread rules: loop thread.
 */
#include "realtime/live/live_internal.h"

#include "app/revocation.h"
#include "base/err.h"
#include "base/time.h"
#include "wire/acks.h"

#include <string.h>

/* Remember the verified token's user, session and expiry on the socket. */
static bool remember(gw_sock *s, const crypto_claims *cl)
{
    live_sock *as = live_sock_of(s);
    if (!as) {
        return false;
    }
    as->auth_session = cl->session_id;
    as->auth_exp_s = (uint32_t)(cl->expires_at / 1000); /* exp is whole seconds */
    gw_sock_set_user(s, cl->user_id);
    return true;
}

const char *live_auth_connect(gw_sock *s, const char *auth, size_t len)
{
    live_hub *a = gw_app(gw_sock_gateway(s));
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
static int identity_state(live_hub *a, gw_sock *s, int64_t now)
{
    const live_sock *as = gw_sock_data(s);
    if (!as || app_revocations_has(a->env->revoked, as->auth_session, now)) {
        return BZ_EUNAUTHORIZED;
    }
    return now >= (int64_t)as->auth_exp_s * 1000 + CRYPTO_LEEWAY_MS ? BZ_ETOKENEXPIRED : BZ_OK;
}

static void on_refresh(live_hub *a, gw_sock *s, json_t *arg, int64_t ack_id)
{
    const char *token = json_string_value(json_object_get(arg, "token"));
    if (!token || !*token) {
        live_ack_error(s, ack_id, BZ_EVALIDATION, "token is required", NULL);
        return;
    }
    crypto_claims cl;
    int rc = app_access_check(a->env, token, bz_now_ms(), &cl);
    if (rc != BZ_OK) {
        live_ack_error(s, ack_id, rc, NULL, NULL);
        return;
    }
    if (!gw_sock_user(s) || cl.user_id != gw_sock_user(s)) {
        live_ack_error(s, ack_id, BZ_EFORBIDDEN,
                       "this socket belongs to another user (or nobody): reconnect with the token",
                       NULL);
        return;
    }
    if (!remember(s, &cl)) {
        live_ack_error(s, ack_id, BZ_ENOMEM, NULL, NULL);
        return;
    }
    char room[40];
    live_room_name(room, "user", cl.user_id);
    gw_join(s, room); /* back in after a revocation took it out; else a no-op */
    live_ack_json(s, ack_id, wire_ack_refresh(cl.expires_at));
}

bool live_auth_event(live_hub *a, gw_sock *s, const char *name, json_t *arg, int64_t ack_id)
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
    live_ack_error(s, ack_id, rc,
                   rc == BZ_ETOKENEXPIRED
                       ? "the access token expired: send auth:refresh with a fresh one"
                       : "this session has ended: sign in again",
                   NULL);
    return true;
}

void live_session_revoked(live_hub *a, int64_t user_id, int64_t session_id)
{
    if (!a || !a->gw || user_id <= 0) {
        return;
    }
    char room[40];
    live_room_name(room, "user", user_id);
    /* From the end: leaving moves the last member into the slot left, one already seen. */
    for (size_t i = gw_room_size(a->gw, room); i-- > 0;) {
        gw_sock *s = gw_room_member(a->gw, room, i);
        const live_sock *as = s ? gw_sock_data(s) : NULL;
        if (as && as->auth_session == session_id) {
            gw_leave(s, room);
        }
    }
}
