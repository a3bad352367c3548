/*
 * app/ports/store.h - the storage port: everything Blytz persists.
 *
 * Adapters: store/sqlite (default, embedded, WAL) and store/pg (libpq). Both
 * pass tests/contract, the one suite that defines this port's behaviour.
 *
 * Rules every adapter keeps:
 * - A `store` is one connection. It is not thread-safe: each worker thread
 *   opens its own. Calls are synchronous.
 * - Ids are int64 chosen by the caller (base/rand.h bz_id_new), except where
 *   a function says otherwise. Money is int64 sen. Times are int64 UTC ms.
 * - Strings passed in are borrowed for the call. Strings and arrays returned
 *   are allocated from the caller's arena `a` and live as long as it does.
 * - Errors: BZ_ENOTFOUND for a missing row, the specific conflict codes named
 *   below for unique violations, BZ_EUNAVAILABLE when the database cannot be
 *   reached, BZ_EINTERNAL otherwise. Nothing else.
 * - Outside an explicit store_begin/commit every call is its own transaction.
 * The rows themselves are in app/ports/store_rows.h.
 */
#ifndef APP_PORTS_STORE_H
#define APP_PORTS_STORE_H

#include "app/ports/store_rows.h"
#include "base/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct store store;

/* ---- the adapter interface --------------------------------------------- */

/* Adapters fill one of these; callers use the store_* wrappers below. */
struct store_ops {
    const char *name; /* "sqlite" | "postgres" */
    void (*close)(store *s);
    int (*ping)(store *s);
    int (*migrate)(store *s, int *applied_out);
    int (*begin)(store *s);
    int (*commit)(store *s);
    int (*rollback)(store *s);

    int (*user_create)(store *s, const store_user *u);
    int (*user_get)(store *s, int64_t id, bz_arena *a, store_user *out);
    int (*user_by_email)(store *s, const char *email, bz_arena *a, store_user *out);
    int (*user_by_username)(store *s, const char *username, bz_arena *a, store_user *out);
    int (*user_update)(store *s, int64_t id, const char *display_name, const char *bio,
                       int64_t now);
    int (*user_set_avatar)(store *s, int64_t id, int64_t image_id, int64_t now);

    int (*refresh_create)(store *s, const store_refresh *r);
    int (*refresh_by_hash)(store *s, const unsigned char hash[32], store_refresh *out);
    int (*refresh_mark_used)(store *s, int64_t id, int64_t now);
    int (*refresh_revoke_family)(store *s, int64_t family_id, int64_t now);
    int (*user_set_password)(store *s, int64_t id, const char *phc, int64_t now);
    int (*session_revoke)(store *s, int64_t family_id, int64_t user_id, int64_t now,
                          int64_t expires_at, bool *added);
    int (*sessions_revoke_user)(store *s, int64_t user_id, int64_t keep_family, int64_t now,
                                int64_t expires_at, bz_arena *a, int64_t **out, size_t *n);
    int (*revocations_after)(store *s, int64_t after_at, int64_t after_family, int64_t now,
                             int limit, bz_arena *a, store_revocation **out, size_t *n);
    int (*revocations_prune)(store *s, int64_t before, int *deleted);

    int (*seller_create)(store *s, const store_seller *sl);
    int (*seller_get)(store *s, int64_t id, bz_arena *a, store_seller *out);
    int (*seller_update)(store *s, const store_seller *sl);
    int (*follow)(store *s, int64_t user_id, int64_t seller_id, int64_t now);
    int (*unfollow)(store *s, int64_t user_id, int64_t seller_id);
    int (*is_following)(store *s, int64_t user_id, int64_t seller_id, bool *out);
    int (*following)(store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                     store_seller **out, store_page *page);

    int (*category_create)(store *s, const store_category *c);
    int (*categories)(store *s, bz_arena *a, store_category **out, size_t *n);
    int (*category_get)(store *s, int64_t id, bz_arena *a, store_category *out);

    int (*product_create)(store *s, const store_product *p);
    int (*product_get)(store *s, int64_t id, bz_arena *a, store_product *out);
    int (*product_update)(store *s, const store_product *p);
    int (*product_delete)(store *s, int64_t id);
    int (*product_search)(store *s, const store_product_query *q, bz_arena *a, store_product **out,
                          store_page *page);

