/*
 * store/sqlite/sqlite_internal.h - what the SQLite adapter's files share:
 * the connection, its cache of prepared statements, and row helpers.
 *
 * Every statement is prepared once per connection, on first use, from a
 * constant SQL string that sits beside the code binding its parameters.
 * After each use it is reset and its bindings cleared (sq_done), so that no
 * statement keeps a read transaction open between calls.
 */
#ifndef STORE_SQLITE_INTERNAL_H
#define STORE_SQLITE_INTERNAL_H

#include "app/ports/store.h"

#include <sqlite3.h>
#include <stdbool.h>

enum sq_stmt_id {
    /* transactions */
    SQ_BEGIN,
    SQ_COMMIT,
    SQ_ROLLBACK,
    SQ_SAVEPOINT,
    SQ_RELEASE,
    SQ_ROLLBACK_TO,
    /* users.c */
    SQ_USER_CREATE,
    SQ_USER_GET,
    SQ_USER_BY_EMAIL,
    SQ_USER_BY_USERNAME,
    SQ_USER_UPDATE,
    SQ_USER_SET_AVATAR,
    SQ_REFRESH_CREATE,
    SQ_REFRESH_BY_HASH,
    SQ_REFRESH_MARK_USED,
    SQ_REFRESH_EXISTS,
    SQ_REFRESH_REVOKE_FAMILY,
    SQ_USER_SET_PASSWORD,
    /* sessions.c */
    SQ_SESSION_LIST,
    SQ_SESSION_REVOKE_TOKENS,
    SQ_SESSIONS_LIST_USER,
    SQ_SESSIONS_REVOKE_USER_TOKENS,
    SQ_REVOCATIONS_AFTER,
    SQ_REVOCATIONS_PRUNE,
    SQ_IDEM_GET,
    SQ_IDEM_PUT,
    /* sellers.c */
    SQ_SELLER_INSERT,
    SQ_SELLER_MARK_USER,
    SQ_SELLER_GET,
    SQ_SELLER_UPDATE,
    SQ_FOLLOW,
    SQ_UNFOLLOW,
    SQ_IS_FOLLOWING,
    SQ_FOLLOWING,
    /* catalog.c, images.c */
    SQ_CATEGORY_CREATE,
    SQ_CATEGORIES,
    SQ_CATEGORY_GET,
    SQ_PRODUCT_CREATE,
    SQ_PRODUCT_GET,
    SQ_PRODUCT_UPDATE,
    SQ_PRODUCT_SOFT_DELETE,
    SQ_PRODUCT_IMAGES_DELETE,
    SQ_IMAGES_OF,
    SQ_IMAGE_CREATE,
    SQ_IMAGE_GET,
    SQ_IMAGE_DELETE,
    SQ_IMAGE_COUNT,
    SQ_SEARCH_FIRST, /* 8 variants, one per combination of the indexed filters */
    SQ_SEARCH_LAST = SQ_SEARCH_FIRST + 7,
    /* streams.c */
    SQ_STREAM_CREATE,
    SQ_STREAM_LINEUP_INSERT,
    SQ_STREAM_GET,
    SQ_STREAM_PRODUCT_IDS,
    SQ_STREAM_SET_STATUS,
    SQ_STREAM_SET_COVER,
    SQ_STREAM_EXISTS,
    SQ_STREAM_LINEUP,
    SQ_STREAM_LIST_FIRST, /* 4 variants: scheduled | live, with or without a seller filter */
    SQ_STREAM_LIST_LAST = SQ_STREAM_LIST_FIRST + 3,
    /* auctions.c */
    SQ_STREAM_NEXT_SEQ,
    SQ_STREAM_EVENT_INSERT,
    SQ_STREAM_EVENTS,
    SQ_AUCTION_CREATE,
    SQ_AUCTION_GET,
    SQ_AUCTION_RUNNING_OF_STREAM,
    SQ_AUCTIONS_RUNNING,
    SQ_AUCTION_UPDATE,
    SQ_AUCTION_CLOSE,
    SQ_AUCTION_EXISTS,
    SQ_BID_INSERT,
    SQ_BID_GET,
    SQ_BIDS_OF,
    SQ_BID_KEY_GET,
    SQ_BID_KEY_PUT,
    SQ_ORDER_CREATE,
    SQ_ORDER_BY_AUCTION,
    SQ_ORDERS_OF_BUYER,
    SQ_ORDERS_OF_SELLER,
    SQ_PRODUCT_TAKE_ONE,
    SQ_PRODUCT_EXISTS,
    SQ_PRODUCT_STOCK,
    /* chat.c, wellbeing.c: a block of their own, numbered in sqlite_chat.h */
    SQ_CHAT_FIRST,
    SQ_CHAT_LAST = SQ_CHAT_FIRST + 39,
    SQ_NSTMT
};

