/*
 * store/sql/orders.c - orders: one per auction at most, read by auction, and a buyer's
 * purchases or a seller's sales page by page (newest first, the id is the cursor).
 */
#include "base/err.h"
#include "store/sql/sql.h"

#define F(kind, field) SQL_COL(kind, order_record, field)
SQL_READER(read_order, order_record, F(I64, id), F(I64, auction_id), F(I64, buyer_id),
           F(I64, seller_id), F(I64, product_id), F(I64, stream_id), F(I64, amount),
           F(TEXT, currency), F(TEXT, status), F(I64, pay_by), F(BOOL, payment_failed),
           F(TEXT, failure_code), F(BOOL, report_open), F(BOOL, transferred), F(I64, delivered_at),
           F(I64, paid), F(I64, refunded), F(I64, shipping), F(I64, tax), F(I64, commission),
           F(I64, share), F(I64, parcel_id), F(I64, payment_id), F(I64, created_at),
           F(I64, updated_at), F(I64, returned_at))
#undef F

void sql_read_order(db_stmt *q, bz_arena *a, void *out)
{
    read_order(q, a, out);
}

/* A new order has nothing paid yet: the facts but its status start at their defaults. */
static db_query Q_ORDER_CREATE =
    DB_QUERY("INSERT INTO orders (id, auction_id, buyer_id, seller_id, product_id, stream_id, "
             "amount, currency, status, pay_by, created_at, updated_at) VALUES ($1, $2, $3, $4, "
             "$5, $6, $7, coalesce($8, 'MYR'), coalesce($9, 'awaiting_payment'), $10, $11, $12)");

int sql_order_create(store *s, const order_record *o)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_ORDER_CREATE, SQL_I64(o->id), SQL_ID(o->auction_id),
                             SQL_I64(o->buyer_id), SQL_I64(o->seller_id), SQL_I64(o->product_id),
                             SQL_ID(o->stream_id), SQL_I64(o->amount), SQL_TEXT(o->currency),
                             SQL_TEXT(o->status), SQL_I64(o->pay_by), SQL_I64(o->created_at),
                             SQL_I64(o->updated_at));
    return db_exec_guarded(q, NULL); /* BZ_ECONFLICT: the auction has its order */
}

static db_query Q_ORDER_GET = DB_QUERY("SELECT " SQL_ORDER_COLS " FROM orders WHERE id = $1");
static db_query Q_ORDER_LOCK =
    DB_QUERY("SELECT " SQL_ORDER_COLS " FROM orders WHERE id = $1 {for_update}");

int sql_order_get(store *s, int64_t id, bool lock, bz_arena *a, order_record *out)
{
    return sql_fetch_by_id(s, &Q_ORDER_GET, &Q_ORDER_LOCK, lock, id, a, read_order, out);
}

static db_query Q_ORDER_SAVE = DB_QUERY(
    "UPDATE orders SET status = $2, payment_failed = $3, failure_code = $4, report_open = $5, "
    "transferred = $6, delivered_at = $7, paid = $8, refunded = $9, shipping = $10, tax = $11, "
    "commission = $12, share = $13, parcel_id = $14, payment_id = $15, updated_at = $16, "
    "returned_at = $17 "
    "WHERE id = $1");

int sql_order_save(store *s, const order_record *o)
{
    const char *failure = o->failure_code && o->failure_code[0] ? o->failure_code : NULL;
    db_stmt *q = SQL_PREPARE(
        sql_db(s), &Q_ORDER_SAVE, SQL_I64(o->id), SQL_TEXT(o->status), SQL_BOOL(o->payment_failed),
        SQL_TEXT(failure), SQL_BOOL(o->report_open), SQL_BOOL(o->transferred),
        SQL_ID(o->delivered_at), SQL_I64(o->paid), SQL_I64(o->refunded), SQL_I64(o->shipping),
        SQL_I64(o->tax), SQL_I64(o->commission), SQL_I64(o->share), SQL_ID(o->parcel_id),
        SQL_ID(o->payment_id), SQL_I64(o->updated_at), SQL_ID(o->returned_at));
    return sql_exec_one(q, false);
}

static db_query Q_ORDERS_DUE =
    DB_QUERY("SELECT " SQL_ORDER_COLS " FROM orders WHERE status = 'awaiting_payment' "
             "AND pay_by <= $1 ORDER BY pay_by, id LIMIT $2");

int sql_orders_due(store *s, int64_t now, int limit, bz_arena *a, order_record **out, size_t *n)
{
    const int64_t v[] = {now, limit < 1 ? 1 : limit > 100 ? 100 : limit};
    return sql_fetch_rows(s, &Q_ORDERS_DUE, v, 2, a, read_order, sizeof(**out), out, n);
}

static db_query Q_ORDERS_OF_GROUP =
    DB_QUERY("SELECT " SQL_ORDER_COLS " FROM orders WHERE buyer_id = $1 AND seller_id = $2 "
             "AND stream_id = $3 ORDER BY id LIMIT 100");
static db_query Q_ORDERS_OF_PARCEL =
    DB_QUERY("SELECT " SQL_ORDER_COLS " FROM orders WHERE parcel_id = $1 ORDER BY id LIMIT 100");