    int (*image_create)(store *s, const store_image *img);
    int (*image_get)(store *s, int64_t id, bz_arena *a, store_image *out);
    int (*image_delete)(store *s, int64_t id);
    int (*image_count)(store *s, const char *kind, int64_t owner_id, int *out);

    int (*idem_get)(store *s, int64_t user_id, const char *key, bz_arena *a, store_idem *out);
    int (*idem_put)(store *s, const store_idem *rec);

    int (*stream_create)(store *s, const store_stream *st);
    int (*stream_get)(store *s, int64_t id, bz_arena *a, store_stream *out);
    int (*stream_list)(store *s, const store_stream_query *q, bz_arena *a, store_stream **out,
                       store_stream_page *page);
    int (*stream_set_status)(store *s, int64_t id, const char *from, const char *to, int64_t now);
    int (*stream_set_cover)(store *s, int64_t id, int64_t image_id, int64_t now);
    int (*stream_lineup)(store *s, int64_t id, bz_arena *a, store_product **out, size_t *n);

    int (*stream_next_seq)(store *s, int64_t stream_id, int64_t count, int64_t *first);
    int (*stream_event_insert)(store *s, const store_stream_event *ev);
    int (*stream_events)(store *s, int64_t stream_id, int64_t after_seq, int limit, bz_arena *a,
                         store_stream_event **out, size_t *n);
    int (*auction_create)(store *s, const store_auction *au);
    int (*auction_get)(store *s, int64_t id, bool lock, bz_arena *a, store_auction *out);
    int (*auction_running_of_stream)(store *s, int64_t stream_id, bz_arena *a, store_auction *out);
    int (*auctions_running)(store *s, bz_arena *a, store_auction_due **out, size_t *n);
    int (*auction_update)(store *s, const store_auction *au, int64_t expected_version);
    int (*auction_close)(store *s, const store_auction *au, int64_t expected_version, int64_t now);
    int (*bid_insert)(store *s, const store_bid *b);
    int (*bid_get)(store *s, int64_t id, store_bid *out);
    int (*bids_of)(store *s, int64_t auction_id, int64_t after_seq, int limit, bz_arena *a,
                   store_bid **out, size_t *n);
    int (*bid_key_get)(store *s, int64_t auction_id, int64_t bidder_id, const char *key,
                       bz_arena *a, store_bid_key *out);
    int (*bid_key_put)(store *s, const store_bid_key *k);
    int (*order_create)(store *s, const store_order *o);
    int (*order_by_auction)(store *s, int64_t auction_id, bz_arena *a, store_order *out);
    int (*orders_of)(store *s, int64_t user_id, bool as_seller, int64_t cursor, int limit,
                     bz_arena *a, store_order **out, store_page *page);
    int (*product_take_one)(store *s, int64_t product_id, int64_t now);
    int (*product_stock)(store *s, int64_t product_id, bool lock, int32_t *quantity,
                         int64_t *running);