typedef struct sq_store {
    store base;
    sqlite3 *db;
    bool in_tx; /* inside store_begin .. commit/rollback */
    sqlite3_stmt *stmts[SQ_NSTMT];
} sq_store;

static inline sq_store *sq_of(store *s)
{
    return (sq_store *)s;
}

/* The cached statement `id`, prepared from `sql` on first use. NULL on failure, with the
 * error code in *rc. */
sqlite3_stmt *sq_stmt(sq_store *s, enum sq_stmt_id id, const char *sql, int *rc);

/* Reset a statement after use (NULL allowed). */
void sq_done(sqlite3_stmt *st);

/* Map an SQLite result code (of the last call on s->db) to a BZ_E* code. */
int sq_error(sq_store *s, int sqlite_rc);

/* Step a write statement to completion and reset it. BZ_OK or a mapped error; *changes (may
 * be NULL) receives the number of rows it changed. */
int sq_run(sq_store *s, sqlite3_stmt *st, int *changes);

/* Several statements as one unit: a transaction of its own, or a savepoint inside the
 * caller's. sq_atomic_end commits (rc == BZ_OK) or rolls back, and returns rc or the commit's
 * error. */
int sq_atomic_begin(sq_store *s);
int sq_atomic_end(sq_store *s, int rc);

/* Bind helpers: NULL text binds SQL NULL; sq_bind_id binds NULL for 0 ("none"). */
void sq_bind_text(sqlite3_stmt *st, int i, const char *text);
void sq_bind_id(sqlite3_stmt *st, int i, int64_t id);

/* Reading a row into arena memory; `ok` turns false if the arena runs out. */
typedef struct sq_row {
    sqlite3_stmt *st;
    bz_arena *a;
    bool ok;
} sq_row;

const char *sq_text(sq_row *r, int col); /* NULL column -> "" */

/* Reads the current row into `out` (a row struct of the reader's type). Readers take void * so
 * that the two loops below serve every table. */
typedef void (*sq_reader)(sq_row *r, void *out);

/* Step `q` for one row and read it: BZ_OK, BZ_ENOTFOUND (no row), BZ_EINTERNAL (the arena ran
 * out), or the statement's error. The caller still sq_done()s `q`. */
int sq_fetch_one(sq_store *s, sqlite3_stmt *q, bz_arena *a, sq_reader read, void *out);

/* Step `q` to the end, reading each row into a growing arena array of `elem`-byte items:
 * returns the array (NULL when empty or on failure), *n its length, *rc the outcome as above
 * but never BZ_ENOTFOUND. The caller still sq_done()s `q`. */
void *sq_fetch_all(sq_store *s, sqlite3_stmt *q, bz_arena *a, sq_reader read, size_t elem,
                   size_t *n, int *rc);
int64_t sq_i64(sq_row *r, int col); /* NULL column -> 0 */
int32_t sq_i32(sq_row *r, int col);

/* catalog.c: the columns of a product row (table alias p) and their reader. */
#define SQ_PRODUCT_COLS                                                                            \
    "p.id, p.seller_id, coalesce(p.category_id, 0), p.title, p.description, p.condition, "         \
    "p.quantity, p.buy_now_price, p.shipping_weight_g, p.length_mm, p.width_mm, p.height_mm, "     \
    "p.created_at, p.updated_at"
void sq_read_product(sq_row *r, void *out); /* out: store_product *; an sq_reader */

/* The entity files' halves of the ops table. */
int sq_user_create(store *s, const store_user *u);
int sq_user_get(store *s, int64_t id, bz_arena *a, store_user *out);
int sq_user_by_email(store *s, const char *email, bz_arena *a, store_user *out);
int sq_user_by_username(store *s, const char *username, bz_arena *a, store_user *out);
int sq_user_update(store *s, int64_t id, const char *display_name, const char *bio, int64_t now);
int sq_user_set_avatar(store *s, int64_t id, int64_t image_id, int64_t now);
int sq_refresh_create(store *s, const store_refresh *r);
int sq_refresh_by_hash(store *s, const unsigned char hash[32], store_refresh *out);
int sq_refresh_mark_used(store *s, int64_t id, int64_t now);
int sq_refresh_revoke_family(store *s, int64_t family_id, int64_t now);
int sq_user_set_password(store *s, int64_t id, const char *phc, int64_t now);
int sq_session_revoke(store *s, int64_t family_id, int64_t user_id, int64_t now, int64_t expires_at,
                      bool *added);
