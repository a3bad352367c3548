/*
 * store/sql/payouts.c - sellers' payouts: their connected account, onboarding requests, the
 * transfer of each completed order's share, and the provider's payouts (domain/payout.h;
 * migrations/0021).
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <stdint.h>

static const char *or_null(const char *s)
{
    return s && s[0] ? s : NULL;
}

/* ---- connected accounts ------------------------------------------------------------------ */

#define ACCOUNT_COLS                                                                               \
    "seller_id, account_id, details_submitted, charges_enabled, payouts_enabled, "                 \
    "requirements_due, created_at, updated_at"

#define F(kind, field) SQL_COL(kind, payout_account, field)
SQL_READER(read_account, payout_account, F(I64, seller_id), F(TEXT, account_id),
           F(BOOL, details_submitted), F(BOOL, charges_enabled), F(BOOL, payouts_enabled),
           F(TEXT, requirements_due), F(I64, created_at), F(I64, updated_at))
#undef F

static db_query Q_ACCOUNT_GET =
    DB_QUERY("SELECT " ACCOUNT_COLS " FROM payout_accounts WHERE seller_id = $1");
static db_query Q_ACCOUNT_BY_REF =
    DB_QUERY("SELECT " ACCOUNT_COLS " FROM payout_accounts WHERE account_id = $1");

int sql_payout_account_get(store *s, int64_t seller_id, bz_arena *a, payout_account *out)
{
    return db_fetch_one(sql_prepare_ints(sql_db(s), &Q_ACCOUNT_GET, &seller_id, 1), a, read_account,
                        out);
}

int sql_payout_account_by_ref(store *s, const char *account_id, bz_arena *a, payout_account *out)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_ACCOUNT_BY_REF, SQL_TEXT(account_id));
    return db_fetch_one(q, a, read_account, out);
}

static db_query Q_ACCOUNT_PUT = DB_QUERY(
    "INSERT INTO payout_accounts (" ACCOUNT_COLS ") VALUES ($1, $2, $3, $4, $5, $6, $7, $7) "
    "ON CONFLICT (seller_id) DO UPDATE SET "
    "account_id = coalesce(payout_accounts.account_id, excluded.account_id), "
    "details_submitted = excluded.details_submitted, charges_enabled = excluded.charges_enabled, "
    "payouts_enabled = excluded.payouts_enabled, requirements_due = excluded.requirements_due, "
    "updated_at = excluded.updated_at");

int sql_payout_account_put(store *s, const payout_account *acct)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_ACCOUNT_PUT, SQL_I64(acct->seller_id),
                             SQL_TEXT(or_null(acct->account_id)), SQL_BOOL(acct->details_submitted),
                             SQL_BOOL(acct->charges_enabled), SQL_BOOL(acct->payouts_enabled),
                             SQL_TEXT(acct->requirements_due ? acct->requirements_due : ""),
                             SQL_I64(acct->updated_at));
    return db_exec_guarded(q, NULL);
}

/* ---- onboarding requests ----------------------------------------------------------------- */

#define ONBOARDING_COLS "id, seller_id, status, url, expires_at, failure, created_at, updated_at"

#define F(kind, field) SQL_COL(kind, payout_onboarding, field)
SQL_READER(read_onboarding, payout_onboarding, F(I64, id), F(I64, seller_id), F(TEXT, status),
           F(TEXT, url), F(I64, expires_at), F(TEXT, failure), F(I64, created_at),
           F(I64, updated_at))
#undef F

static db_query Q_ONBOARDING_CREATE =
    DB_QUERY("INSERT INTO payout_onboardings (id, seller_id, status, created_at, updated_at) "
             "VALUES ($1, $2, $3, $4, $4)");
static db_query Q_ONBOARDING_GET =
    DB_QUERY("SELECT " ONBOARDING_COLS " FROM payout_onboardings WHERE id = $1");
static db_query Q_ONBOARDING_SAVE =
    DB_QUERY("UPDATE payout_onboardings SET status = $2, url = $3, expires_at = $4, "
             "failure = $5, updated_at = $6 WHERE id = $1");

