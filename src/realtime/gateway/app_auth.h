/*
 * realtime/gateway/app_auth.h - who a socket is, and until when (docs/realtime.md "Auth").
 *
 * A socket signs in with the CONNECT `auth` {"token": "<access JWT>"}; the gateway keeps
 * the user id (gw_sock_user), the session id (the token's "sid") and the token's expiry
 * (12 bytes in app_sock), never the token. Before any event that acts as the user, the socket's
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
#ifndef REALTIME_GATEWAY_APP_AUTH_H
#define REALTIME_GATEWAY_APP_AUTH_H

#include "realtime/gateway/app_events.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The namespace's authorize callback (gw_nsp.authorize): verify the CONNECT token, if any,
 * and remember the user, session and expiry. "unauthorized" for a bad, expired or revoked
 * token; NULL (accepted) without a token: the socket is anonymous. */
const char *app_auth_connect(gw_sock *s, const char *auth, size_t len);

/* Run before an event is dispatched: answers `auth:refresh`, and refuses any other event but
 * `leave:stream` of a signed-in socket whose session was revoked or whose token expired.
 * True when the event was answered here (the caller does nothing more). */
bool app_auth_event(gw_blytz *a, gw_sock *s, const char *name, json_t *arg, int64_t ack_id);

/* Session `session_id` of `user_id` was revoked (the events bus said so): its sockets on
 * this node leave the user's private room. */
void gw_blytz_session_revoked(gw_blytz *a, int64_t user_id, int64_t session_id);

#endif
