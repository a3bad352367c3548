/*
 * store/sql/refunds.c - refunds and disputes (domain/refund.h; docs/payments.md "Refunds and
 * disputes"), and the one notification a dispute makes.
 *
 * A refund row is written and changed under its order's lock (the app locks the order first),
 * so the sums the app reads of an order's or a payment's refunds are those it then writes.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <stdint.h>

/* ---- refunds -------------------------------------------------------------------------------- */

/* The columns of a refund as written, and as read (nobody asking reads as 0). */
#define REFUND_COLS_OF(asked_by)                                                                   \
    "id, order_id, payment_id, amount, reason, note, " asked_by ", role, status, provider_id, "    \
    "order_state, created_at, updated_at"
#define REFUND_COLS REFUND_COLS_OF("coalesce(asked_by, 0)")

#define F(kind, field) SQL_COL(kind, refund_record, field)
SQL_READER(read_refund, refund_record, F(I64, id), F(I64, order_id), F(I64, payment_id),
           F(I64, amount), F(TEXT, reason), F(TEXT, note), F(I64, asked_by), F(TEXT, role),
           F(TEXT, status), F(TEXT, provider_id), F(TEXT, order_state), F(I64, created_at),
           F(I64, updated_at))
#undef F

/* A provider id not known yet is NULL (unique: "none" is one test). */
static const char *or_null(const char *s)
{
    return s && s[0] ? s : NULL;
}

static db_query Q_REFUND_INSERT = DB_QUERY("INSERT INTO refunds (" REFUND_COLS_OF(
    "asked_by") ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                "$12, $12)");

int sql_refund_create(store *s, const refund_record *r)
{
    db_stmt *q = SQL_PREPARE(
        sql_db(s), &Q_REFUND_INSERT, SQL_I64(r->id), SQL_I64(r->order_id), SQL_I64(r->payment_id),
        SQL_I64(r->amount), SQL_TEXT(r->reason), SQL_TEXT(r->note ? r->note : ""),
        SQL_ID(r->asked_by), SQL_TEXT(r->role), SQL_TEXT(r->status),
        SQL_TEXT(or_null(r->provider_id)), SQL_TEXT(r->order_state), SQL_I64(r->created_at));
    return db_exec_guarded(q, NULL); /* BZ_ECONFLICT: the id or the provider's id exists */
}

static db_query Q_REFUND_GET = DB_QUERY("SELECT " REFUND_COLS " FROM refunds WHERE id = $1");

int sql_refund_get(store *s, int64_t id, bz_arena *a, refund_record *out)
{
    return sql_fetch_by_id(s, &Q_REFUND_GET, &Q_REFUND_GET, false, id, a, read_refund, out);
}

/* A provider id once known stays (coalesce): a late answer without one keeps it. */
static db_query Q_REFUND_SAVE =
    DB_QUERY("UPDATE refunds SET status = $2, provider_id = coalesce($3, provider_id), "
             "updated_at = $4 WHERE id = $1");

int sql_refund_save(store *s, const refund_record *r)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_REFUND_SAVE, SQL_I64(r->id), SQL_TEXT(r->status),
                             SQL_TEXT(or_null(r->provider_id)), SQL_I64(r->updated_at));
    return sql_exec_one(q, true);
}

static db_query Q_REFUNDS_OF_ORDER = DB_QUERY("SELECT " REFUND_COLS " FROM refunds "
                                              "WHERE order_id = $1 ORDER BY id LIMIT 200");
static db_query Q_REFUNDS_OF_PAYMENT = DB_QUERY("SELECT " REFUND_COLS " FROM refunds "
                                                "WHERE payment_id = $1 ORDER BY id LIMIT 500");

int sql_refunds_of(store *s, int64_t order_id, int64_t payment_id, bz_arena *a, refund_record **out,
                   size_t *n)
{
    const int64_t id = order_id ? order_id : payment_id;
    return sql_fetch_rows(s, order_id ? &Q_REFUNDS_OF_ORDER : &Q_REFUNDS_OF_PAYMENT, &id, 1, a,
                          read_refund, sizeof(**out), out, n);
}

/* ---- disputes ------------------------------------------------------------------------------- */

#define DISPUTE_COLS_OF(closed_at)                                                                 \
    "id, provider_id, payment_id, amount, reason, status, created_at, " closed_at
#define DISPUTE_COLS DISPUTE_COLS_OF("coalesce(closed_at, 0)")

#define F(kind, field) SQL_COL(kind, dispute_record, field)
SQL_READER(read_dispute, dispute_record, F(I64, id), F(TEXT, provider_id), F(I64, payment_id),
           F(I64, amount), F(TEXT, reason), F(TEXT, status), F(I64, created_at), F(I64, closed_at))
#undef F

static db_query Q_DISPUTE_INSERT = DB_QUERY("INSERT INTO disputes (" DISPUTE_COLS_OF(
    "closed_at") ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");

int sql_dispute_create(store *s, const dispute_record *d)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_DISPUTE_INSERT, SQL_I64(d->id), SQL_TEXT(d->provider_id),
                             SQL_I64(d->payment_id), SQL_I64(d->amount),
                             SQL_TEXT(d->reason ? d->reason : ""), SQL_TEXT(d->status),
                             SQL_I64(d->created_at), SQL_ID(d->closed_at));
    return db_exec_guarded(q, NULL); /* BZ_ECONFLICT: known already */
}

static db_query Q_DISPUTE_BY_REF =
    DB_QUERY("SELECT " DISPUTE_COLS " FROM disputes WHERE provider_id = $1");

int sql_dispute_by_ref(store *s, const char *provider_id, bz_arena *a, dispute_record *out)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_DISPUTE_BY_REF, SQL_TEXT(provider_id));
    return db_fetch_one(q, a, read_dispute, out);
}

static db_query Q_DISPUTE_SAVE =
    DB_QUERY("UPDATE disputes SET status = $2, closed_at = $3 WHERE id = $1");

int sql_dispute_save(store *s, const dispute_record *d)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_DISPUTE_SAVE, SQL_I64(d->id), SQL_TEXT(d->status),
                             SQL_ID(d->closed_at));
    return sql_exec_one(q, false);
}