    /* chat, moderation, buyer limits (sqlite/chat.c, wellbeing.c; pg/ the same) */
    int (*chat_message_insert)(store *s, const store_chat_message *m);
    int (*chat_message_get)(store *s, int64_t id, bz_arena *a, store_chat_message *out);
    int (*chat_messages)(store *s, int64_t stream_id, int64_t cursor, int limit, bz_arena *a,
                         store_chat_message **out, store_page *page);
    int (*chat_message_delete)(store *s, int64_t id, int64_t by, int64_t now);
    int (*chat_activity)(store *s, int64_t user_id, int64_t stream_id, int64_t since,
                         int64_t *count_since, int64_t *last_in_stream);
    int (*moderator_add)(store *s, int64_t seller_id, int64_t user_id, int64_t now);
    int (*moderator_remove)(store *s, int64_t seller_id, int64_t user_id);
    int (*is_moderator)(store *s, int64_t seller_id, int64_t user_id, bool *out);
    int (*moderators)(store *s, int64_t seller_id, bz_arena *a, store_chat_user **out, size_t *n);
    int (*chat_mute_set)(store *s, int64_t stream_id, int64_t user_id, int64_t until, int64_t by,
                         int64_t now);
    int (*chat_mute_clear)(store *s, int64_t stream_id, int64_t user_id);
    int (*chat_mute_until)(store *s, int64_t stream_id, int64_t user_id, int64_t *until);
    int (*stream_ban_add)(store *s, int64_t stream_id, int64_t user_id, int64_t by, int64_t now);
    int (*stream_ban_remove)(store *s, int64_t stream_id, int64_t user_id);
    int (*stream_is_banned)(store *s, int64_t stream_id, int64_t user_id, bool *out);
    int (*blocked_words_set)(store *s, int64_t seller_id, const char *const *words, size_t n);
    int (*blocked_words)(store *s, int64_t seller_id, bz_arena *a, const char ***out, size_t *n);
    int (*chat_slow_mode_set)(store *s, int64_t stream_id, int seconds, int64_t now);
    int (*chat_slow_mode)(store *s, int64_t stream_id, int *seconds);
    int (*buyer_limits_get)(store *s, int64_t user_id, bz_arena *a, store_buyer_limits *out);
    int (*buyer_limits_put)(store *s, const store_buyer_limits *l);
    int (*bidder_facts)(store *s, int64_t stream_id, const int64_t *ids, size_t n, bz_arena *a,
                        store_bidder_facts *out);
    int (*buyer_committed)(store *s, int64_t user_id, int64_t since, int64_t exclude_auction_id,
                           int64_t *orders_sum, int64_t *leading_sum);
    int (*notify_followers_live)(store *s, int64_t stream_id, int64_t now, bz_arena *a,
                                 store_notification **out, size_t *n);
    int (*notifications_of)(store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                            store_notification **out, store_page *page, int64_t *unread);
    int (*notification_mark_read)(store *s, int64_t user_id, int64_t id, int64_t now);
    int (*prebid_put)(store *s, store_prebid *p);
    int (*prebids_of_lot)(store *s, int64_t stream_id, int64_t product_id, bz_arena *a,
                          store_prebid **out, size_t *n);
    int (*prebids_of_bidder)(store *s, int64_t stream_id, int64_t bidder_id, bz_arena *a,
                             store_prebid **out, size_t *n);
    int (*prebid_delete)(store *s, int64_t stream_id, int64_t product_id, int64_t bidder_id);
};

/* Every adapter's connection starts with this header. */
struct store {
    const struct store_ops *ops;
    uint64_t busy_ns; /* time spent in store_* calls on this connection (metrics); the
                       * wrappers add to it, adapters leave it alone */
};

/* Close the connection and free it. NULL is allowed. */
void store_close(store *s);
/* The adapter's name, for logs and /readyz. */
const char *store_name(const store *s);
/* BZ_OK if the database answers. */
int store_ping(store *s);
/* Apply pending migrations in order, each in its own transaction. *applied_out (may be NULL)
 * receives how many ran. Safe to call concurrently from several processes. */
int store_migrate(store *s, int *applied_out);

/* Explicit transactions. Nested begin is BZ_EINTERNAL. */
int store_begin(store *s);
int store_commit(store *s);
int store_rollback(store *s);

/* Create a user. BZ_EEMAILTAKEN / BZ_EUSERNAMETAKEN on duplicates. */
int store_user_create(store *s, const store_user *u);
/* Read a user (password_hash NULL). BZ_ENOTFOUND. */
int store_user_get(store *s, int64_t id, bz_arena *a, store_user *out);
/* Read a user by lower-cased email, with password_hash. BZ_ENOTFOUND. */
int store_user_by_email(store *s, const char *email, bz_arena *a, store_user *out);
/* Read a user by username, case-insensitively (password_hash NULL). BZ_ENOTFOUND. */
int store_user_by_username(store *s, const char *username, bz_arena *a, store_user *out);
/* Update profile fields; a NULL field is left unchanged. BZ_ENOTFOUND. */
int store_user_update(store *s, int64_t id, const char *display_name, const char *bio, int64_t now);
/* Point the user's avatar at an image (0 clears it). BZ_ENOTFOUND. */
int store_user_set_avatar(store *s, int64_t id, int64_t image_id, int64_t now);