int sql_payout_onboarding_create(store *s, const payout_onboarding *o)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_ONBOARDING_CREATE, SQL_I64(o->id), SQL_I64(o->seller_id),
                             SQL_TEXT(o->status), SQL_I64(o->created_at));
    return db_exec_guarded(q, NULL);
}

int sql_payout_onboarding_get(store *s, int64_t id, bz_arena *a, payout_onboarding *out)
{
    return db_fetch_one(sql_prepare_ints(sql_db(s), &Q_ONBOARDING_GET, &id, 1), a, read_onboarding,
                        out);
}

int sql_payout_onboarding_save(store *s, const payout_onboarding *o)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_ONBOARDING_SAVE, SQL_I64(o->id), SQL_TEXT(o->status),
                             SQL_TEXT(or_null(o->url)), SQL_I64(o->expires_at),
                             SQL_TEXT(or_null(o->failure)), SQL_I64(o->updated_at));
    return sql_exec_one(q, false);
}

/* ---- transfers ---------------------------------------------------------------------------- */

#define TRANSFER_COLS                                                                              \
    "order_id, seller_id, status, transfer_id, amount, reversed, created_at, updated_at"

#define F(kind, field) SQL_COL(kind, payout_transfer, field)
SQL_READER(read_transfer, payout_transfer, F(I64, order_id), F(I64, seller_id), F(TEXT, status),
           F(TEXT, transfer_id), F(I64, amount), F(I64, reversed), F(I64, created_at),
           F(I64, updated_at))
#undef F

static db_query Q_TRANSFER_CREATE = DB_QUERY("INSERT INTO payout_transfers (" TRANSFER_COLS
                                             ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
static db_query Q_TRANSFER_GET =
    DB_QUERY("SELECT " TRANSFER_COLS " FROM payout_transfers WHERE order_id = $1");
static db_query Q_TRANSFER_LOCK =
    DB_QUERY("SELECT " TRANSFER_COLS " FROM payout_transfers WHERE order_id = $1 {for_update}");
static db_query Q_TRANSFER_SAVE =
    DB_QUERY("UPDATE payout_transfers SET status = $2, transfer_id = $3, amount = $4, "
             "reversed = $5, updated_at = $6 WHERE order_id = $1");
static db_query Q_TRANSFERS_IN_STATE =
    DB_QUERY("SELECT " TRANSFER_COLS " FROM payout_transfers WHERE seller_id = $1 "
             "AND status = $2 ORDER BY order_id LIMIT $3");
static db_query Q_TRANSFERS_OF = DB_QUERY("SELECT " TRANSFER_COLS " FROM payout_transfers "
                                          "WHERE seller_id = $1 ORDER BY order_id DESC LIMIT $2");

int sql_transfer_create(store *s, const payout_transfer *t)
{
    db_stmt *q =
        SQL_PREPARE(sql_db(s), &Q_TRANSFER_CREATE, SQL_I64(t->order_id), SQL_I64(t->seller_id),
                    SQL_TEXT(t->status), SQL_TEXT(or_null(t->transfer_id)), SQL_I64(t->amount),
                    SQL_I64(t->reversed), SQL_I64(t->created_at), SQL_I64(t->updated_at));
    return db_exec_guarded(q, NULL);
}

int sql_transfer_get(store *s, int64_t order_id, bool lock, bz_arena *a, payout_transfer *out)
{
    return sql_fetch_by_id(s, &Q_TRANSFER_GET, &Q_TRANSFER_LOCK, lock, order_id, a, read_transfer,
                           out);
}

int sql_transfer_save(store *s, const payout_transfer *t)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_TRANSFER_SAVE, SQL_I64(t->order_id), SQL_TEXT(t->status),
                             SQL_TEXT(or_null(t->transfer_id)), SQL_I64(t->amount),
                             SQL_I64(t->reversed), SQL_I64(t->updated_at));
    return sql_exec_one(q, true);
}

int sql_transfers_in_state(store *s, int64_t seller_id, const char *status, int limit, bz_arena *a,
                           payout_transfer **out, size_t *n)
{
    int rc = BZ_OK;
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_TRANSFERS_IN_STATE, SQL_I64(seller_id), SQL_TEXT(status),
                             SQL_I64(limit));
    *out = db_fetch_all(q, a, read_transfer, sizeof(**out), n, &rc);
    return rc;
}

