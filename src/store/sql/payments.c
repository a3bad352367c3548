/*
 * store/sql/payments.c - parcels, payments and their parts, and the provider's events seen
 * (domain/payment.h; docs/payments.md "Checkout").
 *
 * Lock order (app/ports/store_ops_payments.h): an order, then its parcel, then its payments. A
 * parcel is taken (made if need be, then locked) by its group key, so two checkouts of one show's
 * wins meet on one row and the second sees what the first charged for shipping.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <stdint.h>

/* ---- parcels ------------------------------------------------------------------------------ */

#define PARCEL_COLS                                                                                \
    "id, buyer_id, seller_id, coalesce(stream_id, 0), group_key, ship_name, ship_phone, "          \
    "ship_line1, ship_line2, ship_city, ship_state, ship_postcode, created_at, updated_at"

#define F(kind, field) SQL_COL(kind, order_parcel, field)
SQL_READER(read_parcel, order_parcel, F(I64, id), F(I64, buyer_id), F(I64, seller_id),
           F(I64, stream_id), F(TEXT, group_key), F(TEXT, ship_name), F(TEXT, ship_phone),
           F(TEXT, ship_to.line1), F(TEXT, ship_to.line2), F(TEXT, ship_to.city),
           F(TEXT, ship_to.state), F(TEXT, ship_to.postcode), F(I64, created_at),
           F(I64, updated_at))
#undef F

static db_query Q_PARCEL_INSERT = DB_QUERY(
    "INSERT INTO parcels (id, buyer_id, seller_id, stream_id, group_key, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (group_key) DO NOTHING");
static db_query Q_PARCEL_BY_KEY =
    DB_QUERY("SELECT " PARCEL_COLS " FROM parcels WHERE group_key = $1 {for_update}");

int sql_parcel_take(store *s, const order_parcel *p, bz_arena *a, order_parcel *out)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_PARCEL_INSERT, SQL_I64(p->id), SQL_I64(p->buyer_id),
                             SQL_I64(p->seller_id), SQL_ID(p->stream_id), SQL_TEXT(p->group_key),
                             SQL_I64(p->created_at));
    int rc = db_exec_guarded(q, NULL);
    if (rc != BZ_OK) {
        return rc;
    }
    q = SQL_PREPARE(sql_db(s), &Q_PARCEL_BY_KEY, SQL_TEXT(p->group_key));
    return db_fetch_one(q, a, read_parcel, out);
}

static db_query Q_PARCEL_GET = DB_QUERY("SELECT " PARCEL_COLS " FROM parcels WHERE id = $1");

int sql_parcel_get(store *s, int64_t id, bz_arena *a, order_parcel *out)
{
    return db_fetch_one(sql_prepare_ints(sql_db(s), &Q_PARCEL_GET, &id, 1), a, read_parcel, out);
}

/* An address not fixed yet is stored as NULLs, so that "has one" is one test (ship_name). */
static db_query Q_PARCEL_SAVE = DB_QUERY(
    "UPDATE parcels SET ship_name = $2, ship_phone = $3, ship_line1 = $4, ship_line2 = $5, "
    "ship_city = $6, ship_state = $7, ship_postcode = $8, updated_at = $9 "
    "WHERE id = $1");

int sql_parcel_save(store *s, const order_parcel *p)
{
    const bool has = parcel_has_address(p);
    const address_postal *t = &p->ship_to;
    db_stmt *q =
        SQL_PREPARE(sql_db(s), &Q_PARCEL_SAVE, SQL_I64(p->id), SQL_TEXT(has ? p->ship_name : NULL),
                    SQL_TEXT(has ? p->ship_phone : NULL), SQL_TEXT(has ? t->line1 : NULL),
                    SQL_TEXT(has ? (t->line2 ? t->line2 : "") : NULL),
                    SQL_TEXT(has ? t->city : NULL), SQL_TEXT(has ? t->state : NULL),
                    SQL_TEXT(has ? t->postcode : NULL), SQL_I64(p->updated_at));
    return sql_exec_one(q, false);
}

/* ---- payments ----------------------------------------------------------------------------- */

/* The columns of a payment as written, and as read (a missing card reads as 0). */
#define PAYMENT_COLS_OF(card)                                                                      \
    "id, buyer_id, seller_id, parcel_id, off_session, methods, " card ", status, "                 \
    "items, shipping, tax, total, commission, share, ship_name, ship_phone, ship_line1, "          \
    "ship_line2, ship_city, ship_state, ship_postcode, intent_id, client_secret, charge_id, "      \
    "method_used, failure_code, decline_code, created_at, updated_at"
#define PAYMENT_COLS PAYMENT_COLS_OF("coalesce(card_id, 0)")

