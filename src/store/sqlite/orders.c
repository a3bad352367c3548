/*
 * store/sqlite/orders.c - orders, taking stock, and a show's event log with
 * its sequence counter (streams.event_seq).
 *
 * The counter is bumped with UPDATE ... RETURNING inside the caller's
 * transaction, so seqs are handed out in commit order and a rolled-back
 * batch gives its numbers back.
 */
#include "base/err.h"
#include "store/sqlite/sqlite_internal.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

/* ---- stream events ----------------------------------------------------------- */

int sq_stream_next_seq(store *st, int64_t stream_id, int64_t count, int64_t *first)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_STREAM_NEXT_SEQ,
                              "UPDATE streams SET event_seq = event_seq + ?2 WHERE id = ?1 "
                              "RETURNING event_seq",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, stream_id);
    sqlite3_bind_int64(q, 2, count);
    int src = sqlite3_step(q);
    if (src == SQLITE_ROW) {
        *first = sqlite3_column_int64(q, 0) - count + 1;
        src = sqlite3_step(q); /* runs the statement to its end */
    }
    rc =
        src == SQLITE_DONE ? (sqlite3_changes(s->db) > 0 ? BZ_OK : BZ_ENOTFOUND) : sq_error(s, src);
    sq_done(q);
    return rc;
}

int sq_stream_event_insert(store *st, const store_stream_event *ev)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_STREAM_EVENT_INSERT,
                              "INSERT INTO stream_events (stream_id, seq, name, payload, "
                              "created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, ev->stream_id);
    sqlite3_bind_int64(q, 2, ev->seq);
    sq_bind_text(q, 3, ev->name);
    sq_bind_text(q, 4, ev->payload);
    sqlite3_bind_int64(q, 5, ev->created_at);
    return sq_run(s, q, NULL);
}

int sq_stream_events(store *st, int64_t stream_id, int64_t after_seq, int limit, bz_arena *a,
                     store_stream_event **out, size_t *n_out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_STREAM_EVENTS,
                              "SELECT seq, name, payload, created_at FROM stream_events "
                              "WHERE stream_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
                              &rc);
    if (!q) {
        return rc;
    }
    limit = store_clamp_limit(limit);
    store_stream_event *rows = bz_arena_calloc(a, (size_t)limit, sizeof(*rows));
    if (!rows) {
        return BZ_EINTERNAL;
    }
    sqlite3_bind_int64(q, 1, stream_id);
    sqlite3_bind_int64(q, 2, after_seq);
    sqlite3_bind_int(q, 3, limit);
    sq_row r = {q, a, true};
    size_t n = 0;
    int src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        rows[n] = (store_stream_event){.stream_id = stream_id,
                                       .seq = sq_i64(&r, 0),
                                       .name = sq_text(&r, 1),
                                       .payload = sq_text(&r, 2),
                                       .created_at = sq_i64(&r, 3)};
        n++;
    }
    rc = src == SQLITE_DONE ? (r.ok ? BZ_OK : BZ_EINTERNAL) : sq_error(s, src);
    sq_done(q);
    *out = rc == BZ_OK ? rows : NULL;
    *n_out = rc == BZ_OK ? n : 0;
    return rc;
}

/* ---- orders -------------------------------------------------------------------- */

#define ORDER_COLS                                                                                 \
    "id, auction_id, buyer_id, seller_id, product_id, amount, currency, status, created_at, "      \
    "updated_at"

static void read_order(sq_row *r, void *dst)
{
    store_order *out = dst;
    *out = (store_order){.id = sq_i64(r, 0),
                         .auction_id = sq_i64(r, 1),
                         .buyer_id = sq_i64(r, 2),
                         .seller_id = sq_i64(r, 3),
                         .product_id = sq_i64(r, 4),
                         .amount = sq_i64(r, 5),
                         .currency = sq_text(r, 6),
                         .status = sq_text(r, 7),
                         .created_at = sq_i64(r, 8),
                         .updated_at = sq_i64(r, 9)};
}

int sq_order_create(store *st, const store_order *o)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_ORDER_CREATE,
                              "INSERT INTO orders (" ORDER_COLS ") "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, 'MYR'), "
                              "coalesce(?8, 'pending_payment'), ?9, ?10)",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, o->id);
    sq_bind_id(q, 2, o->auction_id);
    sqlite3_bind_int64(q, 3, o->buyer_id);
    sqlite3_bind_int64(q, 4, o->seller_id);
    sqlite3_bind_int64(q, 5, o->product_id);
    sqlite3_bind_int64(q, 6, o->amount);
    sq_bind_text(q, 7, o->currency);
    sq_bind_text(q, 8, o->status);
    sqlite3_bind_int64(q, 9, o->created_at);
    sqlite3_bind_int64(q, 10, o->updated_at);
    return sq_run(s, q, NULL);
}

