/*
 * Sessions: register, login, refresh rotation with reuse detection, logout.
 * Validation rules (email, username, password strength) live in
 * domain/account.h; this file only orchestrates the ports.
 */
#include "app/auth.h"

#include "app/app_util.h"
#include "app/revocation.h"
#include "base/err.h"
#include "base/rand.h"
#include "base/str.h"
#include "domain/account.h"

#include <pthread.h>
#include <stdbool.h>
#include <string.h>

/* A PHC string that no password matches, verified when the email is unknown so that login
 * costs one argon2id either way. Computed once per crypto adapter, on first need. */
static pthread_mutex_t dummy_lock = PTHREAD_MUTEX_INITIALIZER;
static const crypto *dummy_owner;
static char dummy_phc[CRYPTO_PHC_MAX];

static int dummy_hash(crypto *cr, char out[CRYPTO_PHC_MAX])
{
    int rc = BZ_OK;
    pthread_mutex_lock(&dummy_lock);
    if (dummy_owner != cr) {
        unsigned char raw[24];
        char pw[sizeof(raw) * 2 + 1];
        bz_random_bytes(raw, sizeof(raw));
        bz_hex_encode(raw, sizeof(raw), pw);
        rc = cr->ops->password_hash(cr, pw, dummy_phc);
        if (rc == BZ_OK) {
            dummy_owner = cr;
        }
    }
    if (rc == BZ_OK) {
        memcpy(out, dummy_phc, CRYPTO_PHC_MAX);
    }
    pthread_mutex_unlock(&dummy_lock);
    return rc;
}

/* Issue an access token and a refresh token in `family_id` for `out->user`. */
static int issue_pair(app_ctx *c, int64_t family_id, app_session *out)
{
    crypto *cr = c->env->crypto;
    crypto_claims claims = {.user_id = out->user.id,
                            .session_id = family_id,
                            .issued_at = c->now,
                            .expires_at = c->now + c->env->cfg.access_ttl_ms};
    char *access = bz_arena_alloc(c->arena, CRYPTO_TOKEN_MAX);
    char *refresh = bz_arena_alloc(c->arena, CRYPTO_REFRESH_LEN + 1);
    if (!access || !refresh) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    int rc = cr->ops->access_sign(cr, &claims, access);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    store_refresh r = {.id = bz_id_new(c->now),
                       .user_id = out->user.id,
                       .family_id = family_id,
                       .created_at = c->now,
                       .expires_at = c->now + c->env->cfg.refresh_ttl_ms};
    cr->ops->refresh_new(cr, refresh, r.hash);
    rc = store_refresh_create(c->store, &r);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    out->access_token = access;
    out->access_expires_at = claims.expires_at;
    out->refresh_token = refresh;
    out->refresh_expires_at = r.expires_at;
    return BZ_OK;
}

/* Apply a domain rule's verdict: record the field and reason on failure. */
static int domain_fail(app_ctx *c, int rc, const field_error *fe)
{
    if (rc == BZ_OK) {
        return BZ_OK;
    }
    return app_fail(c, rc, fe->field, fe->reason && *fe->reason ? "%s" : NULL, fe->reason);
}

/* Check the registration fields and write their normalised (lower-case) forms. */
static int validate_registration(app_ctx *c, const char *email, const char *username,
                                 const char *password, char email_out[ACCOUNT_EMAIL_MAX + 1],
                                 char username_out[ACCOUNT_USERNAME_MAX + 1])
{
    field_error fe = {"", ""};
    int rc = account_email_normalize(email, strlen(email), email_out, &fe);
    if (rc == BZ_OK) {
        rc = account_username_normalize(username, strlen(username), username_out, &fe);
    }
    if (rc == BZ_OK) {
        rc = account_password_check(password, strlen(password), c->env->cfg.min_password_len,
                                    email_out, username_out, &fe);
    }
    return domain_fail(c, rc, &fe);
}