int store_refresh_create(store *s, const store_refresh *r);
/* BZ_ENOTFOUND if no token has that hash. */
int store_refresh_by_hash(store *s, const unsigned char hash[32], store_refresh *out);
/* Mark a token used, atomically: only one caller ever succeeds; the others (and any call on a
 * used or revoked token) get BZ_ETOKENREUSED. */
int store_refresh_mark_used(store *s, int64_t id, int64_t now);
/* Revoke every token of a family (logout, or reuse detected). */
int store_refresh_revoke_family(store *s, int64_t family_id, int64_t now);
/* Replace the user's password hash (a PHC string) and stamp updated_at. BZ_ENOTFOUND. */
int store_user_set_password(store *s, int64_t id, const char *phc, int64_t now);

/* ---- session revocations -------------------------------------------------------------------
 * A session is a refresh-token family; its access tokens carry the family id (`sid`). Ending a
 * session early revokes the family's refresh tokens and lists the family until `expires_at`
 * (the caller passes now + the access-token lifetime, plus slack for clock skew), so that
 * every node can refuse the family's access tokens (app/revocation.h). Both work inside or
 * outside store_begin. */

/* End session `family_id` of `user_id`: revoke its refresh tokens and list it, atomically.
 * Revoking a listed family again is not an error and keeps the first entry; *added (may be
 * NULL) tells whether this call listed it. */
int store_session_revoke(store *s, int64_t family_id, int64_t user_id, int64_t now,
                         int64_t expires_at, bool *added);
/* End every live session of `user_id` but `keep_family` (0 = none): each family with a
 * refresh token not expired at `now` is revoked and listed as store_session_revoke does, and
 * every other refresh token of the user but keep_family's is revoked too, atomically. *out
 * (in `a`, NULL when *n is 0) receives the families this call listed. */
int store_sessions_revoke_user(store *s, int64_t user_id, int64_t keep_family, int64_t now,
                               int64_t expires_at, bz_arena *a, int64_t **out, size_t *n);
/* Entries not expired at `now` that come after the cursor (after_at, after_family) in
 * (revoked_at, family_id) order, in that order, at most `limit` (clamped to
 * 1..STORE_REVOCATIONS_MAX). The last entry is the next call's cursor; (0, 0) starts at the
 * beginning. */
int store_revocations_after(store *s, int64_t after_at, int64_t after_family, int64_t now,
                            int limit, bz_arena *a, store_revocation **out, size_t *n);
/* Delete the entries that expired before `before`; *deleted (may be NULL) says how many. */
int store_revocations_prune(store *s, int64_t before, int *deleted);

/* Make user `sl->id` a seller (sets is_seller). BZ_EALREADYSELLER, BZ_ENOTFOUND (no user). */
int store_seller_create(store *s, const store_seller *sl);
int store_seller_get(store *s, int64_t id, bz_arena *a, store_seller *out);
/* Update shop name, description and pickup address. BZ_ENOTFOUND. */
int store_seller_update(store *s, const store_seller *sl);
/* Follow a seller; following twice is not an error. BZ_ENOTFOUND if no such seller. */
int store_follow(store *s, int64_t user_id, int64_t seller_id, int64_t now);
/* Unfollow; unfollowing a seller one does not follow is not an error. */
int store_unfollow(store *s, int64_t user_id, int64_t seller_id);
int store_is_following(store *s, int64_t user_id, int64_t seller_id, bool *out);
/* Sellers `user_id` follows, most recently followed first; `cursor` is an opaque value from a
 * previous page's next_cursor (0 = first page). */
int store_following(store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                    store_seller **out, store_page *page);

/* BZ_ECONFLICT if the slug exists. */
int store_category_create(store *s, const store_category *c);
/* All categories ordered by parent, then position. */
int store_categories(store *s, bz_arena *a, store_category **out, size_t *n);
int store_category_get(store *s, int64_t id, bz_arena *a, store_category *out);