#define F(kind, field) SQL_COL(kind, payment_record, field)
SQL_READER(read_payment, payment_record, F(I64, id), F(I64, buyer_id), F(I64, seller_id),
           F(I64, parcel_id), F(BOOL, off_session), F(I32, methods), F(I64, card_id),
           F(TEXT, status), F(I64, sums.items), F(I64, sums.shipping), F(I64, sums.tax),
           F(I64, sums.total), F(I64, sums.commission), F(I64, sums.share), F(TEXT, ship_name),
           F(TEXT, ship_phone), F(TEXT, ship_to.line1), F(TEXT, ship_to.line2),
           F(TEXT, ship_to.city), F(TEXT, ship_to.state), F(TEXT, ship_to.postcode),
           F(TEXT, intent_id), F(TEXT, client_secret), F(TEXT, charge_id), F(TEXT, method_used),
           F(TEXT, failure_code), F(TEXT, decline_code), F(I64, created_at), F(I64, updated_at))
#undef F

/* A provider's id or text not known yet is NULL (unique intents, "none" one test). */
static const char *or_null(const char *s)
{
    return s && s[0] ? s : NULL;
}

static db_query Q_PAYMENT_INSERT = DB_QUERY("INSERT INTO payments (" PAYMENT_COLS_OF(
    "card_id") ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
               "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, "
               "$26, $27, $28, $28)");
static db_query Q_PART_INSERT =
    DB_QUERY("INSERT INTO payment_orders (payment_id, order_id, items, shipping, tax, total, "
             "commission, share) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");

static int insert_payment(db_conn *c, const payment_record *p)
{
    const address_postal *t = &p->ship_to;
    const checkout_sums *m = &p->sums;
    db_stmt *q = SQL_PREPARE(
        c, &Q_PAYMENT_INSERT, SQL_I64(p->id), SQL_I64(p->buyer_id), SQL_I64(p->seller_id),
        SQL_I64(p->parcel_id), SQL_BOOL(p->off_session), SQL_I64(p->methods), SQL_ID(p->card_id),
        SQL_TEXT(p->status), SQL_I64(m->items), SQL_I64(m->shipping), SQL_I64(m->tax),
        SQL_I64(m->total), SQL_I64(m->commission), SQL_I64(m->share), SQL_TEXT(p->ship_name),
        SQL_TEXT(p->ship_phone), SQL_TEXT(t->line1), SQL_TEXT(t->line2 ? t->line2 : ""),
        SQL_TEXT(t->city), SQL_TEXT(t->state), SQL_TEXT(t->postcode),
        SQL_TEXT(or_null(p->intent_id)), SQL_TEXT(or_null(p->client_secret)),
        SQL_TEXT(or_null(p->charge_id)), SQL_TEXT(or_null(p->method_used)),
        SQL_TEXT(or_null(p->failure_code)), SQL_TEXT(or_null(p->decline_code)),
        SQL_I64(p->created_at));
    return db_exec(q, NULL); /* inside the unit: a failure rolls the unit back */
}

static int insert_part(db_conn *c, const payment_part *x)
{
    const checkout_sums *m = &x->sums;
    db_stmt *q = SQL_PREPARE(c, &Q_PART_INSERT, SQL_I64(x->payment_id), SQL_I64(x->order_id),
                             SQL_I64(m->items), SQL_I64(m->shipping), SQL_I64(m->tax),
                             SQL_I64(m->total), SQL_I64(m->commission), SQL_I64(m->share));
    return db_exec(q, NULL);
}

int sql_payment_create(store *s, const payment_record *p, const payment_part *parts, size_t n)
{
    db_conn *c = sql_db(s);
    int rc = db_atomic_begin(c);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = insert_payment(c, p);
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        rc = insert_part(c, &parts[i]);
    }
    return db_atomic_end(c, rc);
}

static db_query Q_PAYMENT_GET = DB_QUERY("SELECT " PAYMENT_COLS " FROM payments WHERE id = $1");
static db_query Q_PAYMENT_LOCK =
    DB_QUERY("SELECT " PAYMENT_COLS " FROM payments WHERE id = $1 {for_update}");
static db_query Q_PAYMENT_BY_INTENT =
    DB_QUERY("SELECT " PAYMENT_COLS " FROM payments WHERE intent_id = $1");

int sql_payment_get(store *s, int64_t id, bool lock, bz_arena *a, payment_record *out)
{
    return sql_fetch_by_id(s, &Q_PAYMENT_GET, &Q_PAYMENT_LOCK, lock, id, a, read_payment, out);
}

int sql_payment_by_intent(store *s, const char *intent_id, bz_arena *a, payment_record *out)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_PAYMENT_BY_INTENT, SQL_TEXT(intent_id));
    return db_fetch_one(q, a, read_payment, out);
}

