/*
 * store/pg/pg_internal.h - what the PostgreSQL adapter's files share: the
 * connection, prepared statements, parameters and row helpers.
 *
 * Every statement is a constant SQL string beside the code that binds it,
 * prepared (PQprepare) the first time a connection runs it and executed with
 * text parameters (PQexecPrepared). Values never become part of SQL text.
 *
 * Connection loss: the failing call returns BZ_EUNAVAILABLE; the next call
 * reconnects once (PQreset) and prepares statements afresh. A transaction
 * that was open when the connection died is gone: every call until
 * store_rollback returns BZ_EUNAVAILABLE, so no write of it can leak into
 * autocommit mode on the new connection.
 */
#ifndef STORE_PG_INTERNAL_H
#define STORE_PG_INTERNAL_H

#include "app/ports/store.h"

#include <libpq-fe.h>
#include <stdbool.h>

enum pg_stmt_id {
    /* users.c */
    PG_USER_CREATE,
    PG_USER_GET,
    PG_USER_BY_EMAIL,
    PG_USER_BY_USERNAME,
    PG_USER_UPDATE,
    PG_USER_SET_AVATAR,
    PG_REFRESH_CREATE,
    PG_REFRESH_BY_HASH,
    PG_REFRESH_MARK_USED,
    PG_REFRESH_EXISTS,
    PG_REFRESH_REVOKE_FAMILY,
    PG_USER_SET_PASSWORD,
    /* sessions.c */
    PG_SESSION_LIST,
    PG_SESSION_REVOKE_TOKENS,
    PG_SESSIONS_LIST_USER,
    PG_SESSIONS_REVOKE_USER_TOKENS,
    PG_REVOCATIONS_AFTER,
    PG_REVOCATIONS_PRUNE,
    PG_IDEM_GET,
    PG_IDEM_PUT,
    /* sellers.c */
    PG_SELLER_INSERT,
    PG_SELLER_MARK_USER,
    PG_SELLER_GET,
    PG_SELLER_UPDATE,
    PG_FOLLOW,
    PG_UNFOLLOW,
    PG_IS_FOLLOWING,
    PG_FOLLOWING,
    /* catalog.c, images.c */
    PG_CATEGORY_CREATE,
    PG_CATEGORIES,
    PG_CATEGORY_GET,
    PG_PRODUCT_CREATE,
    PG_PRODUCT_GET,
    PG_PRODUCT_UPDATE,
    PG_PRODUCT_SOFT_DELETE,
    PG_PRODUCT_IMAGES_DELETE,
    PG_IMAGES_OF,
    PG_IMAGE_CREATE,
    PG_IMAGE_GET,
    PG_IMAGE_DELETE,
    PG_IMAGE_COUNT,
    PG_SEARCH_FIRST, /* 8 variants, one per combination of the indexed filters */
    PG_SEARCH_LAST = PG_SEARCH_FIRST + 7,
    /* streams.c */
    PG_STREAM_CREATE,
    PG_STREAM_LINEUP_INSERT,
    PG_STREAM_GET,
    PG_STREAM_PRODUCT_IDS,
    PG_STREAM_SET_STATUS,
    PG_STREAM_SET_COVER,
    PG_STREAM_EXISTS,
    PG_STREAM_LINEUP,
    PG_STREAM_LIST_FIRST, /* 4 variants: scheduled | live, with or without a seller filter */
    PG_STREAM_LIST_LAST = PG_STREAM_LIST_FIRST + 3,
    /* auctions.c, orders.c */
    PG_STREAM_NEXT_SEQ,
    PG_STREAM_EVENT_INSERT,
    PG_STREAM_EVENTS,
    PG_AUCTION_CREATE,
    PG_AUCTION_GET,
    PG_AUCTION_GET_LOCKED,
    PG_AUCTION_RUNNING_OF_STREAM,
    PG_AUCTIONS_RUNNING,
    PG_AUCTION_UPDATE,
    PG_AUCTION_CLOSE,
    PG_AUCTION_EXISTS,
    PG_BID_INSERT,
    PG_BID_GET,
    PG_BIDS_OF,
    PG_BID_KEY_GET,
    PG_BID_KEY_PUT,
    PG_ORDER_CREATE,
    PG_ORDER_BY_AUCTION,
    PG_ORDERS_OF_BUYER,
    PG_ORDERS_OF_SELLER,
    PG_PRODUCT_TAKE_ONE,
    PG_PRODUCT_EXISTS,
    PG_PRODUCT_LOCK,
    PG_PRODUCT_STOCK,
    /* chat.c, wellbeing.c: a block of their own, numbered in pg_chat.h */
    PG_CHAT_FIRST,
    PG_CHAT_LAST = PG_CHAT_FIRST + 39,
    PG_NSTMT
};

typedef struct pg_store {
    store base;
    PGconn *conn;
    bool in_tx;      /* inside store_begin .. commit/rollback */
    bool tx_lost;    /* the connection died inside that transaction */
    bool need_reset; /* the server ended the session (shutdown, terminated): reconnect */
    int savepoints;  /* open pg_atomic_begin savepoints (0 or 1) */
    int deferred;    /* writes sent in pipeline mode whose answers are not read yet */
    bool prepared[PG_NSTMT];
} pg_store;

