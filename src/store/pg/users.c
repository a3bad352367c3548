/*
 * store/pg/users.c - accounts, refresh tokens and idempotency records.
 */
#include "base/err.h"
#include "store/pg/pg_internal.h"

#include <string.h>

#define USER_COLS                                                                                  \
    "id, email, username, display_name, bio, password_hash, avatar_image_id, is_seller, "          \
    "created_at, updated_at"

int pg_user_create(store *st, const store_user *u)
{
    pg_params p = {0};
    pg_p_i64(&p, u->id);
    pg_p_text(&p, u->email);
    pg_p_text(&p, u->username);
    pg_p_text(&p, u->display_name);
    pg_p_text(&p, u->bio);
    pg_p_text(&p, u->password_hash);
    pg_p_id(&p, u->avatar_image_id);
    pg_p_bool(&p, u->is_seller);
    pg_p_i64(&p, u->created_at);
    pg_p_i64(&p, u->updated_at);
    return pg_guarded_command(pg_of(st), PG_USER_CREATE,
                              "INSERT INTO users (" USER_COLS ") VALUES ($1, lower($2), $3, "
                              "coalesce($4, ''), coalesce($5, ''), $6, $7, $8, $9, $10)",
                              &p, NULL);
}

/* Read the one user a query found; password_hash is kept only when `with_hash`. */
static int read_user(PGresult *res, bool with_hash, bz_arena *a, store_user *out)
{
    if (PQntuples(res) == 0) {
        return BZ_ENOTFOUND;
    }
    pg_row r = {res, 0, a, true};
    memset(out, 0, sizeof(*out));
    out->id = pg_i64(&r, 0);
    out->email = pg_text(&r, 1);
    out->username = pg_text(&r, 2);
    out->display_name = pg_text(&r, 3);
    out->bio = pg_text(&r, 4);
    out->password_hash = with_hash ? pg_text(&r, 5) : NULL;
    out->avatar_image_id = pg_i64(&r, 6);
    out->is_seller = pg_bool(&r, 7);
    out->created_at = pg_i64(&r, 8);
    out->updated_at = pg_i64(&r, 9);
    return r.ok ? BZ_OK : BZ_EINTERNAL;
}

static int query_user(store *st, enum pg_stmt_id id, const char *sql, const pg_params *p,
                      bool with_hash, bz_arena *a, store_user *out)
{
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), id, sql, NULL, p, &res);
    if (rc == BZ_OK) {
        rc = read_user(res, with_hash, a, out);
    }
    PQclear(res);
    return rc;
}

int pg_user_get(store *st, int64_t id, bz_arena *a, store_user *out)
{
    pg_params p = {0};
    pg_p_i64(&p, id);
    return query_user(st, PG_USER_GET, "SELECT " USER_COLS " FROM users WHERE id = $1", &p, false,
                      a, out);
}

int pg_user_by_email(store *st, const char *email, bz_arena *a, store_user *out)
{
    pg_params p = {0};
    pg_p_text(&p, email);
    return query_user(st, PG_USER_BY_EMAIL,
                      "SELECT " USER_COLS " FROM users WHERE email = lower($1)", &p, true, a, out);
}

int pg_user_by_username(store *st, const char *username, bz_arena *a, store_user *out)
{
    pg_params p = {0};
    pg_p_text(&p, username);
    /* lower(username) = lower($1) is what the unique index users_username_lower_key covers. */
    return query_user(st, PG_USER_BY_USERNAME,
                      "SELECT " USER_COLS " FROM users WHERE lower(username) = lower($1)", &p,
                      false, a, out);
}