/* Create a product (its images are ignored; add them with store_image_create). */
int store_product_create(store *s, const store_product *p);
/* Read a product with its images. BZ_ENOTFOUND (also for deleted products). */
int store_product_get(store *s, int64_t id, bz_arena *a, store_product *out);
/* Replace every editable field of product p->id; a negative p->quantity keeps the stored one
 * (an edit that does not name the quantity must not write back a value read before a sale
 * took a unit). BZ_ENOTFOUND. */
int store_product_update(store *s, const store_product *p);
/* Delete a product and its image rows. BZ_ENOTFOUND. */
int store_product_delete(store *s, int64_t id);
/* Search; results include images. */
int store_product_search(store *s, const store_product_query *q, bz_arena *a, store_product **out,
                         store_page *page);

int store_image_create(store *s, const store_image *img);
int store_image_get(store *s, int64_t id, bz_arena *a, store_image *out);
int store_image_delete(store *s, int64_t id);
/* How many images of `kind` an owner has. */
int store_image_count(store *s, const char *kind, int64_t owner_id, int *out);

/* Idempotency records, keyed by (user_id, key). BZ_ENOTFOUND if none. */
int store_idem_get(store *s, int64_t user_id, const char *key, bz_arena *a, store_idem *out);
/* BZ_ECONFLICT if a record with that (user_id, key) exists already. */
int store_idem_put(store *s, const store_idem *rec);

/* Create a show with its lineup (st->product_ids in order), atomically. A show starts out
 * scheduled: st->status, started_at and ended_at are not read. BZ_ENOTFOUND if the seller or
 * a product is missing or deleted, BZ_ECONFLICT for an id that exists or a product listed
 * twice. Ownership of the products is the caller's rule, not the store's. */
int store_stream_create(store *s, const store_stream *st);
/* Read a show with its lineup's product ids. BZ_ENOTFOUND. */
int store_stream_get(store *s, int64_t id, bz_arena *a, store_stream *out);
/* A page of shows of one status ("scheduled" or "live"; anything else is BZ_EINTERNAL), with
 * their lineups' product ids, in the order store_stream_query describes (ties by id). */
int store_stream_list(store *s, const store_stream_query *q, bz_arena *a, store_stream **out,
                      store_stream_page *page);
/* Move show `id` from status `from` to `to`, only if it is in `from` now: of callers racing on
 * one transition exactly one succeeds. Going "live" stamps started_at, "ended" ended_at, every
 * change updated_at, all with `now`. BZ_ECONFLICT if the show is not in `from`, BZ_ENOTFOUND. */
int store_stream_set_status(store *s, int64_t id, const char *from, const char *to, int64_t now);
/* Point show `id` at cover image `image_id` (0 = none) and stamp updated_at. BZ_ENOTFOUND. */
int store_stream_set_cover(store *s, int64_t id, int64_t image_id, int64_t now);
/* The lineup's products (not deleted ones), in lineup order, with their images. BZ_ENOTFOUND
 * if there is no such show. */
int store_stream_lineup(store *s, int64_t id, bz_arena *a, store_product **out, size_t *n);

/* ---- auctions, bids, orders, stream events ------------------------------ */
/*
 * The auction engine runs one batch of bids as one transaction:
 *
 *   store_begin(s);
 *   store_auction_get(s, id, true, ...);      // the row, write-locked until commit
 *   ... store_bid_insert / store_bid_key_put per accepted bid ...
 *   store_stream_next_seq(s, stream, n, &first); store_stream_event_insert(...) x n
 *   store_auction_update(s, &au, au_read.version);
 *   store_commit(s);
 *
 * SQLite: store_begin is BEGIN IMMEDIATE, so the write lock is held from the start and the
 * read is already serialised. PostgreSQL: `lock` reads with SELECT ... FOR UPDATE. Either way
 * two engines (two nodes) on one database take turns per auction, and the version check of
 * store_auction_update catches a caller that read without the lock.
 */

/* Take `count` event numbers of show `stream_id`: *first .. *first + count - 1, never handed
 * out before (the counter starts at 0, so the first event is 1). Inside a transaction this
 * write-locks the show's row until commit; count 0 only takes that lock. BZ_ENOTFOUND. */