int sq_order_by_auction(store *st, int64_t auction_id, bz_arena *a, store_order *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_ORDER_BY_AUCTION,
                              "SELECT " ORDER_COLS " FROM orders WHERE auction_id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, auction_id);
    rc = sq_fetch_one(s, q, a, read_order, out);
    sq_done(q);
    return rc;
}

int sq_orders_of(store *st, int64_t user_id, bool as_seller, int64_t cursor, int limit, bz_arena *a,
                 store_order **out, store_page *page)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q =
        as_seller ? sq_stmt(s, SQ_ORDERS_OF_SELLER,
                            "SELECT " ORDER_COLS " FROM orders WHERE seller_id = ?1 AND id < ?2 "
                            "ORDER BY id DESC LIMIT ?3",
                            &rc)
                  : sq_stmt(s, SQ_ORDERS_OF_BUYER,
                            "SELECT " ORDER_COLS " FROM orders WHERE buyer_id = ?1 AND id < ?2 "
                            "ORDER BY id DESC LIMIT ?3",
                            &rc);
    if (!q) {
        return rc;
    }
    limit = store_clamp_limit(limit);
    store_order *rows = bz_arena_calloc(a, (size_t)limit + 1, sizeof(*rows));
    if (!rows) {
        return BZ_EINTERNAL;
    }
    sqlite3_bind_int64(q, 1, user_id);
    sqlite3_bind_int64(q, 2, cursor > 0 ? cursor : INT64_MAX);
    sqlite3_bind_int(q, 3, limit + 1);
    sq_row r = {q, a, true};
    size_t n = 0;
    int src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        read_order(&r, &rows[n++]);
    }
    rc = src == SQLITE_DONE ? (r.ok ? BZ_OK : BZ_EINTERNAL) : sq_error(s, src);
    sq_done(q);
    bool more = n > (size_t)limit;
    page->n = rc == BZ_OK ? (more ? (size_t)limit : n) : 0;
    page->next_cursor = rc == BZ_OK && more ? rows[limit - 1].id : 0;
    *out = rc == BZ_OK ? rows : NULL;
    return rc;
}

/* ---- stock (the port's "Stock") ---------------------------------------------------- */

/* No row changed: was there no unit, or no product? A deleted product has no units. */
static int take_failed(sq_store *s, int64_t product_id)
{
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_PRODUCT_EXISTS, "SELECT 1 FROM products WHERE id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, product_id);
    int src = sqlite3_step(q);
    rc = src == SQLITE_ROW ? BZ_EOUTOFSTOCK : src == SQLITE_DONE ? BZ_ENOTFOUND : sq_error(s, src);
    sq_done(q);
    return rc;
}

int sq_product_take_one(store *st, int64_t product_id, int64_t now)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_PRODUCT_TAKE_ONE,
                              "UPDATE products SET quantity = quantity - 1, updated_at = ?2 "
                              "WHERE id = ?1 AND quantity > 0 AND deleted_at IS NULL",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, product_id);
    sqlite3_bind_int64(q, 2, now);
    int changes = 0;
    rc = sq_run(s, q, &changes);
    return rc == BZ_OK && changes == 0 ? take_failed(s, product_id) : rc;
}

/* One statement is enough here: inside store_begin (BEGIN IMMEDIATE) this connection already
 * holds the database's write lock, so `lock` needs nothing more. The count walks
 * auctions_running_idx (status, ends_at): only the running auctions. */
int sq_product_stock(store *st, int64_t product_id, bool lock, int32_t *quantity, int64_t *running)
{
    (void)lock;
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_PRODUCT_STOCK,
                              "SELECT p.quantity, (SELECT count(*) FROM auctions a "
                              "WHERE a.status = 'running' AND a.product_id = p.id) "
                              "FROM products p WHERE p.id = ?1 AND p.deleted_at IS NULL",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, product_id);
    int src = sqlite3_step(q);
    if (src == SQLITE_ROW) {
        *quantity = sqlite3_column_int(q, 0);
        *running = sqlite3_column_int64(q, 1);
    }
    rc = src == SQLITE_ROW ? BZ_OK : src == SQLITE_DONE ? BZ_ENOTFOUND : sq_error(s, src);
    sq_done(q);
    return rc;
}
