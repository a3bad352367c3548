/*
 * app/auth.h - accounts and sessions: register, login, refresh-token rotation
 * with reuse detection, logout, and access-token verification.
 *
 * A session is an access JWT (short, stateless) plus a refresh token (long,
 * opaque, stored only as its SHA-256). Every refresh rotates: the presented
 * token is marked used and a new one is issued in the same family. Presenting
 * a used or revoked token again means it leaked, so the whole family is
 * revoked and the caller gets BZ_ETOKENREUSED. The family is the session: its
 * id is the access token's "sid", and a revoked family's access tokens are
 * refused at once (app/revocation.h), not only when they expire.
 *
 * All strings in results live in c->arena.
 */
#ifndef APP_AUTH_H
#define APP_AUTH_H

#include "app/app.h"
#include "domain/account.h"

#include <stdint.h>

typedef struct app_session {
    account_user user;        /* password_hash is NULL */
    const char *access_token; /* JWT */
    int64_t access_expires_at;
    const char *refresh_token; /* opaque; shown to the client once */
    int64_t refresh_expires_at;
} app_session;

/* Create an account and sign it in. BZ_EVALIDATION (field email/username/password),
 * BZ_EWEAKPASSWORD (message says why), BZ_EEMAILTAKEN, BZ_EUSERNAMETAKEN. */
int app_auth_register(app_ctx *c, const char *email, const char *username, const char *password,
                      app_session *out);

/* Sign in. BZ_EBADCREDENTIALS when the email is unknown or the password wrong; both paths
 * run one password verification so their timing matches. */
int app_auth_login(app_ctx *c, const char *email, const char *password, app_session *out);

/* Rotate a refresh token into a new pair (same family). BZ_EUNAUTHORIZED (unknown token),
 * BZ_ETOKENREUSED (already used or revoked: the family is now revoked), BZ_ETOKENEXPIRED. */
int app_auth_refresh(app_ctx *c, const char *refresh_token, app_session *out);

/* End the presented token's session: its family's refresh tokens and, on every node, its
 * access tokens (app/revocation.h). Always BZ_OK for unknown or revoked tokens, so the answer
 * does not reveal whether a token existed; only store failures are reported. */
int app_auth_logout(app_ctx *c, const char *refresh_token);

/* Verify an access token against c->now, revocation included (app_access_check).
 * BZ_EUNAUTHORIZED or BZ_ETOKENEXPIRED. */
int app_auth_verify(app_ctx *c, const char *access_token, int64_t *user_id_out);

/* Change `user_id`'s password, signed in as session `session_id`, which stays signed in;
 * every other session of the user ends (refresh and access tokens, on every node), since a
 * password change is what someone does who fears another holds their account. The new
 * password follows the registration rules. BZ_EWRONGPASSWORD (field current_password),
 * BZ_EVALIDATION (a field missing), BZ_EWEAKPASSWORD (field new_password), BZ_EUNAUTHORIZED
 * (the account is gone). */
int app_auth_change_password(app_ctx *c, int64_t user_id, int64_t session_id,
                             const char *current_password, const char *new_password);

#endif