int store_stream_next_seq(store *s, int64_t stream_id, int64_t count, int64_t *first);
/* Log a room event. BZ_ECONFLICT if (stream_id, seq) exists, BZ_ENOTFOUND (no show).
 * Deferrable: inside store_begin .. commit an adapter may send it without waiting (one round
 * trip for a batch's writes); its failure then comes from a later call of the transaction or
 * from store_commit, which rolls back. Callers treat any failure as the transaction's. */
int store_stream_event_insert(store *s, const store_stream_event *ev);
/* Events of a show with seq > after_seq, ascending, at most `limit` (clamped to 1..100). */
int store_stream_events(store *s, int64_t stream_id, int64_t after_seq, int limit, bz_arena *a,
                        store_stream_event **out, size_t *n);

/* Create a running auction (au->status, version, last_hash, bid fields are not read).
 * BZ_EAUCTIONRUNNING if the show has a running auction; BZ_ENOTFOUND if (stream_id,
 * product_id) is not in the lineup or the seller is missing; BZ_ECONFLICT for a duplicate id. */
int store_auction_create(store *s, const store_auction *au);
/* Read an auction. `lock` (inside store_begin only) holds the row against other writers until
 * commit or rollback. BZ_ENOTFOUND. */
int store_auction_get(store *s, int64_t id, bool lock, bz_arena *a, store_auction *out);
/* The show's running auction. BZ_ENOTFOUND if none. */
int store_auction_running_of_stream(store *s, int64_t stream_id, bz_arena *a, store_auction *out);
/* Every running auction (id, ends_at), soonest end first. */
int store_auctions_running(store *s, bz_arena *a, store_auction_due **out, size_t *n);
/* Write the mutable fields (status, ends_at, ended_at, current bid, leader, leader_max,
 * step_count, winner_id, bought_now, last_hash) of a running auction whose version is still
 * `expected_version`; the stored version becomes expected_version + 1. BZ_ECONFLICT when the
 * auction changed since it was read or is no longer running; BZ_ENOTFOUND. */
int store_auction_update(store *s, const store_auction *au, int64_t expected_version);
/* End an auction: status = au->status ("ended"), ended_at, winner_id, only while it is running,
 * still at `expected_version` and due (ends_at <= now). Of racing closers exactly one gets
 * BZ_OK; the others BZ_ECONFLICT. BZ_ENOTFOUND. */
int store_auction_close(store *s, const store_auction *au, int64_t expected_version, int64_t now);

/* Append a bid step. BZ_ECONFLICT if (auction_id, seq) or the id exists; BZ_ENOTFOUND.
 * Deferrable, like store_stream_event_insert. */
int store_bid_insert(store *s, const store_bid *b);
/* BZ_ENOTFOUND. */
int store_bid_get(store *s, int64_t id, store_bid *out);
/* Bid steps with seq > after_seq in seq order, at most `limit` (1..1000, clamped). */
int store_bids_of(store *s, int64_t auction_id, int64_t after_seq, int limit, bz_arena *a,
                  store_bid **out, size_t *n);
/* An accepted bid's key. BZ_ENOTFOUND. */
int store_bid_key_get(store *s, int64_t auction_id, int64_t bidder_id, const char *key, bz_arena *a,
                      store_bid_key *out);
/* BZ_ECONFLICT if the (auction, bidder, key) exists. */
int store_bid_key_put(store *s, const store_bid_key *k);

/* BZ_ECONFLICT if the auction has an order (one per auction) or the id exists. */
int store_order_create(store *s, const store_order *o);
/* The order of an auction. BZ_ENOTFOUND. */
int store_order_by_auction(store *s, int64_t auction_id, bz_arena *a, store_order *out);
/* A buyer's orders (or a seller's sales, `as_seller`), newest first; `cursor` is a previous
 * page's next_cursor (0 = first page). */
int store_orders_of(store *s, int64_t user_id, bool as_seller, int64_t cursor, int limit,
                    bz_arena *a, store_order **out, store_page *page);
/*
 * Stock. A product's quantity is its unsold units; every running auction of it holds one
 * (domain/auction.h). Lock order, so that no two writers wait on each other (PostgreSQL would
 * abort one as a deadlock): an auction row, then its product row, then its show's row
 * (store_stream_next_seq). Starting an auction locks the product before the show.
 */