static inline pg_store *pg_of(store *s)
{
    return (pg_store *)s;
}

/* Type OIDs from PostgreSQL's catalog/pg_type.h, for statements whose parameters the server
 * cannot infer. */
#define PG_OID_BOOL 16
#define PG_OID_INT8 20
#define PG_OID_INT4 23
#define PG_OID_TEXT 25

#define PG_MAX_PARAMS 16

/* Text parameters of one call. Borrowed strings must outlive the call; numbers are printed
 * into the struct itself. */
typedef struct pg_params {
    int n;
    const char *values[PG_MAX_PARAMS];
    char text[PG_MAX_PARAMS][68];
} pg_params;

void pg_p_i64(pg_params *p, int64_t v);
void pg_p_id(pg_params *p, int64_t v); /* 0 -> NULL */
void pg_p_bool(pg_params *p, bool v);
void pg_p_text(pg_params *p, const char *s);                  /* borrowed; NULL -> NULL */
void pg_p_hex32(pg_params *p, const unsigned char bytes[32]); /* for decode($n, 'hex') */

/* Run statement `id` (prepared from `sql` with `types`, which may be NULL, on first use).
 * On BZ_OK *res holds the result (tuples or command) and the caller PQclears it. */
int pg_query(pg_store *s, enum pg_stmt_id id, const char *sql, const unsigned *types,
             const pg_params *p, PGresult **res);

/* Run a statement that returns no rows; *changes (may be NULL) receives its row count. */
int pg_command(pg_store *s, enum pg_stmt_id id, const char *sql, const pg_params *p, int *changes);

/* A write whose failure can only fail the whole transaction (an insert with a generated key).
 * Inside store_begin .. commit (and outside savepoints) it is sent in libpq's pipeline mode
 * without waiting for its answer, so a bid batch's inserts cost one round trip together
 * instead of one each; the answers are read by pg_sync before the next statement of any
 * kind, and an error surfaces there (at the latest at commit, which then rolls back).
 * Elsewhere it is pg_command. */
int pg_command_deferred(pg_store *s, enum pg_stmt_id id, const char *sql, const pg_params *p);

/* Read the answers of deferred writes and leave pipeline mode: BZ_OK or the first error. */
int pg_sync(pg_store *s);

/* A write that may fail with an expected error (unique or foreign key violation). Inside an
 * explicit transaction it runs under a savepoint, so that the failure does not abort the
 * caller's transaction, as it would in PostgreSQL otherwise. */
int pg_guarded_command(pg_store *s, enum pg_stmt_id id, const char *sql, const pg_params *p,
                       int *changes);

/* Several statements as one unit: a transaction of its own, or a savepoint inside the
 * caller's. pg_atomic_end commits (rc == BZ_OK) or rolls back and returns rc or the commit's
 * error. */
int pg_atomic_begin(pg_store *s);
int pg_atomic_end(pg_store *s, int rc);

/* Map a failed result (NULL allowed) to a BZ_E* code, noting a lost session. */
int pg_result_error(pg_store *s, const PGresult *res);

/* Run SQL without parameters through the simple protocol (BEGIN, migrations). */
int pg_exec_simple(pg_store *s, const char *sql);

/* Make sure the connection is up, reconnecting once if it dropped. */
int pg_ensure_connected(pg_store *s);

/* Reading a row into arena memory; `ok` turns false if the arena runs out. */
typedef struct pg_row {
    PGresult *res;
    int row;
    bz_arena *a;
    bool ok;
} pg_row;

const char *pg_text(pg_row *r, int col); /* NULL -> "" */
int64_t pg_i64(pg_row *r, int col);      /* NULL -> 0 */
int32_t pg_i32(pg_row *r, int col);
bool pg_bool(pg_row *r, int col);
void pg_hex32(pg_row *r, int col, unsigned char out[32]); /* from encode(x, 'hex') */

/* images.c: fill images / n_images of `n` products, ordered by position. */
int pg_load_product_images(pg_store *s, bz_arena *a, store_product *products, size_t n);

/* catalog.c: the columns of a product row (table alias p) and their reader. */
#define PG_PRODUCT_COLS                                                                            \
    "p.id, p.seller_id, coalesce(p.category_id, 0), p.title, p.description, p.condition, "         \
    "p.quantity, p.buy_now_price, p.shipping_weight_g, p.length_mm, p.width_mm, p.height_mm, "     \
    "p.created_at, p.updated_at"
void pg_read_product(pg_row *r, store_product *out);

