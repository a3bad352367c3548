/*
 * store/sql/cards.c - buyers at the payment provider: their customer, the cards they saved and
 * the SetupIntents that save them (domain/payment.h; migrations/0017).
 *
 * As with delivery addresses, every card statement names its owner beside the id, and one
 * default a user is the partial unique index's to enforce.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <stdint.h>

/* ---- customers ---------------------------------------------------------------------------- */

static db_query Q_CUSTOMER_GET = DB_QUERY(
    "SELECT customer_id FROM payment_customers WHERE user_id = $1 AND customer_id IS NOT NULL");

int sql_customer_get(store *s, int64_t user_id, bz_arena *a, const char **out)
{
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_CUSTOMER_GET, &user_id, 1);
    *out = NULL;
    int rc = db_step(q);
    if (rc == DB_ROW) {
        *out = db_col_text(q, 0, a);
        rc = *out ? BZ_OK : BZ_EINTERNAL;
    } else if (rc == BZ_OK) {
        rc = BZ_ENOTFOUND;
    }
    db_reset(q);
    return rc;
}

static db_query Q_CUSTOMER_SET =
    DB_QUERY("INSERT INTO payment_customers (user_id, customer_id, created_at) VALUES ($1, $2, $3) "
             "ON CONFLICT (user_id) DO UPDATE SET customer_id = excluded.customer_id "
             "WHERE payment_customers.customer_id IS NULL");

int sql_customer_set(store *s, int64_t user_id, const char *customer_id, int64_t now)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_CUSTOMER_SET, SQL_I64(user_id), SQL_TEXT(customer_id),
                             SQL_I64(now));
    return db_exec_guarded(q, NULL);
}

/* ---- cards -------------------------------------------------------------------------------- */

#define CARD_COLS                                                                                  \
    "id, user_id, method_id, brand, last4, exp_month, exp_year, is_default, created_at"

#define F(kind, field) SQL_COL(kind, payment_card, field)
SQL_READER(read_card, payment_card, F(I64, id), F(I64, user_id), F(TEXT, method_id), F(TEXT, brand),
           F(TEXT, last4), F(I32, exp_month), F(I32, exp_year), F(BOOL, is_default),
           F(I64, created_at))
#undef F

static db_query Q_CARDS_OF = DB_QUERY("SELECT " CARD_COLS " FROM cards WHERE user_id = $1 "
                                      "ORDER BY is_default DESC, id DESC LIMIT 11");

int sql_cards_of(store *s, int64_t user_id, bz_arena *a, payment_card **out, size_t *n)
{
    return sql_fetch_rows(s, &Q_CARDS_OF, &user_id, 1, a, read_card, sizeof(**out), out, n);
}

static db_query Q_CARD_GET =
    DB_QUERY("SELECT " CARD_COLS " FROM cards WHERE user_id = $1 AND id = $2");

int sql_card_get(store *s, int64_t user_id, int64_t id, bz_arena *a, payment_card *out)
{
    const int64_t v[] = {user_id, id};
    return db_fetch_one(sql_prepare_ints(sql_db(s), &Q_CARD_GET, v, 2), a, read_card, out);
}

static db_query Q_CARD_ADD = DB_QUERY("INSERT INTO cards (" CARD_COLS ") "
                                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");

int sql_card_add(store *s, const payment_card *c)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_CARD_ADD, SQL_I64(c->id), SQL_I64(c->user_id),
                             SQL_TEXT(c->method_id), SQL_TEXT(c->brand), SQL_TEXT(c->last4),
                             SQL_I64(c->exp_month), SQL_I64(c->exp_year), SQL_BOOL(c->is_default),
                             SQL_I64(c->created_at));
    return db_exec_guarded(q, NULL);
}

/* Clear first, then set: the unique index never sees two defaults. */
static db_query Q_CARD_CLEAR_DEFAULT =
    DB_QUERY("UPDATE cards SET is_default = FALSE WHERE user_id = $1 AND is_default AND id <> $2");