int sql_orders_of_group(store *s, int64_t buyer_id, int64_t seller_id, int64_t stream_id,
                        bz_arena *a, order_record **out, size_t *n)
{
    const int64_t v[] = {buyer_id, seller_id, stream_id};
    return sql_fetch_rows(s, &Q_ORDERS_OF_GROUP, v, 3, a, read_order, sizeof(**out), out, n);
}

int sql_orders_of_parcel(store *s, int64_t parcel_id, bz_arena *a, order_record **out, size_t *n)
{
    return sql_fetch_rows(s, &Q_ORDERS_OF_PARCEL, &parcel_id, 1, a, read_order, sizeof(**out), out,
                          n);
}

static db_query Q_ORDER_BY_AUCTION =
    DB_QUERY("SELECT " SQL_ORDER_COLS " FROM orders WHERE auction_id = $1");

int sql_order_by_auction(store *s, int64_t auction_id, bz_arena *a, order_record *out)
{
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_ORDER_BY_AUCTION, &auction_id, 1);
    return db_fetch_one(q, a, read_order, out);
}

/* ---- sales, as later visitors see them -------------------------------------------------- */

#define SALE_COLS                                                                                  \
    "o.auction_id, o.product_id, a.stream_id, o.amount, o.created_at, o.buyer_id, u.username, "    \
    "u.show_win_name"
#define SALE_FROM                                                                                  \
    " FROM orders o JOIN users u ON u.id = o.buyer_id LEFT JOIN auctions a ON a.id = "             \
    "o.auction_id "                                                                                \
    "WHERE o.status NOT IN ('cancelled', 'refunded') "

#define F(kind, field) SQL_COL(kind, order_sale, field)
SQL_READER(read_sale, order_sale, F(I64, auction_id), F(I64, product_id), F(I64, stream_id),
           F(I64, amount), F(I64, sold_at), F(I64, buyer_id), F(TEXT, buyer_username),
           F(BOOL, buyer_shows_name))
#undef F

static db_query Q_STREAM_SALES = DB_QUERY(
    "SELECT " SALE_COLS SALE_FROM "AND a.stream_id = $1 ORDER BY o.created_at, o.id LIMIT 500");

int sql_stream_sales(store *s, int64_t stream_id, bz_arena *a, order_sale **out, size_t *n)
{
    int rc = BZ_OK;
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_STREAM_SALES, &stream_id, 1);
    *out = db_fetch_all(q, a, read_sale, sizeof(**out), n, &rc);
    return rc;
}

static db_query Q_PRODUCT_LAST_SALE = DB_QUERY(
    "SELECT " SALE_COLS SALE_FROM "AND o.product_id = $1 ORDER BY o.created_at DESC, o.id DESC "
    "LIMIT 1");

int sql_product_last_sale(store *s, int64_t product_id, bz_arena *a, order_sale *out)
{
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_PRODUCT_LAST_SALE, &product_id, 1);
    return db_fetch_one(q, a, read_sale, out);
}

/* One statement per side, so that each uses its own index. */
static db_query Q_ORDERS_OF_BUYER = DB_QUERY("SELECT " SQL_ORDER_COLS " FROM orders "
                                             "WHERE buyer_id = $1 AND id < $2 "
                                             "ORDER BY id DESC LIMIT $3");
static db_query Q_ORDERS_OF_SELLER = DB_QUERY("SELECT " SQL_ORDER_COLS " FROM orders "
                                              "WHERE seller_id = $1 AND id < $2 "
                                              "ORDER BY id DESC LIMIT $3");

int sql_orders_of(store *s, int64_t user_id, bool as_seller, int64_t cursor, int limit, bz_arena *a,
                  order_record **out, store_page *page)
{
    void *rows = NULL;
    int rc = sql_fetch_newest(sql_db(s), as_seller ? &Q_ORDERS_OF_SELLER : &Q_ORDERS_OF_BUYER,
                              user_id, cursor, limit, a, read_order, sizeof(**out),
                              offsetof(order_record, id), &rows, page);
    *out = rows;
    return rc;
}

/* ---- timelines ------------------------------------------------------------------------------ */

static db_query Q_EVENT_ADD = DB_QUERY("INSERT INTO order_events (id, order_id, kind, amount, "
                                       "detail, created_at) VALUES ($1, $2, $3, $4, $5, $6)");

int sql_order_event_add(store *s, const order_event_rec *e)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_EVENT_ADD, SQL_I64(e->id), SQL_I64(e->order_id),
                             SQL_TEXT(e->kind), SQL_I64(e->amount),
                             SQL_TEXT(e->detail ? e->detail : ""), SQL_I64(e->created_at));
    return db_exec_guarded(q, NULL);
}

#define F(kind, field) SQL_COL(kind, order_event_rec, field)
SQL_READER(read_event, order_event_rec, F(I64, id), F(I64, order_id), F(TEXT, kind), F(I64, amount),
           F(TEXT, detail), F(I64, created_at))
#undef F

static db_query Q_EVENTS_OF =
    DB_QUERY("SELECT id, order_id, kind, amount, detail, created_at FROM order_events "
             "WHERE order_id = $1 ORDER BY id LIMIT 200");

int sql_order_events_of(store *s, int64_t order_id, bz_arena *a, order_event_rec **out, size_t *n)
{
    return sql_fetch_rows(s, &Q_EVENTS_OF, &order_id, 1, a, read_event, sizeof(**out), out, n);
}