/* The entity files' halves of the ops table. */
int pg_user_create(store *s, const store_user *u);
int pg_user_get(store *s, int64_t id, bz_arena *a, store_user *out);
int pg_user_by_email(store *s, const char *email, bz_arena *a, store_user *out);
int pg_user_by_username(store *s, const char *username, bz_arena *a, store_user *out);
int pg_user_update(store *s, int64_t id, const char *display_name, const char *bio, int64_t now);
int pg_user_set_avatar(store *s, int64_t id, int64_t image_id, int64_t now);
int pg_refresh_create(store *s, const store_refresh *r);
int pg_refresh_by_hash(store *s, const unsigned char hash[32], store_refresh *out);
int pg_refresh_mark_used(store *s, int64_t id, int64_t now);
int pg_refresh_revoke_family(store *s, int64_t family_id, int64_t now);
int pg_user_set_password(store *s, int64_t id, const char *phc, int64_t now);
int pg_session_revoke(store *s, int64_t family_id, int64_t user_id, int64_t now, int64_t expires_at,
                      bool *added);
int pg_sessions_revoke_user(store *s, int64_t user_id, int64_t keep_family, int64_t now,
                            int64_t expires_at, bz_arena *a, int64_t **out, size_t *n);
int pg_revocations_after(store *s, int64_t after_at, int64_t after_family, int64_t now, int limit,
                         bz_arena *a, store_revocation **out, size_t *n);
int pg_revocations_prune(store *s, int64_t before, int *deleted);
int pg_idem_get(store *s, int64_t user_id, const char *key, bz_arena *a, store_idem *out);
int pg_idem_put(store *s, const store_idem *rec);

int pg_seller_create(store *s, const store_seller *sl);
int pg_seller_get(store *s, int64_t id, bz_arena *a, store_seller *out);
int pg_seller_update(store *s, const store_seller *sl);
int pg_follow(store *s, int64_t user_id, int64_t seller_id, int64_t now);
int pg_unfollow(store *s, int64_t user_id, int64_t seller_id);
int pg_is_following(store *s, int64_t user_id, int64_t seller_id, bool *out);
int pg_following(store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                 store_seller **out, store_page *page);

int pg_category_create(store *s, const store_category *c);
int pg_categories(store *s, bz_arena *a, store_category **out, size_t *n);
int pg_category_get(store *s, int64_t id, bz_arena *a, store_category *out);
int pg_product_create(store *s, const store_product *p);
int pg_product_get(store *s, int64_t id, bz_arena *a, store_product *out);
int pg_product_update(store *s, const store_product *p);
int pg_product_delete(store *s, int64_t id);
int pg_product_search(store *s, const store_product_query *q, bz_arena *a, store_product **out,
                      store_page *page);
int pg_image_create(store *s, const store_image *img);
int pg_image_get(store *s, int64_t id, bz_arena *a, store_image *out);
int pg_image_delete(store *s, int64_t id);
int pg_image_count(store *s, const char *kind, int64_t owner_id, int *out);

int pg_stream_create(store *s, const store_stream *st);
int pg_stream_get(store *s, int64_t id, bz_arena *a, store_stream *out);
int pg_stream_list(store *s, const store_stream_query *q, bz_arena *a, store_stream **out,
                   store_stream_page *page);
int pg_stream_set_status(store *s, int64_t id, const char *from, const char *to, int64_t now);
int pg_stream_set_cover(store *s, int64_t id, int64_t image_id, int64_t now);
int pg_stream_lineup(store *s, int64_t id, bz_arena *a, store_product **out, size_t *n);

int pg_stream_next_seq(store *s, int64_t stream_id, int64_t count, int64_t *first);
int pg_stream_event_insert(store *s, const store_stream_event *ev);
int pg_stream_events(store *s, int64_t stream_id, int64_t after_seq, int limit, bz_arena *a,
                     store_stream_event **out, size_t *n);
int pg_auction_create(store *s, const store_auction *au);
int pg_auction_get(store *s, int64_t id, bool lock, bz_arena *a, store_auction *out);
int pg_auction_running_of_stream(store *s, int64_t stream_id, bz_arena *a, store_auction *out);
int pg_auctions_running(store *s, bz_arena *a, store_auction_due **out, size_t *n);
int pg_auction_update(store *s, const store_auction *au, int64_t expected_version);
int pg_auction_close(store *s, const store_auction *au, int64_t expected_version, int64_t now);
int pg_bid_insert(store *s, const store_bid *b);
int pg_bid_get(store *s, int64_t id, store_bid *out);
int pg_bids_of(store *s, int64_t auction_id, int64_t after_seq, int limit, bz_arena *a,
               store_bid **out, size_t *n);
int pg_bid_key_get(store *s, int64_t auction_id, int64_t bidder_id, const char *key, bz_arena *a,
                   store_bid_key *out);
int pg_bid_key_put(store *s, const store_bid_key *k);
int pg_order_create(store *s, const store_order *o);
int pg_order_by_auction(store *s, int64_t auction_id, bz_arena *a, store_order *out);
int pg_orders_of(store *s, int64_t user_id, bool as_seller, int64_t cursor, int limit, bz_arena *a,
                 store_order **out, store_page *page);
int pg_product_take_one(store *s, int64_t product_id, int64_t now);
int pg_product_stock(store *s, int64_t product_id, bool lock, int32_t *quantity, int64_t *running);

#endif