int pg_user_update(store *st, int64_t id, const char *display_name, const char *bio, int64_t now)
{
    pg_params p = {0};
    pg_p_i64(&p, id);
    pg_p_text(&p, display_name);
    pg_p_text(&p, bio);
    pg_p_i64(&p, now);
    int changes = 0;
    int rc = pg_command(pg_of(st), PG_USER_UPDATE,
                        "UPDATE users SET display_name = coalesce($2, display_name), "
                        "bio = coalesce($3, bio), updated_at = $4 WHERE id = $1",
                        &p, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

int pg_user_set_avatar(store *st, int64_t id, int64_t image_id, int64_t now)
{
    pg_params p = {0};
    pg_p_i64(&p, id);
    pg_p_id(&p, image_id);
    pg_p_i64(&p, now);
    int changes = 0;
    int rc = pg_command(pg_of(st), PG_USER_SET_AVATAR,
                        "UPDATE users SET avatar_image_id = $2, updated_at = $3 WHERE id = $1", &p,
                        &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

/* ---- refresh tokens ----------------------------------------------------- */

int pg_refresh_create(store *st, const store_refresh *r)
{
    pg_params p = {0};
    pg_p_i64(&p, r->id);
    pg_p_i64(&p, r->user_id);
    pg_p_i64(&p, r->family_id);
    pg_p_hex32(&p, r->hash);
    pg_p_i64(&p, r->created_at);
    pg_p_i64(&p, r->expires_at);
    pg_p_id(&p, r->used_at);
    pg_p_id(&p, r->revoked_at);
    return pg_guarded_command(pg_of(st), PG_REFRESH_CREATE,
                              "INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, "
                              "created_at, expires_at, used_at, revoked_at) "
                              "VALUES ($1, $2, $3, decode($4, 'hex'), $5, $6, $7, $8)",
                              &p, NULL);
}

int pg_refresh_by_hash(store *st, const unsigned char hash[32], store_refresh *out)
{
    pg_params p = {0};
    pg_p_hex32(&p, hash);
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), PG_REFRESH_BY_HASH,
                      "SELECT id, user_id, family_id, encode(token_hash, 'hex'), created_at, "
                      "expires_at, used_at, revoked_at FROM refresh_tokens "
                      "WHERE token_hash = decode($1, 'hex')",
                      NULL, &p, &res);
    if (rc == BZ_OK && PQntuples(res) == 0) {
        rc = BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        pg_row r = {res, 0, NULL, true};
        memset(out, 0, sizeof(*out));
        out->id = pg_i64(&r, 0);
        out->user_id = pg_i64(&r, 1);
        out->family_id = pg_i64(&r, 2);
        pg_hex32(&r, 3, out->hash);
        out->created_at = pg_i64(&r, 4);
        out->expires_at = pg_i64(&r, 5);
        out->used_at = pg_i64(&r, 6);
        out->revoked_at = pg_i64(&r, 7);
    }
    PQclear(res);
    return rc;
}

int pg_refresh_mark_used(store *st, int64_t id, int64_t now)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, id);
    pg_p_i64(&p, now);
    /* The conditional UPDATE is the whole exactly-once guarantee: racing callers queue on the
     * row lock, and each re-checks used_at after the winner commits, so only one changes it. */
    int changes = 0;
    int rc = pg_command(s, PG_REFRESH_MARK_USED,
                        "UPDATE refresh_tokens SET used_at = $2 "
                        "WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL",
                        &p, &changes);
    if (rc != BZ_OK || changes == 1) {
        return rc;
    }
    pg_params e = {0};
    pg_p_i64(&e, id);
    PGresult *res = NULL;
    rc = pg_query(s, PG_REFRESH_EXISTS, "SELECT 1 FROM refresh_tokens WHERE id = $1", NULL, &e,
                  &res);
    if (rc == BZ_OK) {
        rc = PQntuples(res) > 0 ? BZ_ETOKENREUSED : BZ_ENOTFOUND;
    }
    PQclear(res);
    return rc;
}

int pg_refresh_revoke_family(store *st, int64_t family_id, int64_t now)
{
    pg_params p = {0};
    pg_p_i64(&p, family_id);
    pg_p_i64(&p, now);
    return pg_command(pg_of(st), PG_REFRESH_REVOKE_FAMILY,
                      "UPDATE refresh_tokens SET revoked_at = $2 "
                      "WHERE family_id = $1 AND revoked_at IS NULL",
                      &p, NULL);
}

/* ---- idempotency --------------------------------------------------------- */

int pg_idem_get(store *st, int64_t user_id, const char *key, bz_arena *a, store_idem *out)
{
    pg_params p = {0};
    pg_p_i64(&p, user_id);
    pg_p_text(&p, key);
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), PG_IDEM_GET,
                      "SELECT user_id, key, encode(req_hash, 'hex'), status, body, created_at "
                      "FROM idempotency_keys WHERE user_id = $1 AND key = $2",
                      NULL, &p, &res);
    if (rc == BZ_OK && PQntuples(res) == 0) {
        rc = BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        pg_row r = {res, 0, a, true};
        memset(out, 0, sizeof(*out));
        out->user_id = pg_i64(&r, 0);
        out->key = pg_text(&r, 1);
        pg_hex32(&r, 2, out->req_hash);
        out->status = pg_i32(&r, 3);
        out->body = pg_text(&r, 4);
        out->created_at = pg_i64(&r, 5);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    }
    PQclear(res);
    return rc;
}

int pg_idem_put(store *st, const store_idem *rec)
{
    pg_params p = {0};
    pg_p_i64(&p, rec->user_id);
    pg_p_text(&p, rec->key);
    pg_p_hex32(&p, rec->req_hash);
    pg_p_i64(&p, rec->status);
    pg_p_text(&p, rec->body);
    pg_p_i64(&p, rec->created_at);
    return pg_guarded_command(pg_of(st), PG_IDEM_PUT,
                              "INSERT INTO idempotency_keys (user_id, key, req_hash, status, "
                              "body, created_at) "
                              "VALUES ($1, $2, decode($3, 'hex'), $4, coalesce($5, ''), $6)",
                              &p, NULL);
}