/* Take one unit for a sale: quantity - 1 only where quantity > 0 and the product is not
 * deleted, in one conditional statement, so of any number of callers racing for the last unit
 * exactly one gets it (PostgreSQL re-checks the condition on the row version it waited for,
 * even under READ COMMITTED). BZ_EOUTOFSTOCK when no unit is left (nothing changes),
 * BZ_ENOTFOUND when there is no such product. */
int store_product_take_one(store *s, int64_t product_id, int64_t now);
/* A product's unsold units and how many of its auctions are running. `lock` (inside
 * store_begin only) first write-locks the product row until commit, and the count is read
 * after the lock is granted: whoever held the lock before (a start, a sale) has committed, so
 * on PostgreSQL's READ COMMITTED (a fresh snapshot per statement) the count includes its
 * auction. Callers that start an auction or change the quantity judge both under that lock.
 * BZ_ENOTFOUND (no such product, or deleted). */
int store_product_stock(store *s, int64_t product_id, bool lock, int32_t *quantity,
                        int64_t *running);

/* ---- chat, moderation, buyer limits ------------------------------------- */
/*
 * docs/chat.md has the rules; the store keeps them durable. Every call below works inside or
 * outside store_begin. Writes that name a missing show, user or seller are BZ_ENOTFOUND.
 */

/* Append a message (m->username, deleted_* are not read). BZ_ECONFLICT for a duplicate id. */
int store_chat_message_insert(store *s, const store_chat_message *m);
/* Read a message, deleted or not, with its author's username. BZ_ENOTFOUND. */
int store_chat_message_get(store *s, int64_t id, bz_arena *a, store_chat_message *out);
/* A page of a show's messages that are not deleted, newest first (id descending); `cursor` is
 * a previous page's next_cursor (0 = the newest). `limit` is clamped to 1..100. */
int store_chat_messages(store *s, int64_t stream_id, int64_t cursor, int limit, bz_arena *a,
                        store_chat_message **out, store_page *page);
/* Mark a message deleted by `by` at `now`, only if it is not deleted yet: BZ_ECONFLICT when it
 * was, BZ_ENOTFOUND when there is no such message. */
int store_chat_message_delete(store *s, int64_t id, int64_t by, int64_t now);
/* What rate limits need of one user: how many messages (any show, deleted too) they posted
 * with created_at > since, and the created_at of their last message in `stream_id` (0 if
 * none). */
int store_chat_activity(store *s, int64_t user_id, int64_t stream_id, int64_t since,
                        int64_t *count_since, int64_t *last_in_stream);

/* Appoint `user_id` moderator of every show of `seller_id`; appointing twice is not an error. */
int store_moderator_add(store *s, int64_t seller_id, int64_t user_id, int64_t now);
/* Remove an appointment; removing one that does not exist is not an error. */
int store_moderator_remove(store *s, int64_t seller_id, int64_t user_id);
int store_is_moderator(store *s, int64_t seller_id, int64_t user_id, bool *out);
/* The seller's moderators, most recently appointed first (at most 1000). */
int store_moderators(store *s, int64_t seller_id, bz_arena *a, store_chat_user **out, size_t *n);

/* Mute `user_id` in a show until `until` (replaces an earlier mute, longer or shorter). */
int store_chat_mute_set(store *s, int64_t stream_id, int64_t user_id, int64_t until, int64_t by,
                        int64_t now);
/* Lift a mute; lifting none is not an error. */
int store_chat_mute_clear(store *s, int64_t stream_id, int64_t user_id);
/* The end of the user's mute in the show, expired or not; 0 when never muted (or lifted). */
int store_chat_mute_until(store *s, int64_t stream_id, int64_t user_id, int64_t *until);

/* Ban `user_id` from a show (chat and bids); banning twice is not an error. */
int store_stream_ban_add(store *s, int64_t stream_id, int64_t user_id, int64_t by, int64_t now);
/* Lift a ban; lifting none is not an error. */
int store_stream_ban_remove(store *s, int64_t stream_id, int64_t user_id);
/* Whether the user is banned from the show. One indexed read: cheap enough for every bid. */
int store_stream_is_banned(store *s, int64_t stream_id, int64_t user_id, bool *out);

