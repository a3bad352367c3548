/*
 * store/sql/addresses.c - buyers' delivery addresses (domain/delivery.h).
 *
 * Every statement names the owner (user_id) beside the id: another user's address is
 * BZ_ENOTFOUND, never read or changed. The default is one flag a user: the partial unique
 * index refuses a second, so making one the default clears the old flag first, in one unit.
 */
#include "base/err.h"
#include "store/sql/sql.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

#define ADDRESS_COLS                                                                               \
    "id, user_id, name, phone, line1, line2, city, state, postcode, is_default, created_at, "      \
    "updated_at"

#define F(kind, field) SQL_COL(kind, delivery_address, field)
SQL_READER(read_address, delivery_address, F(I64, id), F(I64, user_id), F(TEXT, name),
           F(TEXT, phone), F(TEXT, postal.line1), F(TEXT, postal.line2), F(TEXT, postal.city),
           F(TEXT, postal.state), F(TEXT, postal.postcode), F(BOOL, is_default), F(I64, created_at),
           F(I64, updated_at))
#undef F

/* Parameters $1..$9: the address's id, owner, recipient and postal fields. */
#define ADDRESS_FIELDS(d)                                                                          \
    SQL_I64((d)->id), SQL_I64((d)->user_id), SQL_TEXT((d)->name), SQL_TEXT((d)->phone),            \
        SQL_TEXT((d)->postal.line1), SQL_TEXT((d)->postal.line2 ? (d)->postal.line2 : ""),         \
        SQL_TEXT((d)->postal.city), SQL_TEXT((d)->postal.state), SQL_TEXT((d)->postal.postcode)

/* A missing user fails the foreign key: BZ_ENOTFOUND; a second default, the unique index. */
static db_query Q_ADDRESS_INSERT =
    DB_QUERY("INSERT INTO delivery_addresses (" ADDRESS_COLS ") "
             "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)");

int sql_address_create(store *s, const delivery_address *d)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_ADDRESS_INSERT, ADDRESS_FIELDS(d),
                             SQL_BOOL(d->is_default), SQL_I64(d->created_at));
    return db_exec_guarded(q, NULL);
}

static db_query Q_ADDRESS_UPDATE =
    DB_QUERY("UPDATE delivery_addresses SET name = $3, phone = $4, line1 = $5, line2 = $6, "
             "city = $7, state = $8, postcode = $9, updated_at = $10 "
             "WHERE id = $1 AND user_id = $2");

int sql_address_update(store *s, const delivery_address *d)
{
    db_stmt *q =
        SQL_PREPARE(sql_db(s), &Q_ADDRESS_UPDATE, ADDRESS_FIELDS(d), SQL_I64(d->updated_at));
    return sql_exec_one(q, false);
}

static db_query Q_ADDRESS_DELETE =
    DB_QUERY("DELETE FROM delivery_addresses WHERE user_id = $1 AND id = $2");

int sql_address_delete(store *s, int64_t user_id, int64_t id)
{
    const int64_t v[] = {user_id, id};
    return sql_exec_one(sql_prepare_ints(sql_db(s), &Q_ADDRESS_DELETE, v, 2), false);
}

static db_query Q_ADDRESS_GET = DB_QUERY("SELECT " ADDRESS_COLS " FROM delivery_addresses "
                                         "WHERE user_id = $1 AND id = $2");

int sql_address_get(store *s, int64_t user_id, int64_t id, bz_arena *a, delivery_address *out)
{
    const int64_t v[] = {user_id, id};
    return db_fetch_one(sql_prepare_ints(sql_db(s), &Q_ADDRESS_GET, v, 2), a, read_address, out);
}

static db_query Q_ADDRESSES =
    DB_QUERY("SELECT " ADDRESS_COLS " FROM delivery_addresses WHERE user_id = $1 "
             "ORDER BY is_default DESC, id DESC LIMIT 100");

int sql_addresses(store *s, int64_t user_id, bz_arena *a, delivery_address **out, size_t *n)
{
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_ADDRESSES, &user_id, 1);
    int rc;
    *out = db_fetch_all(q, a, read_address, sizeof(**out), n, &rc);
    return rc;
}

/* ---- the owner's lock and the default ----------------------------------------------- */

static db_query Q_USER_LOCK = DB_QUERY("SELECT 1 FROM users WHERE id = $1 {for_update}");

int sql_address_book_lock(store *s, int64_t user_id)
{
    bool found = false;
    int rc = sql_exists_id(sql_db(s), &Q_USER_LOCK, user_id, &found);
    return rc != BZ_OK ? rc : found ? BZ_OK : BZ_ENOTFOUND;
}

/* ---- the default ----------------------------------------------------------------------- */

typedef struct default_change {
    int64_t user_id, id, now;
} default_change;

static db_query Q_DEFAULT_CLEAR =
    DB_QUERY("UPDATE delivery_addresses SET is_default = FALSE, updated_at = $3 "
             "WHERE user_id = $1 AND is_default AND id <> $2");
static db_query Q_DEFAULT_SET =
    DB_QUERY("UPDATE delivery_addresses SET is_default = TRUE, updated_at = $3 "
             "WHERE user_id = $1 AND id = $2");

static int clear_default(db_conn *c, const void *arg)
{
    const default_change *d = arg;
    const int64_t v[] = {d->user_id, d->id, d->now};
    return db_exec(sql_prepare_ints(c, &Q_DEFAULT_CLEAR, v, 3), NULL);
}

static int set_default(db_conn *c, const void *arg)
{
    const default_change *d = arg;
    const int64_t v[] = {d->user_id, d->id, d->now};
    return sql_exec_one(sql_prepare_ints(c, &Q_DEFAULT_SET, v, 3), false);
}

int sql_address_set_default(store *s, int64_t user_id, int64_t id, int64_t now)
{
    const default_change d = {user_id, id, now};
    return sql_atomic2(sql_db(s), clear_default, set_default, &d);
}
