/*
 * store/sql/users.c - accounts, refresh tokens and idempotency records.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <string.h>

#define USER_COLS                                                                                  \
    "id, email, username, display_name, bio, password_hash, avatar_image_id, is_seller, "          \
    "created_at, updated_at, show_win_name"

static db_query Q_USER_CREATE =
    DB_QUERY("INSERT INTO users (" USER_COLS ") VALUES ($1, lower($2), $3, coalesce($4, ''), "
             "coalesce($5, ''), $6, $7, $8, $9, $10, $11)");

int sql_user_create(store *s, const account_user *u)
{
    db_stmt *q =
        SQL_PREPARE(sql_db(s), &Q_USER_CREATE, SQL_I64(u->id), SQL_TEXT(u->email),
                    SQL_TEXT(u->username), SQL_TEXT(u->display_name), SQL_TEXT(u->bio),
                    SQL_TEXT(u->password_hash), SQL_ID(u->avatar_image_id), SQL_BOOL(u->is_seller),
                    SQL_I64(u->created_at), SQL_I64(u->updated_at), SQL_BOOL(u->show_win_name));
    return db_exec_guarded(q, NULL); /* BZ_EEMAILTAKEN, BZ_EUSERNAMETAKEN */
}

/* Readers of a USER_COLS row; only the sign-in read keeps the password hash. */
#define F(kind, field) SQL_COL(kind, account_user, field)
SQL_READER(read_user, account_user, F(I64, id), F(TEXT, email), F(TEXT, username),
           F(TEXT, display_name), F(TEXT, bio), SQL_SKIP,
           /* password_hash */ F(I64, avatar_image_id), F(BOOL, is_seller), F(I64, created_at),
           F(I64, updated_at), F(BOOL, show_win_name))
#undef F

static void read_user_with_hash(db_stmt *q, bz_arena *a, void *out)
{
    read_user(q, a, out);
    ((account_user *)out)->password_hash = db_col_text(q, 5, a);
}

static db_query Q_USER_GET = DB_QUERY("SELECT " USER_COLS " FROM users WHERE id = $1");

int sql_user_get(store *s, int64_t id, bz_arena *a, account_user *out)
{
    return db_fetch_one(sql_prepare_ints(sql_db(s), &Q_USER_GET, &id, 1), a, read_user, out);
}

/* One user by a text key bound as $1. */
static int user_by_text(store *s, db_query *query, const char *key, db_reader read, bz_arena *a,
                        account_user *out)
{
    db_stmt *q = db_prepare(sql_db(s), query);
    db_bind_text(q, 1, key);
    return db_fetch_one(q, a, read, out);
}

static db_query Q_USER_BY_EMAIL =
    DB_QUERY("SELECT " USER_COLS " FROM users WHERE email = lower($1)");

int sql_user_by_email(store *s, const char *email, bz_arena *a, account_user *out)
{
    return user_by_text(s, &Q_USER_BY_EMAIL, email, read_user_with_hash, a, out);
}

/* lower(username) = lower($1) is what the unique index users_username_lower_key covers. */
static db_query Q_USER_BY_USERNAME =
    DB_QUERY("SELECT " USER_COLS " FROM users WHERE lower(username) = lower($1)");

int sql_user_by_username(store *s, const char *username, bz_arena *a, account_user *out)
{
    return user_by_text(s, &Q_USER_BY_USERNAME, username, read_user, a, out);
}

static db_query Q_USER_UPDATE =
    DB_QUERY("UPDATE users SET display_name = coalesce($2, display_name), "
             "bio = coalesce($3, bio), show_win_name = coalesce($4, show_win_name), "
             "updated_at = $5 WHERE id = $1");

int sql_user_update(store *s, int64_t id, const char *display_name, const char *bio,
                    int show_win_name, int64_t now)
{
    db_stmt *q =
        SQL_PREPARE(sql_db(s), &Q_USER_UPDATE, SQL_I64(id), SQL_TEXT(display_name), SQL_TEXT(bio),
                    SQL_BOOL_IF(show_win_name >= 0, show_win_name == 1), SQL_I64(now));
    return sql_exec_one(q, false);
}

static db_query Q_USER_SET_AVATAR =
    DB_QUERY("UPDATE users SET avatar_image_id = $2, updated_at = $3 WHERE id = $1");

int sql_user_set_avatar(store *s, int64_t id, int64_t image_id, int64_t now)
{
    return sql_set_image(s, &Q_USER_SET_AVATAR, id, image_id, now);
}

/* ---- refresh tokens ----------------------------------------------------- */

static db_query Q_REFRESH_CREATE =
    DB_QUERY("INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, created_at, "
             "expires_at, used_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");

