/*
 * store/sqlite/users.c - accounts, refresh tokens and idempotency records.
 */
#include "base/err.h"
#include "store/sqlite/sqlite_internal.h"

#include <string.h>

#define USER_COLS                                                                                  \
    "id, email, username, display_name, bio, password_hash, avatar_image_id, is_seller, "          \
    "created_at, updated_at"

int sq_user_create(store *st, const store_user *u)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_USER_CREATE,
                              "INSERT INTO users (" USER_COLS ") VALUES (?1, lower(?2), ?3, "
                              "coalesce(?4, ''), coalesce(?5, ''), ?6, ?7, ?8, ?9, ?10)",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, u->id);
    sq_bind_text(q, 2, u->email);
    sq_bind_text(q, 3, u->username);
    sq_bind_text(q, 4, u->display_name);
    sq_bind_text(q, 5, u->bio);
    sq_bind_text(q, 6, u->password_hash);
    sq_bind_id(q, 7, u->avatar_image_id);
    sqlite3_bind_int(q, 8, u->is_seller ? 1 : 0);
    sqlite3_bind_int64(q, 9, u->created_at);
    sqlite3_bind_int64(q, 10, u->updated_at);
    return sq_run(s, q, NULL);
}

/* Step a query for one user; password_hash is kept only when `with_hash`. */
static int read_user(sq_store *s, sqlite3_stmt *q, bool with_hash, bz_arena *a, store_user *out)
{
    int src = sqlite3_step(q);
    int rc = BZ_OK;
    if (src == SQLITE_ROW) {
        sq_row r = {q, a, true};
        memset(out, 0, sizeof(*out));
        out->id = sq_i64(&r, 0);
        out->email = sq_text(&r, 1);
        out->username = sq_text(&r, 2);
        out->display_name = sq_text(&r, 3);
        out->bio = sq_text(&r, 4);
        out->password_hash = with_hash ? sq_text(&r, 5) : NULL;
        out->avatar_image_id = sq_i64(&r, 6);
        out->is_seller = sq_i64(&r, 7) != 0;
        out->created_at = sq_i64(&r, 8);
        out->updated_at = sq_i64(&r, 9);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    } else {
        rc = src == SQLITE_DONE ? BZ_ENOTFOUND : sq_error(s, src);
    }
    sq_done(q);
    return rc;
}

int sq_user_get(store *st, int64_t id, bz_arena *a, store_user *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_USER_GET, "SELECT " USER_COLS " FROM users WHERE id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    return read_user(s, q, false, a, out);
}

int sq_user_by_email(store *st, const char *email, bz_arena *a, store_user *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_USER_BY_EMAIL,
                              "SELECT " USER_COLS " FROM users WHERE email = lower(?1)", &rc);
    if (!q) {
        return rc;
    }
    sq_bind_text(q, 1, email);
    return read_user(s, q, true, a, out);
}

int sq_user_by_username(store *st, const char *username, bz_arena *a, store_user *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    /* lower(username) = lower(?) is what the unique index users_username_lower_key covers. */
    sqlite3_stmt *q =
        sq_stmt(s, SQ_USER_BY_USERNAME,
                "SELECT " USER_COLS " FROM users WHERE lower(username) = lower(?1)", &rc);
    if (!q) {
        return rc;
    }
    sq_bind_text(q, 1, username);
    return read_user(s, q, false, a, out);
}

int sq_user_update(store *st, int64_t id, const char *display_name, const char *bio, int64_t now)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_USER_UPDATE,
                              "UPDATE users SET display_name = coalesce(?2, display_name), "
                              "bio = coalesce(?3, bio), updated_at = ?4 WHERE id = ?1",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    sq_bind_text(q, 2, display_name);
    sq_bind_text(q, 3, bio);
    sqlite3_bind_int64(q, 4, now);
    int changes = 0;
    rc = sq_run(s, q, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

int sq_user_set_avatar(store *st, int64_t id, int64_t image_id, int64_t now)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_USER_SET_AVATAR,
                              "UPDATE users SET avatar_image_id = ?2, updated_at = ?3 "
                              "WHERE id = ?1",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    sq_bind_id(q, 2, image_id);
    sqlite3_bind_int64(q, 3, now);
    int changes = 0;
    rc = sq_run(s, q, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

/* ---- refresh tokens ----------------------------------------------------- */

int sq_refresh_create(store *st, const store_refresh *r)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_REFRESH_CREATE,
                              "INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, "
                              "created_at, expires_at, used_at, revoked_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, 0), nullif(?8, 0))",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, r->id);
    sqlite3_bind_int64(q, 2, r->user_id);
    sqlite3_bind_int64(q, 3, r->family_id);
    sqlite3_bind_blob(q, 4, r->hash, 32, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 5, r->created_at);
    sqlite3_bind_int64(q, 6, r->expires_at);
    sqlite3_bind_int64(q, 7, r->used_at);
    sqlite3_bind_int64(q, 8, r->revoked_at);
    return sq_run(s, q, NULL);
}