int sq_sessions_revoke_user(store *s, int64_t user_id, int64_t keep_family, int64_t now,
                            int64_t expires_at, bz_arena *a, int64_t **out, size_t *n);
int sq_revocations_after(store *s, int64_t after_at, int64_t after_family, int64_t now, int limit,
                         bz_arena *a, store_revocation **out, size_t *n);
int sq_revocations_prune(store *s, int64_t before, int *deleted);
int sq_idem_get(store *s, int64_t user_id, const char *key, bz_arena *a, store_idem *out);
int sq_idem_put(store *s, const store_idem *rec);

int sq_seller_create(store *s, const store_seller *sl);
int sq_seller_get(store *s, int64_t id, bz_arena *a, store_seller *out);
int sq_seller_update(store *s, const store_seller *sl);
int sq_follow(store *s, int64_t user_id, int64_t seller_id, int64_t now);
int sq_unfollow(store *s, int64_t user_id, int64_t seller_id);
int sq_is_following(store *s, int64_t user_id, int64_t seller_id, bool *out);
int sq_following(store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                 store_seller **out, store_page *page);

int sq_category_create(store *s, const store_category *c);
int sq_categories(store *s, bz_arena *a, store_category **out, size_t *n);
int sq_category_get(store *s, int64_t id, bz_arena *a, store_category *out);
int sq_product_create(store *s, const store_product *p);
int sq_product_get(store *s, int64_t id, bz_arena *a, store_product *out);
int sq_product_update(store *s, const store_product *p);
int sq_product_delete(store *s, int64_t id);
int sq_product_search(store *s, const store_product_query *q, bz_arena *a, store_product **out,
                      store_page *page);
int sq_image_create(store *s, const store_image *img);
int sq_image_get(store *s, int64_t id, bz_arena *a, store_image *out);
int sq_image_delete(store *s, int64_t id);
int sq_image_count(store *s, const char *kind, int64_t owner_id, int *out);

/* images.c: fill p->images / p->n_images with the product's images, ordered by position. */
int sq_load_product_images(sq_store *s, bz_arena *a, store_product *p);

int sq_stream_create(store *s, const store_stream *st);
int sq_stream_get(store *s, int64_t id, bz_arena *a, store_stream *out);
int sq_stream_list(store *s, const store_stream_query *q, bz_arena *a, store_stream **out,
                   store_stream_page *page);
int sq_stream_set_status(store *s, int64_t id, const char *from, const char *to, int64_t now);
int sq_stream_set_cover(store *s, int64_t id, int64_t image_id, int64_t now);
int sq_stream_lineup(store *s, int64_t id, bz_arena *a, store_product **out, size_t *n);

int sq_stream_next_seq(store *s, int64_t stream_id, int64_t count, int64_t *first);
int sq_stream_event_insert(store *s, const store_stream_event *ev);
int sq_stream_events(store *s, int64_t stream_id, int64_t after_seq, int limit, bz_arena *a,
                     store_stream_event **out, size_t *n);
int sq_auction_create(store *s, const store_auction *au);
int sq_auction_get(store *s, int64_t id, bool lock, bz_arena *a, store_auction *out);
int sq_auction_running_of_stream(store *s, int64_t stream_id, bz_arena *a, store_auction *out);
int sq_auctions_running(store *s, bz_arena *a, store_auction_due **out, size_t *n);
int sq_auction_update(store *s, const store_auction *au, int64_t expected_version);
int sq_auction_close(store *s, const store_auction *au, int64_t expected_version, int64_t now);
int sq_bid_insert(store *s, const store_bid *b);
int sq_bid_get(store *s, int64_t id, store_bid *out);
int sq_bids_of(store *s, int64_t auction_id, int64_t after_seq, int limit, bz_arena *a,
               store_bid **out, size_t *n);
int sq_bid_key_get(store *s, int64_t auction_id, int64_t bidder_id, const char *key, bz_arena *a,
                   store_bid_key *out);
int sq_bid_key_put(store *s, const store_bid_key *k);
int sq_order_create(store *s, const store_order *o);
int sq_order_by_auction(store *s, int64_t auction_id, bz_arena *a, store_order *out);
int sq_orders_of(store *s, int64_t user_id, bool as_seller, int64_t cursor, int limit, bz_arena *a,
                 store_order **out, store_page *page);
int sq_product_take_one(store *s, int64_t product_id, int64_t now);
int sq_product_stock(store *s, int64_t product_id, bool lock, int32_t *quantity, int64_t *running);

#endif