/* Replace the seller's blocked words with `words` (already lower-cased and unique), atomically. */
int store_blocked_words_set(store *s, int64_t seller_id, const char *const *words, size_t n);
/* The seller's blocked words in byte order. */
int store_blocked_words(store *s, int64_t seller_id, bz_arena *a, const char ***out, size_t *n);

/* Slow mode of a show's chat: one message per `seconds` per user (0 = off). */
int store_chat_slow_mode_set(store *s, int64_t stream_id, int seconds, int64_t now);
/* 0 when never set. */
int store_chat_slow_mode(store *s, int64_t stream_id, int *seconds);

/* A buyer's limits. BZ_ENOTFOUND when they never set any. */
int store_buyer_limits_get(store *s, int64_t user_id, bz_arena *a, store_buyer_limits *out);
/* Insert or replace a buyer's limits (spending_cap 0 = no cap: cap_period is then ignored). */
int store_buyer_limits_put(store *s, const store_buyer_limits *l);
/* One read for a bid batch: for each of the `n` distinct user ids (n <= STORE_FACTS_MAX),
 * out[i] tells ids[i]'s username, whether show `stream_id` banned them, and their limits.
 * Unknown ids get exists = false, username "" and no limits. Strings live in `a`. */
#define STORE_FACTS_MAX 256
int store_bidder_facts_get(store *s, int64_t stream_id, const int64_t *ids, size_t n, bz_arena *a,
                           store_bidder_facts *out);
/* What a buyer has committed to spend: the sum of their orders created after `since` (not
 * cancelled or refunded), and the sum over running auctions they lead of the larger of the
 * current bid and their maximum, leaving out auction `exclude_auction_id` (0 = none). */
int store_buyer_committed(store *s, int64_t user_id, int64_t since, int64_t exclude_auction_id,
                          int64_t *orders_sum, int64_t *leading_sum);

/* ---- notifications -------------------------------------------------------- */

/* One "show_live" notification for every follower of show `stream_id`'s seller, titled with
 * the show's title, made in one statement (INSERT ... SELECT from follows) so a seller with
 * many followers costs one round trip. The store makes the ids. *out receives the rows made
 * (any order); *n = 0 when nobody follows or there is no such show. */
int store_notify_followers_live(store *s, int64_t stream_id, int64_t now, bz_arena *a,
                                store_notification **out, size_t *n);
/* A user's notifications, newest first (id descending), those with id < cursor (0 = from the
 * newest); *unread (may be NULL) receives how many of all theirs are unread. */
int store_notifications_of(store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                           store_notification **out, store_page *page, int64_t *unread);
/* Mark one of the user's notifications read (again: keeps the first read_at). BZ_ENOTFOUND
 * when `id` is not theirs. */
int store_notification_mark_read(store *s, int64_t user_id, int64_t id, int64_t now);

/* ---- pre-bids -------------------------------------------------------------- */

/* Place or replace (same show, lot and bidder) a pre-bid: a replacement keeps its id and takes
 * the new max_amount and created_at. p->id is the id to use for a new row; on return it is
 * the stored row's. BZ_ENOTFOUND when (stream_id, product_id) is not in the lineup. */
int store_prebid_put(store *s, store_prebid *p);
/* A lot's pre-bids in creation order (created_at, then id), at most STORE_PREBIDS_MAX. */
int store_prebids_of_lot(store *s, int64_t stream_id, int64_t product_id, bz_arena *a,
                         store_prebid **out, size_t *n);
/* A bidder's pre-bids on one show, in creation order, at most STORE_PREBIDS_MAX. */
int store_prebids_of_bidder(store *s, int64_t stream_id, int64_t bidder_id, bz_arena *a,
                            store_prebid **out, size_t *n);
/* Remove the bidder's own pre-bid on a lot. BZ_ENOTFOUND when they have none there. */
int store_prebid_delete(store *s, int64_t stream_id, int64_t product_id, int64_t bidder_id);

#endif