int sq_refresh_by_hash(store *st, const unsigned char hash[32], store_refresh *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_REFRESH_BY_HASH,
                              "SELECT id, user_id, family_id, token_hash, created_at, "
                              "expires_at, used_at, revoked_at FROM refresh_tokens "
                              "WHERE token_hash = ?1",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_blob(q, 1, hash, 32, SQLITE_TRANSIENT);
    int src = sqlite3_step(q);
    if (src == SQLITE_ROW) {
        memset(out, 0, sizeof(*out));
        out->id = sqlite3_column_int64(q, 0);
        out->user_id = sqlite3_column_int64(q, 1);
        out->family_id = sqlite3_column_int64(q, 2);
        const void *blob = sqlite3_column_blob(q, 3);
        if (blob && sqlite3_column_bytes(q, 3) == 32) {
            memcpy(out->hash, blob, 32);
        }
        out->created_at = sqlite3_column_int64(q, 4);
        out->expires_at = sqlite3_column_int64(q, 5);
        out->used_at = sqlite3_column_int64(q, 6);
        out->revoked_at = sqlite3_column_int64(q, 7);
        rc = BZ_OK;
    } else {
        rc = src == SQLITE_DONE ? BZ_ENOTFOUND : sq_error(s, src);
    }
    sq_done(q);
    return rc;
}

int sq_refresh_mark_used(store *st, int64_t id, int64_t now)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    /* The conditional UPDATE is the whole exactly-once guarantee: of any number of racing
     * callers, only the one whose statement flips used_at from NULL sees a changed row. */
    sqlite3_stmt *q = sq_stmt(s, SQ_REFRESH_MARK_USED,
                              "UPDATE refresh_tokens SET used_at = ?2 "
                              "WHERE id = ?1 AND used_at IS NULL AND revoked_at IS NULL",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_int64(q, 2, now);
    int changes = 0;
    rc = sq_run(s, q, &changes);
    if (rc != BZ_OK || changes == 1) {
        return rc;
    }
    q = sq_stmt(s, SQ_REFRESH_EXISTS, "SELECT 1 FROM refresh_tokens WHERE id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    int src = sqlite3_step(q);
    rc = src == SQLITE_ROW ? BZ_ETOKENREUSED : src == SQLITE_DONE ? BZ_ENOTFOUND : sq_error(s, src);
    sq_done(q);
    return rc;
}

int sq_refresh_revoke_family(store *st, int64_t family_id, int64_t now)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_REFRESH_REVOKE_FAMILY,
                              "UPDATE refresh_tokens SET revoked_at = ?2 "
                              "WHERE family_id = ?1 AND revoked_at IS NULL",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, family_id);
    sqlite3_bind_int64(q, 2, now);
    return sq_run(s, q, NULL);
}

/* ---- idempotency --------------------------------------------------------- */

int sq_idem_get(store *st, int64_t user_id, const char *key, bz_arena *a, store_idem *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_IDEM_GET,
                              "SELECT user_id, key, req_hash, status, body, created_at "
                              "FROM idempotency_keys WHERE user_id = ?1 AND key = ?2",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, user_id);
    sq_bind_text(q, 2, key);
    int src = sqlite3_step(q);
    if (src == SQLITE_ROW) {
        sq_row r = {q, a, true};
        memset(out, 0, sizeof(*out));
        out->user_id = sq_i64(&r, 0);
        out->key = sq_text(&r, 1);
        const void *blob = sqlite3_column_blob(q, 2);
        if (blob && sqlite3_column_bytes(q, 2) == 32) {
            memcpy(out->req_hash, blob, 32);
        }
        out->status = sq_i32(&r, 3);
        out->body = sq_text(&r, 4);
        out->created_at = sq_i64(&r, 5);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    } else {
        rc = src == SQLITE_DONE ? BZ_ENOTFOUND : sq_error(s, src);
    }
    sq_done(q);
    return rc;
}

int sq_idem_put(store *st, const store_idem *rec)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_IDEM_PUT,
                              "INSERT INTO idempotency_keys (user_id, key, req_hash, status, "
                              "body, created_at) VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), ?6)",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, rec->user_id);
    sq_bind_text(q, 2, rec->key);
    sqlite3_bind_blob(q, 3, rec->req_hash, 32, SQLITE_TRANSIENT);
    sqlite3_bind_int(q, 4, rec->status);
    sq_bind_text(q, 5, rec->body);
    sqlite3_bind_int64(q, 6, rec->created_at);
    return sq_run(s, q, NULL);
}
