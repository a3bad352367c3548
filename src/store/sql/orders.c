/*
 * store/sql/orders.c - orders: one per auction at most, read by auction, and a buyer's
 * purchases or a seller's sales page by page (newest first, the id is the cursor).
 */
#include "base/err.h"
#include "store/sql/sql.h"

#define ORDER_COLS                                                                                 \
    "id, auction_id, buyer_id, seller_id, product_id, amount, currency, status, created_at, "      \
    "updated_at"

#define F(kind, field) SQL_COL(kind, order_record, field)
SQL_READER(read_order, order_record, F(I64, id), F(I64, auction_id), F(I64, buyer_id),
           F(I64, seller_id), F(I64, product_id), F(I64, amount), F(TEXT, currency),
           F(TEXT, status), F(I64, created_at), F(I64, updated_at))
#undef F

static db_query Q_ORDER_CREATE =
    DB_QUERY("INSERT INTO orders (" ORDER_COLS ") VALUES ($1, $2, $3, $4, $5, $6, "
             "coalesce($7, 'MYR'), coalesce($8, 'pending_payment'), $9, $10)");

int sql_order_create(store *s, const order_record *o)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_ORDER_CREATE, SQL_I64(o->id), SQL_ID(o->auction_id),
                             SQL_I64(o->buyer_id), SQL_I64(o->seller_id), SQL_I64(o->product_id),
                             SQL_I64(o->amount), SQL_TEXT(o->currency), SQL_TEXT(o->status),
                             SQL_I64(o->created_at), SQL_I64(o->updated_at));
    return db_exec_guarded(q, NULL); /* BZ_ECONFLICT: the auction has its order */
}

static db_query Q_ORDER_BY_AUCTION =
    DB_QUERY("SELECT " ORDER_COLS " FROM orders WHERE auction_id = $1");

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
static db_query Q_ORDERS_OF_BUYER = DB_QUERY("SELECT " ORDER_COLS " FROM orders "
                                             "WHERE buyer_id = $1 AND id < $2 "
                                             "ORDER BY id DESC LIMIT $3");
static db_query Q_ORDERS_OF_SELLER = DB_QUERY("SELECT " ORDER_COLS " FROM orders "
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