int app_auth_register(app_ctx *c, const char *email, const char *username, const char *password,
                      app_session *out)
{
    char email_n[ACCOUNT_EMAIL_MAX + 1], username_n[ACCOUNT_USERNAME_MAX + 1];
    if (!email || !username || !password) {
        return app_fail(c, BZ_EVALIDATION,
                        !email      ? "email"
                        : !username ? "username"
                                    : "password",
                        "this field is required");
    }
    int rc = validate_registration(c, email, username, password, email_n, username_n);
    if (rc != BZ_OK) {
        return rc;
    }
    char *email_lc = bz_arena_strdup(c->arena, email_n);
    char *username_lc = bz_arena_strdup(c->arena, username_n);
    char *phc = bz_arena_alloc(c->arena, CRYPTO_PHC_MAX);
    if (!email_lc || !username_lc || !phc) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    rc = c->env->crypto->ops->password_hash(c->env->crypto, password, phc);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    memset(out, 0, sizeof(*out));
    account_user *u = &out->user;
    u->id = bz_id_new(c->now);
    u->email = email_lc;
    u->username = username_lc;
    u->display_name = u->username;
    u->bio = "";
    u->password_hash = phc;
    u->created_at = u->updated_at = c->now;
    rc = store_user_create(c->store, u);
    if (rc == BZ_EEMAILTAKEN) {
        return app_fail(c, rc, "email", NULL);
    }
    if (rc == BZ_EUSERNAMETAKEN) {
        return app_fail(c, rc, "username", NULL);
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    u->password_hash = NULL;
    return issue_pair(c, bz_id_new(c->now), out);
}

int app_auth_login(app_ctx *c, const char *email, const char *password, app_session *out)
{
    if (!email || !password) {
        return app_fail(c, BZ_EBADCREDENTIALS, NULL, NULL);
    }
    char *email_lc = app_lower_dup(c, email);
    if (!email_lc) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    memset(out, 0, sizeof(*out));
    crypto *cr = c->env->crypto;
    int rc = store_user_by_email(c->store, email_lc, c->arena, &out->user);
    if (rc == BZ_ENOTFOUND) {
        char phc[CRYPTO_PHC_MAX];
        if (dummy_hash(cr, phc) == BZ_OK) {
            (void)cr->ops->password_verify(cr, phc, password);
        }
        return app_fail(c, BZ_EBADCREDENTIALS, NULL, NULL);
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    rc = cr->ops->password_verify(cr, out->user.password_hash, password);
    out->user.password_hash = NULL;
    if (rc == BZ_EBADCREDENTIALS) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    return issue_pair(c, bz_id_new(c->now), out);
}

/* The token was presented a second time: whoever holds the family is suspect, end it all,
 * its access tokens too. */
static int reuse_detected(app_ctx *c, const store_refresh *r)
{
    int rc = app_session_end(c, r->family_id, r->user_id);
    return rc != BZ_OK ? rc : app_fail(c, BZ_ETOKENREUSED, NULL, NULL);
}

int app_auth_refresh(app_ctx *c, const char *refresh_token, app_session *out)
{
    if (!refresh_token || !*refresh_token) {
        return app_fail(c, BZ_EVALIDATION, "refresh_token", "refresh_token is required");
    }
    crypto *cr = c->env->crypto;
    unsigned char hash[32];
    store_refresh r;
    cr->ops->refresh_hash(cr, refresh_token, hash);
    int rc = store_refresh_by_hash(c->store, hash, &r);
    if (rc == BZ_ENOTFOUND) {
        return app_fail(c, BZ_EUNAUTHORIZED, NULL, "refresh token is not valid");
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (r.used_at != 0 || r.revoked_at != 0) {
        return reuse_detected(c, &r);
    }
    if (r.expires_at <= c->now) {
        return app_fail(c, BZ_ETOKENEXPIRED, NULL, NULL);
    }
    /* The store decides atomically: of two concurrent refreshes with one token, one loses
     * here and is treated as reuse. */
    rc = store_refresh_mark_used(c->store, r.id, c->now);
    if (rc == BZ_ETOKENREUSED) {
        return reuse_detected(c, &r);
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    memset(out, 0, sizeof(*out));
    rc = store_user_get(c->store, r.user_id, c->arena, &out->user);
    if (rc == BZ_ENOTFOUND) {
        return app_fail(c, BZ_EUNAUTHORIZED, NULL, "account no longer exists");
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    return issue_pair(c, r.family_id, out);
}

int app_auth_logout(app_ctx *c, const char *refresh_token)
{
    if (!refresh_token || !*refresh_token) {
        return BZ_OK;
    }
    unsigned char hash[32];
    store_refresh r;
    c->env->crypto->ops->refresh_hash(c->env->crypto, refresh_token, hash);
    int rc = store_refresh_by_hash(c->store, hash, &r);
    if (rc == BZ_ENOTFOUND) {
        return BZ_OK;
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    /* Also for a token already used or revoked: ending a session twice is harmless, and the
     * access token of the family must stop working either way. */
    return app_session_end(c, r.family_id, r.user_id);
}

int app_auth_verify(app_ctx *c, const char *access_token, int64_t *user_id_out)
{
    crypto_claims claims;
    int rc = app_access_check(c->env, access_token, c->now, &claims);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    *user_id_out = claims.user_id;
    return BZ_OK;
}

/* The user's stored password hash (store_user_get leaves it out; by_email has it). */
static int password_hash_of(app_ctx *c, int64_t user_id, account_user *u)
{
    int rc = store_user_get(c->store, user_id, c->arena, u);
    if (rc == BZ_OK) {
        rc = store_user_by_email(c->store, u->email, c->arena, u);
    }
    if (rc == BZ_ENOTFOUND) {
        return app_fail(c, BZ_EUNAUTHORIZED, NULL, "account no longer exists");
    }
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

/* Store the new hash and end every other session, in one transaction. */
static int replace_password(app_ctx *c, int64_t user_id, int64_t keep_session, const char *phc)
{
    int64_t expires_at = app_revocation_expiry(c);
    int64_t *ended = NULL;
    size_t n = 0;
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    rc = store_user_set_password(c->store, user_id, phc, c->now);
    if (rc == BZ_OK) {
        rc = store_sessions_revoke_user(c->store, user_id, keep_session, c->now, expires_at,
                                        c->arena, &ended, &n);
    }
    if (rc == BZ_OK) {
        rc = store_commit(c->store);
    } else {
        store_rollback(c->store);
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    app_sessions_ended(c, user_id, ended, n, expires_at);
    return BZ_OK;
}

int app_auth_change_password(app_ctx *c, int64_t user_id, int64_t session_id,
                             const char *current_password, const char *new_password)
{
    if (!current_password || !new_password) {
        return app_fail(c, BZ_EVALIDATION, !current_password ? "current_password" : "new_password",
                        "this field is required");
    }
    account_user u;
    int rc = password_hash_of(c, user_id, &u);
    if (rc != BZ_OK) {
        return rc;
    }
    crypto *cr = c->env->crypto;
    rc = cr->ops->password_verify(cr, u.password_hash, current_password);
    if (rc == BZ_EBADCREDENTIALS) {
        /* 422, not 401: the caller's token is fine, and a client refreshing on 401 would
         * otherwise retry a wrong password. Its own code, so the sign-in limits count it as a
         * failed guess (http/auth_limits.c). */
        return app_fail(c, BZ_EWRONGPASSWORD, "current_password", "the current password is wrong");
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    field_error fe = {"", ""};
    rc = account_password_check(new_password, strlen(new_password), c->env->cfg.min_password_len,
                                u.email, u.username, &fe);
    if (rc != BZ_OK) {
        return app_fail(c, rc, "new_password", fe.reason && *fe.reason ? "%s" : NULL, fe.reason);
    }
    char *phc = bz_arena_alloc(c->arena, CRYPTO_PHC_MAX);
    if (!phc) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    rc = cr->ops->password_hash(cr, new_password, phc);
    return rc == BZ_OK ? replace_password(c, user_id, session_id, phc)
                       : app_fail(c, rc, NULL, NULL);
}
