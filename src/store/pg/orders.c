/*
 * store/pg/orders.c - orders, taking stock, and a show's event log with its
 * sequence counter (streams.event_seq).
 *
 * The counter is bumped with UPDATE ... RETURNING inside the caller's
 * transaction: the row lock it takes orders concurrent writers of one show,
 * so seqs follow commit order and a rolled-back batch gives its numbers back.
 */
#include "base/err.h"
#include "store/pg/pg_internal.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

/* ---- stream events ----------------------------------------------------------- */

int pg_stream_next_seq(store *st, int64_t stream_id, int64_t count, int64_t *first)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, stream_id);
    pg_p_i64(&p, count);
    PGresult *res = NULL;
    int rc = pg_query(s, PG_STREAM_NEXT_SEQ,
                      "UPDATE streams SET event_seq = event_seq + $2 WHERE id = $1 "
                      "RETURNING event_seq",
                      NULL, &p, &res);
    if (rc == BZ_OK) {
        rc = PQntuples(res) > 0 ? BZ_OK : BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        pg_row r = {res, 0, NULL, true};
        *first = pg_i64(&r, 0) - count + 1;
    }
    PQclear(res);
    return rc;
}

int pg_stream_event_insert(store *st, const store_stream_event *ev)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, ev->stream_id);
    pg_p_i64(&p, ev->seq);
    pg_p_text(&p, ev->name);
    pg_p_text(&p, ev->payload);
    pg_p_i64(&p, ev->created_at);
    return pg_command_deferred(
        s, PG_STREAM_EVENT_INSERT,
        "INSERT INTO stream_events (stream_id, seq, name, payload, created_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        &p);
}

int pg_stream_events(store *st, int64_t stream_id, int64_t after_seq, int limit, bz_arena *a,
                     store_stream_event **out, size_t *n_out)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, stream_id);
    pg_p_i64(&p, after_seq);
    pg_p_i64(&p, store_clamp_limit(limit));
    PGresult *res = NULL;
    int rc = pg_query(s, PG_STREAM_EVENTS,
                      "SELECT seq, name, payload, created_at FROM stream_events "
                      "WHERE stream_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                      NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t n = (size_t)PQntuples(res);
    store_stream_event *rows = bz_arena_calloc(a, n ? n : 1, sizeof(*rows));
    pg_row r = {res, 0, a, true};
    for (size_t i = 0; rows && i < n; i++) {
        r.row = (int)i;
        rows[i] = (store_stream_event){.stream_id = stream_id,
                                       .seq = pg_i64(&r, 0),
                                       .name = pg_text(&r, 1),
                                       .payload = pg_text(&r, 2),
                                       .created_at = pg_i64(&r, 3)};
    }
    PQclear(res);
    rc = rows && r.ok ? BZ_OK : BZ_EINTERNAL;
    *out = rc == BZ_OK ? rows : NULL;
    *n_out = rc == BZ_OK ? n : 0;
    return rc;
}

/* ---- orders -------------------------------------------------------------------- */

#define ORDER_COLS                                                                                 \
    "id, auction_id, buyer_id, seller_id, product_id, amount, currency, status, created_at, "      \
    "updated_at"

static void read_order(pg_row *r, store_order *out)
{
    *out = (store_order){.id = pg_i64(r, 0),
                         .auction_id = pg_i64(r, 1),
                         .buyer_id = pg_i64(r, 2),
                         .seller_id = pg_i64(r, 3),
                         .product_id = pg_i64(r, 4),
                         .amount = pg_i64(r, 5),
                         .currency = pg_text(r, 6),
                         .status = pg_text(r, 7),
                         .created_at = pg_i64(r, 8),
                         .updated_at = pg_i64(r, 9)};
}

int pg_order_create(store *st, const store_order *o)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, o->id);
    pg_p_id(&p, o->auction_id);
    pg_p_i64(&p, o->buyer_id);
    pg_p_i64(&p, o->seller_id);
    pg_p_i64(&p, o->product_id);
    pg_p_i64(&p, o->amount);
    pg_p_text(&p, o->currency);
    pg_p_text(&p, o->status);
    pg_p_i64(&p, o->created_at);
    pg_p_i64(&p, o->updated_at);
    return pg_guarded_command(s, PG_ORDER_CREATE,
                              "INSERT INTO orders (" ORDER_COLS ") VALUES ($1, $2, $3, $4, $5, "
                              "$6, coalesce($7, 'MYR'), coalesce($8, 'pending_payment'), $9, $10)",
                              &p, NULL);
}

int pg_order_by_auction(store *st, int64_t auction_id, bz_arena *a, store_order *out)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, auction_id);
    PGresult *res = NULL;
    int rc = pg_query(s, PG_ORDER_BY_AUCTION,
                      "SELECT " ORDER_COLS " FROM orders WHERE auction_id = $1", NULL, &p, &res);
    if (rc == BZ_OK) {
        rc = PQntuples(res) > 0 ? BZ_OK : BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        pg_row r = {res, 0, a, true};
        read_order(&r, out);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    }
    PQclear(res);
    return rc;
}