int sql_transfers_of(store *s, int64_t seller_id, int limit, bz_arena *a, payout_transfer **out,
                     size_t *n)
{
    const int64_t v[] = {seller_id, limit};
    return sql_fetch_rows(s, &Q_TRANSFERS_OF, v, 2, a, read_transfer, sizeof(**out), out, n);
}

/* ---- payouts ------------------------------------------------------------------------------ */

#define PAYOUT_COLS "id, seller_id, payout_id, amount, paid_at, created_at"

#define F(kind, field) SQL_COL(kind, seller_payout, field)
SQL_READER(read_payout, seller_payout, F(I64, id), F(I64, seller_id), F(TEXT, payout_id),
           F(I64, amount), F(I64, paid_at), F(I64, created_at))
#undef F

static db_query Q_PAYOUT_ADD =
    DB_QUERY("INSERT INTO seller_payouts (" PAYOUT_COLS ") VALUES ($1, $2, $3, $4, $5, $6)");
static db_query Q_PAYOUTS_OF = DB_QUERY("SELECT " PAYOUT_COLS " FROM seller_payouts "
                                        "WHERE seller_id = $1 ORDER BY id DESC LIMIT $2");
static db_query Q_PAYOUTS_TOTAL =
    DB_QUERY("SELECT coalesce(sum(amount), 0) FROM seller_payouts WHERE seller_id = $1");

int sql_payout_add(store *s, const seller_payout *p)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_PAYOUT_ADD, SQL_I64(p->id), SQL_I64(p->seller_id),
                             SQL_TEXT(p->payout_id), SQL_I64(p->amount), SQL_I64(p->paid_at),
                             SQL_I64(p->created_at));
    return db_exec_guarded(q, NULL);
}

int sql_payouts_of(store *s, int64_t seller_id, int limit, bz_arena *a, seller_payout **out,
                   size_t *n, int64_t *total)
{
    const int64_t v[] = {seller_id, limit};
    int rc = sql_fetch_rows(s, &Q_PAYOUTS_OF, v, 2, a, read_payout, sizeof(**out), out, n);
    if (rc == BZ_OK) {
        rc = sql_fetch_ints(sql_prepare_ints(sql_db(s), &Q_PAYOUTS_TOTAL, &seller_id, 1),
                            (int64_t *const[]){total}, 1);
    }
    return rc;
}

/* ---- what a payouts page adds up, and the completion sweep ---------------------------------- */

#define F(kind, field) SQL_COL(kind, payout_earning, field)
SQL_READER(read_earning, payout_earning, F(I64, order_id), F(TEXT, status), F(I64, paid),
           F(I64, refunded), F(I64, share), F(BOOL, sent))
#undef F

static db_query Q_EARNINGS = DB_QUERY("SELECT o.id, o.status, o.paid, o.refunded, o.share, "
                                      "coalesce(t.status = 'sent', FALSE) FROM orders o "
                                      "LEFT JOIN payout_transfers t ON t.order_id = o.id "
                                      "WHERE o.seller_id = $1 AND o.paid > 0 ORDER BY o.id");

int sql_seller_earnings(store *s, int64_t seller_id, bz_arena *a, payout_earning **out, size_t *n)
{
    return sql_fetch_rows(s, &Q_EARNINGS, &seller_id, 1, a, read_earning, sizeof(**out), out, n);
}

static db_query Q_TO_COMPLETE =
    DB_QUERY("SELECT id FROM orders WHERE status = 'delivered' AND delivered_at <= $1 "
             "AND NOT report_open ORDER BY delivered_at, id LIMIT $2");

int sql_orders_to_complete(store *s, int64_t before, int limit, bz_arena *a, int64_t **ids,
                           size_t *n)
{
    const int64_t v[] = {before, limit};
    return sql_fetch_rows(s, &Q_TO_COMPLETE, v, 2, a, sql_read_id, sizeof(**ids), ids, n);
}