int sql_refresh_create(store *s, const store_refresh *r)
{
    /* used_at, revoked_at: 0 is not yet */
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_REFRESH_CREATE, SQL_I64(r->id), SQL_I64(r->user_id),
                             SQL_I64(r->family_id), SQL_BLOB32(r->hash), SQL_I64(r->created_at),
                             SQL_I64(r->expires_at), SQL_ID(r->used_at), SQL_ID(r->revoked_at));
    return db_exec_guarded(q, NULL);
}

#define F(kind, field) SQL_COL(kind, store_refresh, field)
SQL_READER(read_refresh, store_refresh, F(I64, id), F(I64, user_id), F(I64, family_id),
           F(BLOB32, hash), F(I64, created_at), F(I64, expires_at), F(I64, used_at),
           F(I64, revoked_at))
#undef F

static db_query Q_REFRESH_BY_HASH =
    DB_QUERY("SELECT id, user_id, family_id, token_hash, created_at, expires_at, used_at, "
             "revoked_at FROM refresh_tokens WHERE token_hash = $1");

int sql_refresh_by_hash(store *s, const unsigned char hash[32], store_refresh *out)
{
    db_stmt *q = db_prepare(sql_db(s), &Q_REFRESH_BY_HASH);
    db_bind_blob32(q, 1, hash);
    return db_fetch_one(q, NULL, read_refresh, out); /* reads no text: no arena */
}

/* The conditional UPDATE is the whole exactly-once guarantee: of any number of racing callers,
 * only the one whose statement flips used_at from NULL sees a changed row (PostgreSQL:
 * they queue on the row lock, and each re-checks used_at after the winner commits). */
static db_query Q_REFRESH_MARK_USED =
    DB_QUERY("UPDATE refresh_tokens SET used_at = $2 "
             "WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL");
static db_query Q_REFRESH_EXISTS = DB_QUERY("SELECT 1 FROM refresh_tokens WHERE id = $1");

int sql_refresh_mark_used(store *s, int64_t id, int64_t now)
{
    return sql_change_or_why(s, &Q_REFRESH_MARK_USED, &Q_REFRESH_EXISTS, id, now, BZ_ETOKENREUSED);
}

static db_query Q_REFRESH_REVOKE_FAMILY = DB_QUERY("UPDATE refresh_tokens SET revoked_at = $2 "
                                                   "WHERE family_id = $1 AND revoked_at IS NULL");

int sql_refresh_revoke_family(store *s, int64_t family_id, int64_t now)
{
    const int64_t v[] = {family_id, now};
    return db_exec(sql_prepare_ints(sql_db(s), &Q_REFRESH_REVOKE_FAMILY, v, 2), NULL);
}

/* ---- idempotency --------------------------------------------------------- */

#define F(kind, field) SQL_COL(kind, store_idem, field)
SQL_READER(read_idem, store_idem, F(I64, user_id), F(TEXT, key), F(BLOB32, req_hash),
           F(I32, status), F(TEXT, body), F(I64, created_at))
#undef F

static db_query Q_IDEM_GET = DB_QUERY("SELECT user_id, key, req_hash, status, body, created_at "
                                      "FROM idempotency_keys WHERE user_id = $1 AND key = $2");

int sql_idem_get(store *s, int64_t user_id, const char *key, bz_arena *a, store_idem *out)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_IDEM_GET, SQL_I64(user_id), SQL_TEXT(key));
    return db_fetch_one(q, a, read_idem, out);
}

static db_query Q_IDEM_PUT =
    DB_QUERY("INSERT INTO idempotency_keys (user_id, key, req_hash, status, body, created_at) "
             "VALUES ($1, $2, $3, $4, coalesce($5, ''), $6)");

int sql_idem_put(store *s, const store_idem *rec)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_IDEM_PUT, SQL_I64(rec->user_id), SQL_TEXT(rec->key),
                             SQL_BLOB32(rec->req_hash), SQL_I64(rec->status), SQL_TEXT(rec->body),
                             SQL_I64(rec->created_at));
    return db_exec_guarded(q, NULL); /* BZ_ECONFLICT */
}

/* ---- admins (migrations/0022) ----------------------------------------------------------- */

static db_query Q_IS_ADMIN =
    DB_QUERY("SELECT CASE WHEN is_admin THEN 1 ELSE 0 END FROM users WHERE id = $1");

int sql_user_is_admin(store *s, int64_t id, bool *out)
{
    int64_t admin = 0, *col[] = {&admin};
    int rc = sql_fetch_ints(sql_prepare_ints(sql_db(s), &Q_IS_ADMIN, &id, 1), col, 1);
    *out = rc == BZ_OK && admin != 0;
    return rc;
}

static db_query Q_SET_ADMIN = DB_QUERY("UPDATE users SET is_admin = $2 WHERE email = lower($1)");

int sql_user_set_admin(store *s, const char *email, bool admin)
{
    return sql_exec_one(SQL_PREPARE(sql_db(s), &Q_SET_ADMIN, SQL_TEXT(email), SQL_BOOL(admin)),
                        false);
}