int pg_orders_of(store *st, int64_t user_id, bool as_seller, int64_t cursor, int limit, bz_arena *a,
                 store_order **out, store_page *page)
{
    pg_store *s = pg_of(st);
    limit = store_clamp_limit(limit);
    pg_params p = {0};
    pg_p_i64(&p, user_id);
    pg_p_i64(&p, cursor > 0 ? cursor : INT64_MAX);
    pg_p_i64(&p, limit + 1);
    PGresult *res = NULL;
    int rc = as_seller ? pg_query(s, PG_ORDERS_OF_SELLER,
                                  "SELECT " ORDER_COLS " FROM orders WHERE seller_id = $1 "
                                  "AND id < $2 ORDER BY id DESC LIMIT $3",
                                  NULL, &p, &res)
                       : pg_query(s, PG_ORDERS_OF_BUYER,
                                  "SELECT " ORDER_COLS " FROM orders WHERE buyer_id = $1 "
                                  "AND id < $2 ORDER BY id DESC LIMIT $3",
                                  NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t n = (size_t)PQntuples(res);
    bool more = n > (size_t)limit;
    if (more) {
        n = (size_t)limit;
    }
    store_order *rows = bz_arena_calloc(a, n ? n : 1, sizeof(*rows));
    pg_row r = {res, 0, a, true};
    for (size_t i = 0; rows && i < n; i++) {
        r.row = (int)i;
        read_order(&r, &rows[i]);
    }
    PQclear(res);
    rc = rows && r.ok ? BZ_OK : BZ_EINTERNAL;
    page->n = rc == BZ_OK ? n : 0;
    page->next_cursor = rc == BZ_OK && more ? rows[n - 1].id : 0;
    *out = rc == BZ_OK ? rows : NULL;
    return rc;
}

/* ---- stock (the port's "Stock") ---------------------------------------------------- */

/* No row changed: was there no unit, or no product? A deleted product has no units. */
static int take_failed(pg_store *s, int64_t product_id)
{
    pg_params p = {0};
    pg_p_i64(&p, product_id);
    PGresult *res = NULL;
    int rc = pg_query(s, PG_PRODUCT_EXISTS, "SELECT 1 FROM products WHERE id = $1", NULL, &p, &res);
    if (rc == BZ_OK) {
        rc = PQntuples(res) > 0 ? BZ_EOUTOFSTOCK : BZ_ENOTFOUND;
    }
    PQclear(res);
    return rc;
}

int pg_product_take_one(store *st, int64_t product_id, int64_t now)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, product_id);
    pg_p_i64(&p, now);
    int changes = 0;
    /* A writer that waited for the row re-checks `quantity > 0` on the version it gets. */
    int rc = pg_command(s, PG_PRODUCT_TAKE_ONE,
                        "UPDATE products SET quantity = quantity - 1, updated_at = $2 "
                        "WHERE id = $1 AND quantity > 0 AND deleted_at IS NULL",
                        &p, &changes);
    return rc == BZ_OK && changes == 0 ? take_failed(s, product_id) : rc;
}

/* Two statements when locking: the count must come from a snapshot taken after the lock was
 * granted (READ COMMITTED takes one per statement); one statement would read it from the
 * snapshot taken before waiting. FOR NO KEY UPDATE: the lock an UPDATE of the row takes, so
 * it orders starts and sales but lets foreign-key checks (orders, lineups) through. The count
 * walks auctions_running_idx (status, ends_at): only the running auctions. */
int pg_product_stock(store *st, int64_t product_id, bool lock, int32_t *quantity, int64_t *running)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, product_id);
    PGresult *res = NULL;
    int rc = BZ_OK;
    if (lock) {
        rc = pg_query(s, PG_PRODUCT_LOCK,
                      "SELECT 1 FROM products WHERE id = $1 AND deleted_at IS NULL "
                      "FOR NO KEY UPDATE",
                      NULL, &p, &res);
        rc = rc == BZ_OK && PQntuples(res) == 0 ? BZ_ENOTFOUND : rc;
        PQclear(res);
        res = NULL;
    }
    if (rc == BZ_OK) {
        rc = pg_query(s, PG_PRODUCT_STOCK,
                      "SELECT p.quantity, (SELECT count(*) FROM auctions a "
                      "WHERE a.status = 'running' AND a.product_id = p.id) "
                      "FROM products p WHERE p.id = $1 AND p.deleted_at IS NULL",
                      NULL, &p, &res);
    }
    if (rc == BZ_OK && PQntuples(res) == 0) {
        rc = BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        pg_row r = {res, 0, NULL, true};
        *quantity = pg_i32(&r, 0);
        *running = pg_i64(&r, 1);
    }
    PQclear(res);
    return rc;
}