static db_query Q_PAYMENT_SAVE = DB_QUERY(
    "UPDATE payments SET status = $2, intent_id = $3, client_secret = $4, charge_id = $5, "
    "method_used = $6, failure_code = $7, decline_code = $8, updated_at = $9 WHERE id = $1");

int sql_payment_save(store *s, const payment_record *p)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_PAYMENT_SAVE, SQL_I64(p->id), SQL_TEXT(p->status),
                             SQL_TEXT(or_null(p->intent_id)), SQL_TEXT(or_null(p->client_secret)),
                             SQL_TEXT(or_null(p->charge_id)), SQL_TEXT(or_null(p->method_used)),
                             SQL_TEXT(or_null(p->failure_code)), SQL_TEXT(or_null(p->decline_code)),
                             SQL_I64(p->updated_at));
    return sql_exec_one(q, true); /* BZ_ECONFLICT: the intent is another payment's */
}

#define F(kind, field) SQL_COL(kind, payment_part, field)
SQL_READER(read_part, payment_part, F(I64, payment_id), F(I64, order_id), F(I64, sums.items),
           F(I64, sums.shipping), F(I64, sums.tax), F(I64, sums.total), F(I64, sums.commission),
           F(I64, sums.share))
#undef F

static db_query Q_PAYMENT_PARTS =
    DB_QUERY("SELECT payment_id, order_id, items, shipping, tax, total, commission, share "
             "FROM payment_orders WHERE payment_id = $1 ORDER BY order_id");

int sql_payment_parts(store *s, int64_t payment_id, bz_arena *a, payment_part **out, size_t *n)
{
    return sql_fetch_rows(s, &Q_PAYMENT_PARTS, &payment_id, 1, a, read_part, sizeof(**out), out, n);
}

static db_query Q_PAYMENTS_OPEN_OF_ORDER =
    DB_QUERY("SELECT " PAYMENT_COLS " FROM payments WHERE id IN "
             "(SELECT payment_id FROM payment_orders WHERE order_id = $1) "
             "AND status IN ('creating', 'open', 'processing') ORDER BY id DESC LIMIT 20");

int sql_payments_open_of_order(store *s, int64_t order_id, bz_arena *a, payment_record **out,
                               size_t *n)
{
    return sql_fetch_rows(s, &Q_PAYMENTS_OPEN_OF_ORDER, &order_id, 1, a, read_payment,
                          sizeof(**out), out, n);
}

/* ---- the provider's events ---------------------------------------------------------------- */

static db_query Q_EVENT_CLAIM =
    DB_QUERY("INSERT INTO payment_events (event_id, type, received_at) VALUES ($1, $2, $3)");

int sql_payment_event_claim(store *s, const char *event_id, const char *type, int64_t now)
{
    db_stmt *q =
        SQL_PREPARE(sql_db(s), &Q_EVENT_CLAIM, SQL_TEXT(event_id), SQL_TEXT(type), SQL_I64(now));
    return db_exec_guarded(q, NULL); /* BZ_ECONFLICT: seen before */
}

/* ---- buyers who do not pay ------------------------------------------------------------------ */

static db_query Q_STRIKE_ADD =
    DB_QUERY("INSERT INTO buyer_strikes (order_id, user_id, created_at) VALUES ($1, $2, $3) "
             "ON CONFLICT (order_id) DO NOTHING");

int sql_buyer_strike_add(store *s, int64_t user_id, int64_t order_id, int64_t now)
{
    const int64_t v[] = {order_id, user_id, now};
    return db_exec_guarded(sql_prepare_ints(sql_db(s), &Q_STRIKE_ADD, v, 3), NULL);
}

static db_query Q_STRIKES = DB_QUERY("SELECT count(*), coalesce(max(created_at), 0) "
                                     "FROM buyer_strikes WHERE user_id = $1 AND created_at >= $2");

int sql_buyer_strikes(store *s, int64_t user_id, int64_t since, int64_t *count, int64_t *latest)
{
    const int64_t v[] = {user_id, since};
    int64_t *const cols[] = {count, latest};
    return sql_fetch_ints(sql_prepare_ints(sql_db(s), &Q_STRIKES, v, 2), cols, 2);
}

static db_query Q_BLOCK_BIDDING =
    DB_QUERY("UPDATE users SET bid_blocked_until = $2 WHERE id = $1 AND bid_blocked_until < $2");

int sql_user_block_bidding(store *s, int64_t user_id, int64_t until)
{
    const int64_t v[] = {user_id, until};
    return db_exec(sql_prepare_ints(sql_db(s), &Q_BLOCK_BIDDING, v, 2), NULL);
}