static db_query Q_CARD_SET_DEFAULT =
    DB_QUERY("UPDATE cards SET is_default = TRUE WHERE user_id = $1 AND id = $2");

static int clear_default(db_conn *c, const void *arg)
{
    return db_exec(sql_prepare_ints(c, &Q_CARD_CLEAR_DEFAULT, arg, 2), NULL);
}

static int set_default(db_conn *c, const void *arg)
{
    return sql_exec_one(sql_prepare_ints(c, &Q_CARD_SET_DEFAULT, arg, 2), false);
}

int sql_card_set_default(store *s, int64_t user_id, int64_t id)
{
    const int64_t v[] = {user_id, id};
    return sql_atomic2(sql_db(s), clear_default, set_default, v);
}

static db_query Q_CARD_DELETE = DB_QUERY("DELETE FROM cards WHERE user_id = $1 AND id = $2");

int sql_card_delete(store *s, int64_t user_id, int64_t id)
{
    const int64_t v[] = {user_id, id};
    return sql_exec_one(sql_prepare_ints(sql_db(s), &Q_CARD_DELETE, v, 2), false);
}

/* ---- SetupIntents ------------------------------------------------------------------------- */

#define SETUP_COLS                                                                                 \
    "id, user_id, setup_id, client_secret, status, failure_code, coalesce(card_id, 0), "           \
    "created_at, updated_at"

#define F(kind, field) SQL_COL(kind, card_setup, field)
SQL_READER(read_setup, card_setup, F(I64, id), F(I64, user_id), F(TEXT, setup_id),
           F(TEXT, client_secret), F(TEXT, status), F(TEXT, failure_code), F(I64, card_id),
           F(I64, created_at), F(I64, updated_at))
#undef F

static const char *or_null(const char *s)
{
    return s && s[0] ? s : NULL;
}

static db_query Q_SETUP_CREATE =
    DB_QUERY("INSERT INTO card_setups (id, user_id, status, created_at, updated_at) "
             "VALUES ($1, $2, $3, $4, $4)");

int sql_card_setup_create(store *s, const card_setup *u)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_SETUP_CREATE, SQL_I64(u->id), SQL_I64(u->user_id),
                             SQL_TEXT(u->status), SQL_I64(u->created_at));
    return db_exec_guarded(q, NULL);
}

static db_query Q_SETUP_GET = DB_QUERY("SELECT " SETUP_COLS " FROM card_setups WHERE id = $1");
static db_query Q_SETUP_LOCK =
    DB_QUERY("SELECT " SETUP_COLS " FROM card_setups WHERE id = $1 {for_update}");
static db_query Q_SETUP_BY_REF =
    DB_QUERY("SELECT " SETUP_COLS " FROM card_setups WHERE setup_id = $1");

int sql_card_setup_get(store *s, int64_t id, bool lock, bz_arena *a, card_setup *out)
{
    return sql_fetch_by_id(s, &Q_SETUP_GET, &Q_SETUP_LOCK, lock, id, a, read_setup, out);
}

int sql_card_setup_by_ref(store *s, const char *setup_id, bz_arena *a, card_setup *out)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_SETUP_BY_REF, SQL_TEXT(setup_id));
    return db_fetch_one(q, a, read_setup, out);
}

static db_query Q_SETUP_SAVE = DB_QUERY(
    "UPDATE card_setups SET setup_id = $2, client_secret = $3, status = $4, failure_code = $5, "
    "card_id = $6, updated_at = $7 WHERE id = $1");

int sql_card_setup_save(store *s, const card_setup *u)
{
    db_stmt *q =
        SQL_PREPARE(sql_db(s), &Q_SETUP_SAVE, SQL_I64(u->id), SQL_TEXT(or_null(u->setup_id)),
                    SQL_TEXT(or_null(u->client_secret)), SQL_TEXT(u->status),
                    SQL_TEXT(or_null(u->failure_code)), SQL_ID(u->card_id), SQL_I64(u->updated_at));
    return sql_exec_one(q, false);
}
