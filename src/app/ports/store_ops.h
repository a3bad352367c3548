/*
 * app/ports/store_ops.h - the one list of the store port's operations, one
 * X(...) line each, with its contract above it. store.h includes it; nothing
 * else should.
 *
 * X(wrap, name, params, args):
 *   name    the operation: store_<name>() in store.h, member `name` of struct store_ops
 *   params  its parameter list, `store *s` first; args: the same names, to forward them
 *   wrap    T: store.c defines store_<name> (the adapter's call, timed for /metrics);
 *           H: store.c has it by hand, because it checks or defaults arguments first
 * Every operation has one implementation, sql_<name> in store/sql/<area>.c, over the SQL
 * driver (store/db/db.h); both adapters' ops tables take it (docs/storage.md).
 *
 * Adding an operation: its X line here, its function in its area's file, its contract test.
 * The lists go by area, one macro each, so that areas change without touching each other.
 */
#ifndef APP_PORTS_STORE_OPS_H
#define APP_PORTS_STORE_OPS_H

/* The lists are tables kept by hand: in macro arguments clang-format would take `store *s`
 * for a multiplication. */
/* clang-format off */

/* ---- users, refresh tokens, idempotency records (store/sql/users.c) ---------------------- */
#define STORE_OPS_USERS(X)                                                                         \
    /* Create a user. BZ_EEMAILTAKEN / BZ_EUSERNAMETAKEN on duplicates. */                         \
    X(T, user_create, (store *s, const account_user *u), (s, u))                                   \
    /* Read a user (password_hash NULL). BZ_ENOTFOUND. */                                          \
    X(T, user_get, (store *s, int64_t id, bz_arena *a, account_user *out), (s, id, a, out))        \
    /* Read a user by lower-cased email, with password_hash. BZ_ENOTFOUND. */                      \
    X(T, user_by_email, (store *s, const char *email, bz_arena *a, account_user *out),             \
      (s, email, a, out))                                                                          \
    /* Read a user by username, case-insensitively (password_hash NULL). BZ_ENOTFOUND. */          \
    X(T, user_by_username, (store *s, const char *username, bz_arena *a, account_user *out),       \
      (s, username, a, out))                                                                       \
    /* Update profile fields; a NULL field (show_win_name: -1) is left unchanged. BZ_ENOTFOUND. */ \
    X(T, user_update,                                                                              \
      (store *s, int64_t id, const char *display_name, const char *bio, int show_win_name,         \
       int64_t now),                                                                               \
      (s, id, display_name, bio, show_win_name, now))                                              \
    /* Point the user's avatar at an image (0 clears it). BZ_ENOTFOUND. */                         \
    X(T, user_set_avatar, (store *s, int64_t id, int64_t image_id, int64_t now),                   \
      (s, id, image_id, now))                                                                      \
    /* Whether user `id` runs Blytz (an admin): *out; a missing user is not one. */                \
    X(T, user_is_admin, (store *s, int64_t id, bool *out), (s, id, out))                          \
    /* Make the user of lower-cased `email` an admin or not. BZ_ENOTFOUND: no such user. */       \
    X(T, user_set_admin, (store *s, const char *email, bool admin), (s, email, admin))            \
    X(T, refresh_create, (store *s, const store_refresh *r), (s, r))                               \
    /* BZ_ENOTFOUND if no token has that hash. */                                                  \
    X(T, refresh_by_hash, (store *s, const unsigned char hash[32], store_refresh *out),            \
      (s, hash, out))                                                                              \
    /* Mark a token used, atomically: only one caller ever succeeds; the others (and any call on a \
     * used or revoked token) get BZ_ETOKENREUSED. */                                              \
    X(T, refresh_mark_used, (store *s, int64_t id, int64_t now), (s, id, now))                     \
    /* Revoke every token of a family (logout, or reuse detected). */                              \
    X(T, refresh_revoke_family, (store *s, int64_t family_id, int64_t now),                        \
      (s, family_id, now))                                                                         \
    /* Idempotency records, keyed by (user_id, key). BZ_ENOTFOUND if none. */                      \
    X(T, idem_get,                                                                                 \
      (store *s, int64_t user_id, const char *key, bz_arena *a, store_idem *out),                  \
      (s, user_id, key, a, out))                                                                   \
    /* BZ_ECONFLICT if a record with that (user_id, key) exists already. */                        \
    X(T, idem_put, (store *s, const store_idem *rec), (s, rec))

/* ---- session revocations, passwords (store/sql/sessions.c) --------------------------------
 * A session is a refresh-token family; its access tokens carry the family id (`sid`). Ending a
 * session early revokes the family's refresh tokens and lists the family until `expires_at`
 * (the caller passes now + the access-token lifetime, plus slack for clock skew), so that
 * every node can refuse the family's access tokens (app/revocation.h). Both work inside or
 * outside store_begin. */
#define STORE_OPS_SESSIONS(X)                                                                      \
    /* Replace the user's password hash (a PHC string) and stamp updated_at. BZ_ENOTFOUND. */      \
    X(T, user_set_password, (store *s, int64_t id, const char *phc, int64_t now),                  \
      (s, id, phc, now))                                                                           \
    /* End session `family_id` of `user_id`: revoke its refresh tokens and list it, atomically.    \
     * Revoking a listed family again is not an error and keeps the first entry; *added (may be    \
     * NULL) tells whether this call listed it. */                                                 \
    X(H, session_revoke,                                                                           \
      (store *s, int64_t family_id, int64_t user_id, int64_t now, int64_t expires_at,              \
       bool *added),                                                                               \
      (s, family_id, user_id, now, expires_at, added))                                             \
    /* End every live session of `user_id` but `keep_family` (0 = none): each family with a        \
     * refresh token not expired at `now` is revoked and listed as store_session_revoke does, and  \
     * every other refresh token of the user but keep_family's is revoked too, atomically. *out    \
     * (in `a`, NULL when *n is 0) receives the families this call listed. */                      \
    X(H, sessions_revoke_user,                                                                     \
      (store *s, int64_t user_id, int64_t keep_family, int64_t now, int64_t expires_at,            \
       bz_arena *a, int64_t **out, size_t *n),                                                     \
      (s, user_id, keep_family, now, expires_at, a, out, n))                                       \
    /* Entries not expired at `now` that come after the cursor (after_at, after_family) in         \
     * (revoked_at, family_id) order, in that order, at most `limit` (clamped to                   \
     * 1..STORE_REVOCATIONS_MAX). The last entry is the next call's cursor; (0, 0) starts at the   \
     * beginning. */                                                                               \
    X(H, revocations_after,                                                                        \
      (store *s, int64_t after_at, int64_t after_family, int64_t now, int limit, bz_arena *a,      \
       store_revocation **out, size_t *n),                                                         \
      (s, after_at, after_family, now, limit, a, out, n))                                          \
    /* Delete the entries that expired before `before`; *deleted (may be NULL) says how many. */   \
    X(H, revocations_prune, (store *s, int64_t before, int *deleted), (s, before, deleted))

/* ---- sellers and follows (store/sql/sellers.c) --------------------------------------------- */
#define STORE_OPS_SELLERS(X)                                                                       \
    /* Make user `sl->id` a seller (sets is_seller). BZ_EALREADYSELLER, BZ_ENOTFOUND (no user). */ \
    X(T, seller_create, (store *s, const catalog_seller *sl), (s, sl))                             \
    X(T, seller_get, (store *s, int64_t id, bz_arena *a, catalog_seller *out), (s, id, a, out))    \
    /* Update shop name, description, pickup address and require_card. BZ_ENOTFOUND. */           \
    X(T, seller_update, (store *s, const catalog_seller *sl), (s, sl))                             \
    /* Follow a seller; following twice is not an error. BZ_ENOTFOUND if no such seller. */        \
    X(T, follow, (store *s, int64_t user_id, int64_t seller_id, int64_t now),                      \
      (s, user_id, seller_id, now))                                                                \
    /* Unfollow; unfollowing a seller one does not follow is not an error. */                      \
    X(T, unfollow, (store *s, int64_t user_id, int64_t seller_id), (s, user_id, seller_id))        \
    X(T, is_following, (store *s, int64_t user_id, int64_t seller_id, bool *out),                  \
      (s, user_id, seller_id, out))                                                                \
    /* Sellers `user_id` follows, most recently followed first; `cursor` is an opaque value from a \
     * previous page's next_cursor (0 = first page). */                                            \
    X(T, following,                                                                                \
      (store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a, catalog_seller **out,    \
       store_page *page),                                                                          \
      (s, user_id, cursor, limit, a, out, page))

/* ---- delivery addresses (store/sql/addresses.c) ------------------------------------------- */
#define STORE_OPS_ADDRESSES(X)                                                                     \
    /* Inside store_begin: hold user `user_id`'s address book (their users row, write-locked on    \
     * PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises) until commit, so that a count or   \
     * a default judged next stays true. BZ_ENOTFOUND (no such user). */                            \
    X(T, address_book_lock, (store *s, int64_t user_id), (s, user_id))                             \
    /* Keep address d->id of user d->user_id, d->is_default as given (the app clears the old      \
     * default first). BZ_ENOTFOUND (no such user), BZ_ECONFLICT (a second default). */            \
    X(T, address_create, (store *s, const delivery_address *d), (s, d))                            \
    /* Replace the recipient and postal fields of address d->id of d->user_id, stamping           \
     * d->updated_at. BZ_ENOTFOUND (none such of that user). */                                    \
    X(T, address_update, (store *s, const delivery_address *d), (s, d))                            \
    /* Delete address `id` of `user_id`. BZ_ENOTFOUND. */                                          \
    X(T, address_delete, (store *s, int64_t user_id, int64_t id), (s, user_id, id))                \
    /* Read address `id` of `user_id`. BZ_ENOTFOUND (another user's too). */                       \
    X(T, address_get, (store *s, int64_t user_id, int64_t id, bz_arena *a, delivery_address *out), \
      (s, user_id, id, a, out))                                                                    \
    /* A user's addresses, the default first, then the newest. */                                  \
    X(T, addresses, (store *s, int64_t user_id, bz_arena *a, delivery_address **out, size_t *n),   \
      (s, user_id, a, out, n))                                                                     \
    /* Make address `id` the user's one default, as one unit. BZ_ENOTFOUND (nothing changed). */   \
    X(T, address_set_default, (store *s, int64_t user_id, int64_t id, int64_t now),                \
      (s, user_id, id, now))

/* ---- categories and products (store/sql/catalog.c) ------------------------------------------- */
#define STORE_OPS_CATALOG(X)                                                                       \
    /* BZ_ECONFLICT if the slug exists. */                                                         \
    X(T, category_create, (store *s, const catalog_category *c), (s, c))                           \
    /* All categories ordered by parent, then position. */                                         \
    X(T, categories, (store *s, bz_arena *a, catalog_category **out, size_t *n),                   \
      (s, a, out, n))                                                                              \
    X(T, category_get, (store *s, int64_t id, bz_arena *a, catalog_category *out),                 \
      (s, id, a, out))                                                                             \
    /* Create a product (its images are ignored; add them with store_image_create). */             \
    X(T, product_create, (store *s, const catalog_product *p), (s, p))                             \
    /* Read a product with its images. BZ_ENOTFOUND (also for deleted products). */                \
    X(T, product_get, (store *s, int64_t id, bz_arena *a, catalog_product *out),                   \
      (s, id, a, out))                                                                             \
    /* Replace every editable field of product p->id; a negative p->quantity keeps the stored one  \
     * (an edit that does not name the quantity must not write back a value read before a sale     \
     * took a unit). BZ_ENOTFOUND. */                                                              \
    X(T, product_update, (store *s, const catalog_product *p), (s, p))                             \
    /* Delete a product and its image rows. BZ_ENOTFOUND. */                                       \
    X(T, product_delete, (store *s, int64_t id), (s, id))                                          \
    /* Search; results include images. */                                                          \
    X(T, product_search,                                                                           \
      (store *s, const catalog_product_query *q, bz_arena *a, catalog_product **out,               \
       store_page *page),                                                                          \
      (s, q, a, out, page))

/* ---- images (store/sql/images.c) ------------------------------------------------------------- */
#define STORE_OPS_IMAGES(X)                                                                        \
    X(T, image_create, (store *s, const catalog_image *img), (s, img))                             \
    X(T, image_get, (store *s, int64_t id, bz_arena *a, catalog_image *out), (s, id, a, out))      \
    /* Delete image `id` if it is of `kind` and owned by `owner_id`, reading the row it was in the \
     * same statement, so that the caller can delete its blobs and two callers cannot both take    \
     * it. BZ_ENOTFOUND, deleting nothing, when there is no such image of that kind and owner. */  \
    X(T, image_take,                                                                               \
      (store *s, int64_t id, const char *kind, int64_t owner_id, bz_arena *a, catalog_image *out), \
      (s, id, kind, owner_id, a, out))                                                             \
    /* How many images of `kind` an owner has. */                                                  \
    X(T, image_count, (store *s, const char *kind, int64_t owner_id, int *out),                    \
      (s, kind, owner_id, out))

/* ---- shows (streams) and their lineups (store/sql/streams.c) --------------------------------- */
#define STORE_OPS_STREAMS(X)                                                                       \
    /* Create a show with its lineup (st->product_ids in order), atomically. A show starts out     \
     * scheduled: st->status, started_at and ended_at are not read. BZ_ENOTFOUND if the seller or  \
     * a product is missing or deleted, BZ_ECONFLICT for an id that exists or a product listed     \
     * twice. Ownership of the products is the caller's rule, not the store's. */                  \
    X(T, stream_create, (store *s, const show_stream *st), (s, st))                                \
    /* Read a show with its lineup's product ids. BZ_ENOTFOUND. */                                 \
    X(T, stream_get, (store *s, int64_t id, bz_arena *a, show_stream *out), (s, id, a, out))       \
    /* A page of shows of one status ("scheduled" or "live"; anything else is BZ_EINTERNAL), with  \
     * their lineups' product ids, in the order store_stream_query describes (ties by id). */      \
    X(T, stream_list,                                                                              \
      (store *s, const store_stream_query *q, bz_arena *a, show_stream **out,                      \
       store_stream_page *page),                                                                   \
      (s, q, a, out, page))                                                                        \
    /* Move show `id` from status `from` to `to`, only if it is in `from` now: of callers racing   \
     * on one transition exactly one succeeds. Going "live" stamps started_at, "ended" ended_at,   \
     * every change updated_at, all with `now`. BZ_ECONFLICT if the show is not in `from`,         \
     * BZ_ENOTFOUND. */                                                                            \
    X(T, stream_set_status,                                                                        \
      (store *s, int64_t id, const char *from, const char *to, int64_t now),                       \
      (s, id, from, to, now))                                                                      \
    /* Point show `id` at cover image `image_id` (0 = none) and stamp updated_at. BZ_ENOTFOUND. */ \
    X(T, stream_set_cover, (store *s, int64_t id, int64_t image_id, int64_t now),                  \
      (s, id, image_id, now))                                                                      \
    /* The lineup's products (not deleted ones), in lineup order, with their images. BZ_ENOTFOUND  \
     * if there is no such show. */                                                                \
    X(T, stream_lineup, (store *s, int64_t id, bz_arena *a, catalog_product **out, size_t *n),     \
      (s, id, a, out, n))

/* ---- auctions, bids (store/sql/auctions.c, bids.c) ------------------------------------- */
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
#define STORE_OPS_AUCTIONS(X)                                                                      \
    /* Create a running auction (au->status, version, last_hash, bid fields are not read).         \
     * BZ_EAUCTIONRUNNING if the show has a running auction; BZ_ENOTFOUND if (stream_id,           \
     * product_id) is not in the lineup or the seller is missing; BZ_ECONFLICT for a duplicate     \
     * id. */                                                                                      \
    X(T, auction_create, (store *s, const auction_lot *au), (s, au))                               \
    /* Read an auction. `lock` (inside store_begin only) holds the row against other writers until \
     * commit or rollback. BZ_ENOTFOUND. */                                                        \
    X(T, auction_get, (store *s, int64_t id, bool lock, bz_arena *a, auction_lot *out),            \
      (s, id, lock, a, out))                                                                       \
    /* The show's running auction. BZ_ENOTFOUND if none. */                                        \
    X(T, auction_running_of_stream,                                                                \
      (store *s, int64_t stream_id, bz_arena *a, auction_lot *out),                                \
      (s, stream_id, a, out))                                                                      \
    /* Every running auction (id, ends_at), soonest end first. */                                  \
    X(T, auctions_running, (store *s, bz_arena *a, store_auction_due **out, size_t *n),            \
      (s, a, out, n))                                                                              \
    /* Write the mutable fields (status, ends_at, ended_at, current bid, leader, leader_max,       \
     * step_count, winner_id, bought_now, last_hash) of a running auction whose version is still   \
     * `expected_version`; the stored version becomes expected_version + 1. BZ_ECONFLICT when the  \
     * auction changed since it was read or is no longer running; BZ_ENOTFOUND. */                 \
    X(T, auction_update, (store *s, const auction_lot *au, int64_t expected_version),              \
      (s, au, expected_version))                                                                   \
    /* End an auction: status = au->status ("ended"), ended_at, winner_id, only while it is        \
     * running, still at `expected_version` and due (ends_at <= now). Of racing closers exactly    \
     * one gets BZ_OK; the others BZ_ECONFLICT. BZ_ENOTFOUND. */                                   \
    X(T, auction_close,                                                                            \
      (store *s, const auction_lot *au, int64_t expected_version, int64_t now),                    \
      (s, au, expected_version, now))                                                              \
    /* Append a bid step. BZ_ECONFLICT if (auction_id, seq) or the id exists; BZ_ENOTFOUND.        \
     * Deferrable, like store_stream_event_insert. */                                              \
    X(T, bid_insert, (store *s, const auction_lot_bid *b), (s, b))                                 \
    /* BZ_ENOTFOUND. */                                                                            \
    X(T, bid_get, (store *s, int64_t id, auction_lot_bid *out), (s, id, out))                      \
    /* Bid steps with seq > after_seq in seq order, at most `limit` (1..1000, clamped). */         \
    X(T, bids_of,                                                                                  \
      (store *s, int64_t auction_id, int64_t after_seq, int limit, bz_arena *a,                    \
       auction_lot_bid **out, size_t *n),                                                          \
      (s, auction_id, after_seq, limit, a, out, n))                                                \
    /* An accepted bid's key. BZ_ENOTFOUND. */                                                     \
    X(T, bid_key_get,                                                                              \
      (store *s, int64_t auction_id, int64_t bidder_id, const char *key, bz_arena *a,              \
       store_bid_key *out),                                                                        \
      (s, auction_id, bidder_id, key, a, out))                                                     \
    /* BZ_ECONFLICT if the (auction, bidder, key) exists. */                                       \
    X(T, bid_key_put, (store *s, const store_bid_key *k), (s, k))

/* ---- stream events, orders, stock (store/sql/stream_events.c, orders.c, stock.c) -------- */
/*
 * Stock. A product's quantity is its unsold units; every running auction of it holds one
 * (domain/auction.h). Lock order, so that no two writers wait on each other (PostgreSQL would
 * abort one as a deadlock): an auction row, then its product row, then its show's row
 * (store_stream_next_seq). Starting an auction locks the product before the show.
 */
#define STORE_OPS_ORDERS(X)                                                                        \
    /* Take `count` event numbers of show `stream_id`: *first .. *first + count - 1, never handed  \
     * out before (the counter starts at 0, so the first event is 1). Inside a transaction this    \
     * write-locks the show's row until commit; count 0 only takes that lock. BZ_ENOTFOUND. */     \
    X(T, stream_next_seq, (store *s, int64_t stream_id, int64_t count, int64_t *first),            \
      (s, stream_id, count, first))                                                                \
    /* Log a room event. BZ_ECONFLICT if (stream_id, seq) exists, BZ_ENOTFOUND (no show).          \
     * Deferrable: inside store_begin .. commit an adapter may send it without waiting (one round  \
     * trip for a batch's writes); its failure then comes from a later call of the transaction or  \
     * from store_commit, which rolls back. Callers treat any failure as the transaction's. */     \
    X(T, stream_event_insert, (store *s, const show_event *ev), (s, ev))                           \
    /* Events of a show with seq > after_seq, ascending, at most `limit` (clamped to 1..100). */   \
    X(T, stream_events,                                                                            \
      (store *s, int64_t stream_id, int64_t after_seq, int limit, bz_arena *a,                     \
       show_event **out, size_t *n),                                                               \
      (s, stream_id, after_seq, limit, a, out, n))                                                 \
    /* BZ_ECONFLICT if the auction has an order (one per auction) or the id exists. */             \
    X(T, order_create, (store *s, const order_record *o), (s, o))                                  \
    /* The order of an auction. BZ_ENOTFOUND. */                                                   \
    X(T, order_by_auction, (store *s, int64_t auction_id, bz_arena *a, order_record *out),         \
      (s, auction_id, a, out))                                                                     \
    /* Order `id`; with `lock`, write-locked until the transaction ends (the app's one way to      \
     * change an order: read it locked, ask domain/order.h, order_save). BZ_ENOTFOUND. */          \
    X(T, order_get, (store *s, int64_t id, bool lock, bz_arena *a, order_record *out),           \
      (s, id, lock, a, out))                                                                       \
    /* Write what may change of order o->id: status, flags, failure_code, delivered_at,            \
     * returned_at, paid, refunded, the payment's parts, parcel_id, payment_id, updated_at. BZ_ENOTFOUND. */          \
    X(T, order_save, (store *s, const order_record *o), (s, o))                                    \
    /* Orders awaiting payment whose pay_by is at or before `now`, earliest first, at most         \
     * `limit` (1..100). */                                                                        \
    X(T, orders_due,                                                                               \
      (store *s, int64_t now, int limit, bz_arena *a, order_record **out, size_t *n),              \
      (s, now, limit, a, out, n))                                                                  \
    /* Every order of buyer `buyer_id` from seller `seller_id` in show `stream_id` (!= 0), oldest  \
     * first, at most CHECKOUT_ORDERS_MAX: what may share a parcel. */                             \
    X(T, orders_of_group,                                                                          \
      (store *s, int64_t buyer_id, int64_t seller_id, int64_t stream_id, bz_arena *a,              \
       order_record **out, size_t *n),                                                             \
      (s, buyer_id, seller_id, stream_id, a, out, n))                                              \
    /* Add a step to an order's timeline. */                                                      \
    X(T, order_event_add, (store *s, const order_event_rec *e), (s, e))                            \
    /* An order's timeline, oldest first (at most 200). */                                         \
    X(T, order_events_of,                                                                          \
      (store *s, int64_t order_id, bz_arena *a, order_event_rec **out, size_t *n),                 \
      (s, order_id, a, out, n))                                                                    \
    /* The orders in parcel `parcel_id`, oldest first, at most CHECKOUT_ORDERS_MAX. */            \
    X(T, orders_of_parcel,                                                                         \
      (store *s, int64_t parcel_id, bz_arena *a, order_record **out, size_t *n),                   \
      (s, parcel_id, a, out, n))                                                                   \
    /* A buyer's orders (or a seller's sales, `as_seller`), newest first; `cursor` is a previous   \
     * page's next_cursor (0 = first page). */                                                     \
    X(T, orders_of,                                                                                \
      (store *s, int64_t user_id, bool as_seller, int64_t cursor, int limit, bz_arena *a,          \
       order_record **out, store_page *page),                                                      \
      (s, user_id, as_seller, cursor, limit, a, out, page))                                        \
    /* The sales of a show's auctions (orders neither cancelled nor refunded), oldest first, at    \
     * most 500; *out (in `a`) is NULL when *n is 0. */                                            \
    X(T, stream_sales, (store *s, int64_t stream_id, bz_arena *a, order_sale **out, size_t *n),    \
      (s, stream_id, a, out, n))                                                                   \
    /* A product's latest sale (an order neither cancelled nor refunded). BZ_ENOTFOUND if none. */ \
    X(T, product_last_sale, (store *s, int64_t product_id, bz_arena *a, order_sale *out),          \
      (s, product_id, a, out))                                                                     \
    /* Take one unit for a sale: quantity - 1 only where quantity > 0 and the product is not       \
     * deleted, in one conditional statement, so of any number of callers racing for the last unit \
     * exactly one gets it (PostgreSQL re-checks the condition on the row version it waited for,   \
     * even under READ COMMITTED). BZ_EOUTOFSTOCK when no unit is left (nothing changes),          \
     * BZ_ENOTFOUND when there is no such product. */                                              \
    X(T, product_take_one, (store *s, int64_t product_id, int64_t now), (s, product_id, now))      \
    /* Give back the unit an order took when the order ends unpaid or refunded before it shipped: \
     * quantity + 1, unless the product was deleted since (then BZ_OK and nothing changes: a      \
     * deleted product has no stock to return to). BZ_ENOTFOUND when there is no such product. */ \
    X(T, product_put_back, (store *s, int64_t product_id, int64_t now), (s, product_id, now))      \
    /* What product `product_id` weighs and measures as a parcel (deleted or not: an order keeps   \
     * its lot's). BZ_ENOTFOUND. */                                                                \
    X(T, product_parcel, (store *s, int64_t product_id, shipping_parcel *out), (s, product_id, out)) \
    /* A product's unsold units and how many of its auctions are running. `lock` (inside           \
     * store_begin only) first write-locks the product row until commit, and the count is read     \
     * after the lock is granted: whoever held the lock before (a start, a sale) has committed, so \
     * on PostgreSQL's READ COMMITTED (a fresh snapshot per statement) the count includes its      \
     * auction. Callers that start an auction or change the quantity judge both under that lock.   \
     * BZ_ENOTFOUND (no such product, or deleted). */                                              \
    X(T, product_stock,                                                                            \
      (store *s, int64_t product_id, bool lock, int32_t *quantity, int64_t *running),              \
      (s, product_id, lock, quantity, running))

/* ---- chat, moderation, buyer limits (store/sql/chat.c, moderation.c, wellbeing.c) ------- */
/*
 * docs/chat.md has the rules; the store keeps them durable. Every call below works inside or
 * outside store_begin. Writes that name a missing show, user or seller are BZ_ENOTFOUND.
 */
#define STORE_OPS_CHAT(X)                                                                          \
    /* Append a message (m->username, deleted_* are not read). BZ_ECONFLICT for a duplicate id. */ \
    X(T, chat_message_insert, (store *s, const chat_message *m), (s, m))                           \
    /* Read a message, deleted or not, with its author's username. BZ_ENOTFOUND. */                \
    X(T, chat_message_get, (store *s, int64_t id, bz_arena *a, chat_message *out),                 \
      (s, id, a, out))                                                                             \
    /* A page of a show's messages that are not deleted, newest first (id descending); `cursor` is \
     * a previous page's next_cursor (0 = the newest). `limit` is clamped to 1..100. */            \
    X(T, chat_messages,                                                                            \
      (store *s, int64_t stream_id, int64_t cursor, int limit, bz_arena *a,                        \
       chat_message **out, store_page *page),                                                      \
      (s, stream_id, cursor, limit, a, out, page))                                                 \
    /* Mark a message deleted by `by` at `now`, only if it is not deleted yet: BZ_ECONFLICT when   \
     * it was, BZ_ENOTFOUND when there is no such message. */                                      \
    X(T, chat_message_delete, (store *s, int64_t id, int64_t by, int64_t now),                     \
      (s, id, by, now))                                                                            \
    /* What rate limits need of one user: how many messages (any show, deleted too) they posted    \
     * with created_at > since, and the created_at of their last message in `stream_id` (0 if      \
     * none). */                                                                                   \
    X(T, chat_activity,                                                                            \
      (store *s, int64_t user_id, int64_t stream_id, int64_t since, int64_t *count_since,          \
       int64_t *last_in_stream),                                                                   \
      (s, user_id, stream_id, since, count_since, last_in_stream))

#define STORE_OPS_MODERATION(X)                                                                    \
    /* Appoint `user_id` moderator of every show of `seller_id`; appointing twice is not an        \
     * error. */                                                                                   \
    X(T, moderator_add, (store *s, int64_t seller_id, int64_t user_id, int64_t now),               \
      (s, seller_id, user_id, now))                                                                \
    /* Remove an appointment; removing one that does not exist is not an error. */                 \
    X(T, moderator_remove, (store *s, int64_t seller_id, int64_t user_id),                         \
      (s, seller_id, user_id))                                                                     \
    X(T, is_moderator, (store *s, int64_t seller_id, int64_t user_id, bool *out),                  \
      (s, seller_id, user_id, out))                                                                \
    /* The seller's moderators, most recently appointed first (at most 1000). */                   \
    X(T, moderators,                                                                               \
      (store *s, int64_t seller_id, bz_arena *a, chat_moderator **out, size_t *n),                 \
      (s, seller_id, a, out, n))                                                                   \
    /* Mute `user_id` in a show until `until` (replaces an earlier mute, longer or shorter). */    \
    X(T, chat_mute_set,                                                                            \
      (store *s, int64_t stream_id, int64_t user_id, int64_t until, int64_t by, int64_t now),      \
      (s, stream_id, user_id, until, by, now))                                                     \
    /* Lift a mute; lifting none is not an error. */                                               \
    X(T, chat_mute_clear, (store *s, int64_t stream_id, int64_t user_id),                          \
      (s, stream_id, user_id))                                                                     \
    /* The end of the user's mute in the show, expired or not; 0 when never muted (or lifted). */  \
    X(T, chat_mute_until, (store *s, int64_t stream_id, int64_t user_id, int64_t *until),          \
      (s, stream_id, user_id, until))                                                              \
    /* Ban `user_id` from a show (chat and bids); banning twice is not an error. */                \
    X(T, stream_ban_add,                                                                           \
      (store *s, int64_t stream_id, int64_t user_id, int64_t by, int64_t now),                     \
      (s, stream_id, user_id, by, now))                                                            \
    /* Lift a ban; lifting none is not an error. */                                                \
    X(T, stream_ban_remove, (store *s, int64_t stream_id, int64_t user_id),                        \
      (s, stream_id, user_id))                                                                     \
    /* Whether the user is banned from the show. One indexed read: cheap enough for every bid. */  \
    X(T, stream_is_banned, (store *s, int64_t stream_id, int64_t user_id, bool *out),              \
      (s, stream_id, user_id, out))                                                                \
    /* Replace the seller's blocked words with `words` (already lower-cased and unique),           \
     * atomically. */                                                                              \
    X(T, blocked_words_set,                                                                        \
      (store *s, int64_t seller_id, const char *const *words, size_t n),                           \
      (s, seller_id, words, n))                                                                    \
    /* The seller's blocked words in byte order. */                                                \
    X(T, blocked_words,                                                                            \
      (store *s, int64_t seller_id, bz_arena *a, const char ***out, size_t *n),                    \
      (s, seller_id, a, out, n))                                                                   \
    /* Slow mode of a show's chat: one message per `seconds` per user (0 = off). */                \
    X(T, chat_slow_mode_set, (store *s, int64_t stream_id, int seconds, int64_t now),              \
      (s, stream_id, seconds, now))                                                                \
    /* 0 when never set. */                                                                        \
    X(T, chat_slow_mode, (store *s, int64_t stream_id, int *seconds),                              \
      (s, stream_id, seconds))                                                                     \
    /* Pin message `message_id` above a show's chat (0 unpins); slow mode stays as it is. */       \
    X(T, chat_pin_set, (store *s, int64_t stream_id, int64_t message_id, int64_t now),             \
      (s, stream_id, message_id, now))                                                             \
    /* The pinned message's id, 0 when none. */                                                    \
    X(T, chat_pinned, (store *s, int64_t stream_id, int64_t *message_id),                          \
      (s, stream_id, message_id))

#define STORE_OPS_WELLBEING(X)                                                                     \
    /* A buyer's limits. BZ_ENOTFOUND when they never set any. */                                  \
    X(T, buyer_limits_get, (store *s, int64_t user_id, bz_arena *a, buyer_limits *out),            \
      (s, user_id, a, out))                                                                        \
    /* Insert or replace a buyer's limits (spending_cap 0 = no cap: cap_period is then             \
     * ignored). */                                                                                \
    X(T, buyer_limits_put, (store *s, const buyer_limits *l), (s, l))                              \
    /* One read for a bid batch: for each of the `n` distinct user ids (n <= STORE_FACTS_MAX),     \
     * out[i] tells ids[i]'s username, whether show `stream_id` banned them, and their limits.     \
     * Unknown ids get exists = false, username "" and no limits. Strings live in `a`. */          \
    X(H, bidder_facts_get,                                                                         \
      (store *s, int64_t stream_id, const int64_t *ids, size_t n, bz_arena *a,                     \
       store_bidder_facts *out),                                                                   \
      (s, stream_id, ids, n, a, out))                                                              \
    /* What a buyer has committed to spend: the sum of their orders created after `since` (not     \
     * cancelled or refunded), and the sum over running auctions they lead of the larger of the    \
     * current bid and their maximum, leaving out auction `exclude_auction_id` (0 = none). */      \
    X(T, buyer_committed,                                                                          \
      (store *s, int64_t user_id, int64_t since, int64_t exclude_auction_id, int64_t *orders_sum,  \
       int64_t *leading_sum),                                                                      \
      (s, user_id, since, exclude_auction_id, orders_sum, leading_sum))

/* ---- notifications (store/sql/notifications.c) ------------------------------------------ */
#define STORE_OPS_NOTIFICATIONS(X)                                                                 \
    /* One "show_live" notification for every follower of show `stream_id`'s seller, titled with   \
     * the show's title, made in one statement (INSERT ... SELECT from follows) so a seller with   \
     * many followers costs one round trip. The store makes the ids. *out receives the rows made   \
     * (any order); *n = 0 when nobody follows or there is no such show. */                        \
    X(T, notify_followers_live,                                                                    \
      (store *s, int64_t stream_id, int64_t now, bz_arena *a, notification **out,                  \
       size_t *n),                                                                                 \
      (s, stream_id, now, a, out, n))                                                              \
    /* A user's notifications, newest first (id descending), those with id < cursor (0 = from the  \
     * newest); *unread (may be NULL) receives how many of all theirs are unread. */               \
    X(T, notifications_of,                                                                         \
      (store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a,                          \
       notification **out, store_page *page, int64_t *unread),                                     \
      (s, user_id, cursor, limit, a, out, page, unread))                                           \
    /* Mark one of the user's notifications read (again: keeps the first read_at). BZ_ENOTFOUND    \
     * when `id` is not theirs. */                                                                 \
    X(T, notification_mark_read, (store *s, int64_t user_id, int64_t id, int64_t now),             \
      (s, user_id, id, now))

/* ---- pre-bids (store/sql/prebids.c) --------------------------------------- */
#define STORE_OPS_PREBIDS(X)                                                                       \
    /* Place or replace (same show, lot and bidder) a pre-bid: a replacement keeps its id and      \
     * takes the new max_amount and created_at. p->id is the id to use for a new row; on return it \
     * is the stored row's. BZ_ENOTFOUND when (stream_id, product_id) is not in the lineup. */     \
    X(T, prebid_put, (store *s, prebid *p), (s, p))                                                \
    /* A lot's pre-bids still to apply, in creation order (created_at, then id), at most           \
     * STORE_PREBIDS_MAX: those of a bidder who already won the lot in the show (an auction of it  \
     * there with them as winner) are spent and left out. */                                       \
    X(T, prebids_of_lot,                                                                           \
      (store *s, int64_t stream_id, int64_t product_id, bz_arena *a, prebid **out,                 \
       size_t *n),                                                                                 \
      (s, stream_id, product_id, a, out, n))                                                       \
    /* A bidder's pre-bids on one show, in creation order, at most STORE_PREBIDS_MAX. */           \
    X(T, prebids_of_bidder,                                                                        \
      (store *s, int64_t stream_id, int64_t bidder_id, bz_arena *a, prebid **out,                  \
       size_t *n),                                                                                 \
      (s, stream_id, bidder_id, a, out, n))                                                        \
    /* Remove the bidder's own pre-bid on a lot. BZ_ENOTFOUND when they have none there. */        \
    X(T, prebid_delete, (store *s, int64_t stream_id, int64_t product_id, int64_t bidder_id),      \
      (s, stream_id, product_id, bidder_id))

/* ---- outbox (store/sql/outbox.c) -------------------------------------------------------
 * Side effects outside the database, one row each, run by workers (app/outbox.h). A claim is
 * (id, attempts, lease_until) as outbox_claim returned them; done / retry / park change the
 * row only while it still holds (BZ_ECONFLICT when another claim overtook it or the row is no
 * longer pending, BZ_ENOTFOUND when there is no such row). Times are the caller's. */
#define STORE_OPS_OUTBOX(X)                                                                        \
    /* Add a pending row: r->id, kind, dedupe_key, payload, next_at, created_at are read (state    \
     * pending, 0 attempts, no lease, updated_at = created_at). A row with r->dedupe_key exists    \
     * already: nothing is added, BZ_OK. *added (may be NULL) tells which. Inside store_begin      \
     * the row commits or rolls back with the caller's transaction. */                             \
    X(H, outbox_add, (store *s, const store_outbox_row *r, bool *added), (s, r, added))            \
    /* Claim up to `limit` (clamped to 1..STORE_OUTBOX_CLAIM_MAX) pending rows due at `now`        \
     * (next_at <= now), soonest first: each gets attempts + 1, lease_until and next_at =          \
     * `lease_until` (so that it is due again when the lease ends, if nobody records an outcome),  \
     * updated_at = now. Of callers claiming at once, on any number of connections, none gets a    \
     * row another got. *out (in `a`, any order) receives the rows as claimed. Outside             \
     * store_begin. */                                                                             \
    X(H, outbox_claim,                                                                             \
      (store *s, int64_t now, int64_t lease_until, int limit, bz_arena *a,                         \
       store_outbox_row **out, size_t *n),                                                         \
      (s, now, lease_until, limit, a, out, n))                                                     \
    /* The claimed row's side effect happened: state done, lease cleared. */                       \
    X(T, outbox_done, (store *s, const store_outbox_row *claim, int64_t now), (s, claim, now))     \
    /* It failed for now: due again at `next_at`, lease cleared, last_error = `error`. */          \
    X(T, outbox_retry,                                                                             \
      (store *s, const store_outbox_row *claim, int64_t next_at, const char *error, int64_t now),  \
      (s, claim, next_at, error, now))                                                             \
    /* It failed for good: state parked, lease cleared, last_error = `error`. */                   \
    X(T, outbox_park,                                                                              \
      (store *s, const store_outbox_row *claim, const char *error, int64_t now),                   \
      (s, claim, error, now))                                                                      \
    /* Put parked row `id` back: pending, due at `now`, attempts 0, lease cleared (last_error      \
     * kept). BZ_ECONFLICT when it is not parked, BZ_ENOTFOUND. */                                 \
    X(T, outbox_requeue, (store *s, int64_t id, int64_t now), (s, id, now))                        \
    /* Read row `id`. BZ_ENOTFOUND. */                                                             \
    X(T, outbox_get, (store *s, int64_t id, bz_arena *a, store_outbox_row *out), (s, id, a, out))  \
    /* A page of rows in `state` (NULL = every state; not a state: BZ_EINTERNAL), newest first     \
     * (id descending); `cursor` is a previous page's next_cursor (0 = the newest). `limit` is     \
     * clamped to 1..STORE_OUTBOX_PAGE_MAX. */                                                     \
    X(H, outbox_list,                                                                              \
      (store *s, const char *state, int64_t cursor, int limit, bz_arena *a,                        \
       store_outbox_row **out, store_page *page),                                                  \
      (s, state, cursor, limit, a, out, page))                                                     \
    /* How many rows are pending and parked, and when the oldest pending one was created. */       \
    X(T, outbox_stats, (store *s, store_outbox_counts *out), (s, out))                             \
    /* The earliest next_at of a pending row (a leased row's is its lease's end); 0 when none. */  \
    X(T, outbox_next_due, (store *s, int64_t *at), (s, at))                                        \
    /* Delete done rows last updated before `before` (their dedupe keys become free again);        \
     * *deleted (may be NULL) says how many. */                                                    \
    X(H, outbox_prune, (store *s, int64_t before, int *deleted), (s, before, deleted))

/* ---- a show's encoder endpoint (store/sql/ingress.c) ----------------------------------------
 * At most one row per show (domain/ingress.h). `request_id` names one request: the worker's
 * writes hold only while the row still answers it. */
#define STORE_OPS_INGRESS(X)                                                                       \
    /* Ask for the show's endpoint as request `request_id` at `now`: a new pending row, or a       \
     * failed one made pending again under the new request (its provider fields cleared).          \
     * *added (may be NULL) is false when a pending or ready row stands (nothing changes).         \
     * BZ_ENOTFOUND when the show does not exist. */                                               \
    X(T, ingress_request,                                                                          \
      (store *s, int64_t stream_id, int64_t request_id, int64_t now, bool *added),                 \
      (s, stream_id, request_id, now, added))                                                      \
    /* Read the show's row. BZ_ENOTFOUND when it has none. */                                      \
    X(T, ingress_get, (store *s, int64_t stream_id, bz_arena *a, show_ingress *out),               \
      (s, stream_id, a, out))                                                                      \
    /* The provider created it: the pending row of `in->request_id` becomes ready with            \
     * in->ingress_id, url, stream_key and whip (in->stream_id, request_id read too), updated_at   \
     * = `now`. BZ_ENOTFOUND when no pending row answers that request (dropped or asked anew). */  \
    X(T, ingress_ready, (store *s, const show_ingress *in, int64_t now), (s, in, now))             \
    /* The provider refused: the pending row of `request_id` becomes failed with `error`.          \
     * BZ_ENOTFOUND as ingress_ready. */                                                           \
    X(T, ingress_failed,                                                                           \
      (store *s, int64_t stream_id, int64_t request_id, const char *error, int64_t now),           \
      (s, stream_id, request_id, error, now))                                                      \
    /* Delete the show's row and read what it was, in one statement (of racing callers one gets   \
     * it). BZ_ENOTFOUND when it has none. */                                                      \
    X(T, ingress_take, (store *s, int64_t stream_id, bz_arena *a, show_ingress *out),              \
      (s, stream_id, a, out))

/* ---- recordings (store/sql/recordings.c) -----------------------------------------------
 * A show's recording setting and its recording (domain/recording.h), and its lots as the
 * replay marks them. */
#define STORE_OPS_RECORDINGS(X)                                                                    \
    /* Set whether show `id` is recorded, and stamp updated_at, only while it is scheduled.        \
     * BZ_ECONFLICT when it is not scheduled (any more), BZ_ENOTFOUND. */                          \
    X(T, stream_set_record, (store *s, int64_t id, bool record, int64_t now),                      \
      (s, id, record, now))                                                                        \
    /* Add show r->stream_id's recording, every field as given. BZ_ECONFLICT if the show has one,  \
     * BZ_ENOTFOUND if there is no such show. */                                                   \
    X(T, recording_create, (store *s, const show_recording *r), (s, r))                            \
    /* Read show `stream_id`'s recording. BZ_ENOTFOUND. */                                         \
    X(T, recording_get, (store *s, int64_t stream_id, bz_arena *a, show_recording *out),           \
      (s, stream_id, a, out))                                                                      \
    /* Write every field but created_at of r->stream_id's recording, only while its state is       \
     * `from`: of writers racing on one change exactly one succeeds. BZ_ECONFLICT when it is not   \
     * in `from`, BZ_ENOTFOUND. */                                                                 \
    X(T, recording_update, (store *s, const show_recording *r, const char *from), (s, r, from))    \
    /* The auctions of show `stream_id` in the order they started (at most 500), each with its     \
     * product's title and, when it sold, its order (not cancelled or refunded) as a sale. */      \
    X(T, stream_lots, (store *s, int64_t stream_id, bz_arena *a, recording_lot **out, size_t *n),  \
      (s, stream_id, a, out, n))

/* ---- a show's co-hosts (store/sql/cohosts.c) --------------------------------------------------- */
#define STORE_OPS_COHOSTS(X)                                                                       \
    /* Make `user_id` a current co-host of the show, invited by `by` at `now`: a new row, or a     \
     * removed one made current again. *added is false when they are current already (nothing      \
     * changes). BZ_ENOTFOUND when the show or a user is missing. */                               \
    X(T, cohost_invite,                                                                            \
      (store *s, int64_t stream_id, int64_t user_id, int64_t by, int64_t now, bool *added),        \
      (s, stream_id, user_id, by, now, added))                                                     \
    /* Stamp a current co-host removed at `now`; *removed is false when they were not current. */  \
    X(T, cohost_remove,                                                                            \
      (store *s, int64_t stream_id, int64_t user_id, int64_t now, bool *removed),                  \
      (s, stream_id, user_id, now, removed))                                                       \
    /* The row of `user_id` in the show, current or removed, with their username. BZ_ENOTFOUND     \
     * when never invited. */                                                                      \
    X(T, cohost_get,                                                                               \
      (store *s, int64_t stream_id, int64_t user_id, bz_arena *a, show_cohost *out),               \
      (s, stream_id, user_id, a, out))                                                             \
    /* The show's current co-hosts with their usernames, first invited first (ties by user id). */ \
    X(T, cohosts,                                                                                  \
      (store *s, int64_t stream_id, bz_arena *a, show_cohost **out, size_t *n),                    \
      (s, stream_id, a, out, n))

/* ---- buyers at the payment provider: customers, cards, SetupIntents (store/sql/cards.c) -- */
#define STORE_OPS_CARDS(X)                                                                         \
    /* The provider's customer of user `user_id` into *out (in `a`). BZ_ENOTFOUND when none. */    \
    X(T, customer_get, (store *s, int64_t user_id, bz_arena *a, const char **out),                 \
      (s, user_id, a, out))                                                                        \
    /* Keep `customer_id` as user `user_id`'s customer, unless they have one (the first stays:    \
     * a retried creation never replaces it). */                                                   \
    X(T, customer_set, (store *s, int64_t user_id, const char *customer_id, int64_t now),         \
      (s, user_id, customer_id, now))                                                              \
    /* A user's cards, the default first, then the newest (at most PAYMENT_CARDS_MAX + 1). */      \
    X(T, cards_of, (store *s, int64_t user_id, bz_arena *a, payment_card **out, size_t *n),        \
      (s, user_id, a, out, n))                                                                     \
    /* Card `id` of user `user_id`. BZ_ENOTFOUND (also another user's). */                         \
    X(T, card_get, (store *s, int64_t user_id, int64_t id, bz_arena *a, payment_card *out),        \
      (s, user_id, id, a, out))                                                                    \
    /* Keep card *card (is_default as given: the app clears the old default first). BZ_ECONFLICT  \
     * when its payment method is kept already (a setup reported twice), or a second default. */  \
    X(T, card_add, (store *s, const payment_card *card), (s, card))                                \
    /* Make card `id` user `user_id`'s default (the old default cleared in the same unit).         \
     * BZ_ENOTFOUND, nothing changed. */                                                           \
    X(T, card_set_default, (store *s, int64_t user_id, int64_t id), (s, user_id, id))              \
    /* Forget card `id` of user `user_id`. BZ_ENOTFOUND. */                                        \
    X(T, card_delete, (store *s, int64_t user_id, int64_t id), (s, user_id, id))                   \
    /* Keep SetupIntent row *setup. */                                                             \
    X(T, card_setup_create, (store *s, const card_setup *setup), (s, setup))                       \
    /* Setup `id`, write-locked with `lock`. BZ_ENOTFOUND. */                                      \
    X(T, card_setup_get, (store *s, int64_t id, bool lock, bz_arena *a, card_setup *out),         \
      (s, id, lock, a, out))                                                                       \
    /* The setup whose provider id is `setup_id`. BZ_ENOTFOUND. */                                 \
    X(T, card_setup_by_ref,                                                                        \
      (store *s, const char *setup_id, bz_arena *a, card_setup *out), (s, setup_id, a, out))       \
    /* Write what may change of setup->id: its provider id, secret, status, failure, card,         \
     * updated_at. BZ_ENOTFOUND. */                                                                \
    X(T, card_setup_save, (store *s, const card_setup *setup), (s, setup))

/* ---- parcels and payments (store/sql/payments.c) ------------------------------------------ */
/* Lock order: an order, then its parcel, then its payments (docs/payments.md "Checkout"). */
#define STORE_OPS_PAYMENTS(X)                                                                      \
    /* The parcel of key p->group_key, made from *p (id, buyer, seller, show, times) when there is  \
     * none yet, and write-locked until the transaction ends: *out is the row as stored. */        \
    X(T, parcel_take, (store *s, const order_parcel *p, bz_arena *a, order_parcel *out),          \
      (s, p, a, out))                                                                              \
    /* Parcel `id`. BZ_ENOTFOUND. */                                                               \
    X(T, parcel_get, (store *s, int64_t id, bz_arena *a, order_parcel *out), (s, id, a, out))     \
    /* Write parcel p->id's address (NULLs while !parcel_has_address), stamping updated_at. */    \
    X(T, parcel_save, (store *s, const order_parcel *p), (s, p))                                   \
    /* Keep payment *p and its parts[0..n) (one per order) as one unit. BZ_ECONFLICT if the id     \
     * or its intent exists. */                                                                    \
    X(T, payment_create,                                                                           \
      (store *s, const payment_record *p, const payment_part *parts, size_t n), (s, p, parts, n)) \
    /* Payment `id`, write-locked with `lock`. BZ_ENOTFOUND. */                                    \
    X(T, payment_get, (store *s, int64_t id, bool lock, bz_arena *a, payment_record *out),       \
      (s, id, lock, a, out))                                                                       \
    /* The payment whose provider intent is `intent_id` (not locked: lock its orders, then it by    \
     * payment_get, in the lock order). BZ_ENOTFOUND. */                                           \
    X(T, payment_by_intent,                                                                        \
      (store *s, const char *intent_id, bz_arena *a, payment_record *out), (s, intent_id, a, out)) \
    /* Write what may change of payment p->id: status, the provider's ids and secret, the method   \
     * used, the failure, updated_at. BZ_ENOTFOUND; BZ_ECONFLICT when another has that intent. */  \
    X(T, payment_save, (store *s, const payment_record *p), (s, p))                                \
    /* The parts of payment `payment_id`, by order id. */                                          \
    X(T, payment_parts,                                                                            \
      (store *s, int64_t payment_id, bz_arena *a, payment_part **out, size_t *n),                  \
      (s, payment_id, a, out, n))                                                                  \
    /* The payments not yet final that cover order `order_id`, newest first (at most 20). */      \
    X(T, payments_open_of_order,                                                                   \
      (store *s, int64_t order_id, bz_arena *a, payment_record **out, size_t *n),                  \
      (s, order_id, a, out, n))                                                                    \
    /* Record provider event `event_id` as processed (inside the transaction that applies it):    \
     * BZ_OK the first time, BZ_ECONFLICT when it was processed before. */                        \
    X(T, payment_event_claim, (store *s, const char *event_id, const char *type, int64_t now),   \
      (s, event_id, type, now))                                                                    \
    /* Count order `order_id`, let pass unpaid, against user `user_id` (once an order). */        \
    X(T, buyer_strike_add, (store *s, int64_t user_id, int64_t order_id, int64_t now),          \
      (s, user_id, order_id, now))                                                                 \
    /* Keep user `user_id` from bidding until `until` (UTC ms; never shortens a longer block). */  \
    X(T, user_block_bidding, (store *s, int64_t user_id, int64_t until), (s, user_id, until))     \
    /* User `user_id`'s strikes made at or after `since`: how many, and the latest (0: none). */  \
    X(T, buyer_strikes,                                                                            \
      (store *s, int64_t user_id, int64_t since, int64_t *count, int64_t *latest),                 \
      (s, user_id, since, count, latest))                                                          \
    STORE_OPS_CARDS(X)

/* ---- receipts and commission invoices (store/sql/documents.c) ---------------------------- */
#define STORE_OPS_DOCUMENTS(X)                                                                     \
    /* The next number of seller `seller_id`'s documents of `kind` ("receipt" |                  \
     * "commission_invoice") into *seq: 1 for the first. Inside a transaction, which it holds     \
     * on the seller's counter until it ends: numbers run without gaps. */                        \
    X(T, document_seq_next, (store *s, int64_t seller_id, const char *kind, int64_t *seq),        \
      (s, seller_id, kind, seq))                                                                   \
    /* Keep document *r, numbered and pending. BZ_ECONFLICT when its order already has one of     \
     * its kind. */                                                                                \
    X(T, document_add, (store *s, const receipt_record *r), (s, r))                                \
    /* Document `id` into *out (strings in `a`). BZ_ENOTFOUND. */                                  \
    X(T, document_get, (store *s, int64_t id, bz_arena *a, receipt_record *out),                  \
      (s, id, a, out))                                                                             \
    /* Mark document r->id ready: its blob_key, size and rendered_at. BZ_ENOTFOUND. */            \
    X(T, document_ready, (store *s, const receipt_record *r), (s, r))                              \
    /* The documents of order `order_id`, receipts first (at most 2). */                          \
    X(T, documents_of_order,                                                                       \
      (store *s, int64_t order_id, bz_arena *a, receipt_record **out, size_t *n),                  \
      (s, order_id, a, out, n))

/* ---- refunds and disputes (store/sql/refunds.c) ------------------------------------------- */
/* Written under the order's lock (refunds) or the payment's orders' locks (disputes): lock
 * order as for payments (an order, then its parcel, then its payment). */
#define STORE_OPS_REFUNDS(X)                                                                       \
    /* Keep refund *r. BZ_ECONFLICT if its id or its provider id exists. */                       \
    X(T, refund_create, (store *s, const refund_record *r), (s, r))                                \
    /* Refund `id`. BZ_ENOTFOUND. */                                                               \
    X(T, refund_get, (store *s, int64_t id, bz_arena *a, refund_record *out), (s, id, a, out))     \
    /* Write refund r->id's status and updated_at, and its provider id when r has one (a known one \
     * stays). BZ_ENOTFOUND; BZ_ECONFLICT when another refund has that provider id. */            \
    X(T, refund_save, (store *s, const refund_record *r), (s, r))                                  \
    /* The refunds of order `order_id` (!= 0; at most 200), else of payment `payment_id` (at most  \
     * 500), oldest first. */                                                                      \
    X(T, refunds_of,                                                                               \
      (store *s, int64_t order_id, int64_t payment_id, bz_arena *a, refund_record **out,           \
       size_t *n),                                                                                 \
      (s, order_id, payment_id, a, out, n))                                                        \
    /* Keep dispute *d. BZ_ECONFLICT when its provider id is known already. */                     \
    X(T, dispute_create, (store *s, const dispute_record *d), (s, d))                              \
    /* The dispute of provider id `provider_id`. BZ_ENOTFOUND. */                                  \
    X(T, dispute_by_ref,                                                                           \
      (store *s, const char *provider_id, bz_arena *a, dispute_record *out),                       \
      (s, provider_id, a, out))                                                                    \
    /* Write dispute d->id's status and closed_at. BZ_ENOTFOUND. */                                \
    X(T, dispute_save, (store *s, const dispute_record *d), (s, d))                                \
    /* One notification *n for one user (n->kind, stream_id or order_id, title, created_at); the   \
     * store makes the id: *out is the row made (notifications.c). */ \
    X(T, notification_add, (store *s, const notification *n, bz_arena *a, notification *out),     \
      (s, n, a, out))

/* ---- sellers' plans: their subscription (store/sql/plans.c; migrations/0018) ------------ */
#define STORE_OPS_PLANS(X)                                                                         \
    /* Seller `seller_id`'s plan row, write-locked with `lock`. BZ_ENOTFOUND when they never      \
     * subscribed. Texts never NULL ("" when unset). */                                            \
    X(T, plan_get, (store *s, int64_t seller_id, bool lock, bz_arena *a, seller_plan *out),       \
      (s, seller_id, lock, a, out))                                                                \
    /* The row whose provider subscription is `subscription_id` (not locked). BZ_ENOTFOUND. */    \
    X(T, plan_by_sub,                                                                              \
      (store *s, const char *subscription_id, bz_arena *a, seller_plan *out),                      \
      (s, subscription_id, a, out))                                                                \
    /* Write row *p whole, made when the seller has none ("" texts stored as NULL).                \
     * BZ_ECONFLICT when another row has its subscription_id. */                                   \
    X(T, plan_put, (store *s, const seller_plan *p), (s, p))

/* ---- sellers' payouts: connected accounts, transfers, payouts (store/sql/payouts.c) -------
 * domain/payout.h; migrations/0021. A transfer is keyed by its order (one an order). */
#define STORE_OPS_PAYOUTS(X)                                                                       \
    /* Seller `seller_id`'s connected account. BZ_ENOTFOUND when they have none. */                \
    X(T, payout_account_get, (store *s, int64_t seller_id, bz_arena *a, payout_account *out),     \
      (s, seller_id, a, out))                                                                      \
    /* The account whose provider id is `account_id`. BZ_ENOTFOUND. */                            \
    X(T, payout_account_by_ref,                                                                    \
      (store *s, const char *account_id, bz_arena *a, payout_account *out),                        \
      (s, account_id, a, out))                                                                     \
    /* Keep *acct as acct->seller_id's account: a new row, or its flags, requirements and          \
     * updated_at written over the old; an account id once kept stays (a retried creation never   \
     * replaces it; NULL or "" leaves it). BZ_ECONFLICT when another seller has that account. */  \
    X(T, payout_account_put, (store *s, const payout_account *acct), (s, acct))                    \
    /* Keep onboarding request *o. */                                                              \
    X(T, payout_onboarding_create, (store *s, const payout_onboarding *o), (s, o))                 \
    /* Onboarding request `id`. BZ_ENOTFOUND. */                                                   \
    X(T, payout_onboarding_get, (store *s, int64_t id, bz_arena *a, payout_onboarding *out),      \
      (s, id, a, out))                                                                             \
    /* Write o->id's status, url, expires_at, failure, updated_at. BZ_ENOTFOUND. */               \
    X(T, payout_onboarding_save, (store *s, const payout_onboarding *o), (s, o))                   \
    /* Keep transfer *t of order t->order_id. BZ_ECONFLICT when the order has one. */             \
    X(T, transfer_create, (store *s, const payout_transfer *t), (s, t))                            \
    /* The transfer of order `order_id`, write-locked with `lock`. BZ_ENOTFOUND. */               \
    X(T, transfer_get,                                                                             \
      (store *s, int64_t order_id, bool lock, bz_arena *a, payout_transfer *out),                  \
      (s, order_id, lock, a, out))                                                                 \
    /* Write t->order_id's status, transfer id, amount, reversed, updated_at. BZ_ENOTFOUND;       \
     * BZ_ECONFLICT when another transfer has that provider id. */                                \
    X(T, transfer_save, (store *s, const payout_transfer *t), (s, t))                              \
    /* The seller's transfers of state `status`, oldest order first (at most `limit`). */          \
    X(T, transfers_in_state,                                                                       \
      (store *s, int64_t seller_id, const char *status, int limit, bz_arena *a,                    \
       payout_transfer **out, size_t *n),                                                          \
      (s, seller_id, status, limit, a, out, n))                                                    \
    /* The seller's transfers, newest order first (at most `limit`). */                           \
    X(T, transfers_of,                                                                             \
      (store *s, int64_t seller_id, int limit, bz_arena *a, payout_transfer **out, size_t *n),     \
      (s, seller_id, limit, a, out, n))                                                            \
    /* Keep payout *p (p->id new). BZ_ECONFLICT when its provider payout is kept already. */      \
    X(T, payout_add, (store *s, const seller_payout *p), (s, p))                                   \
    /* The seller's payouts, newest first (at most `limit`), and the sum of all of them. */       \
    X(T, payouts_of,                                                                               \
      (store *s, int64_t seller_id, int limit, bz_arena *a, seller_payout **out, size_t *n,        \
       int64_t *total),                                                                            \
      (s, seller_id, limit, a, out, n, total))                                                     \
    /* Every order of the seller that was paid (paid > 0), by id, with whether its transfer is    \
     * sent: what a payouts page adds up. */                                                       \
    X(T, seller_earnings,                                                                          \
      (store *s, int64_t seller_id, bz_arena *a, payout_earning **out, size_t *n),                 \
      (s, seller_id, a, out, n))                                                                   \
    /* Ids of delivered orders delivered at or before `before` with no open report, the           \
     * longest delivered first (at most `limit`): those whose buyer-protection window is over. */  \
    X(T, orders_to_complete,                                                                       \
      (store *s, int64_t before, int limit, bz_arena *a, int64_t **ids, size_t *n),               \
      (s, before, limit, a, ids, n))

/* ---- shipments: parcels, their orders and tracking; problem reports (store/sql/shipments.c) -
 * domain/shipment.h; migrations/0023. A shipment's orders are held (shipment_orders.active)
 * while shipment_state_active(status): an order is in at most one active shipment. */
#define STORE_OPS_SHIPMENTS(X)                                                                     \
    /* Keep shipment *sh (sh->id new) holding orders ids[0..n) (1..SHIPMENT_ORDERS_MAX), all      \
     * held. BZ_ECONFLICT, keeping nothing, when one of them is in an active shipment already or  \
     * the requested tracking number is taken; BZ_ENOTFOUND when an order does not exist. */       \
    X(T, shipment_create,                                                                          \
      (store *s, const shipment_record *sh, const int64_t *ids, size_t n),                         \
      (s, sh, ids, n))                                                                             \
    /* Shipment `id`, write-locked with `lock`. BZ_ENOTFOUND. */                                   \
    X(T, shipment_get, (store *s, int64_t id, bool lock, bz_arena *a, shipment_record *out),      \
      (s, id, lock, a, out))                                                                       \
    /* The shipment of the carrier's tracking number, write-locked. BZ_ENOTFOUND. */              \
    X(T, shipment_by_tracking,                                                                     \
      (store *s, const char *tracking, bz_arena *a, shipment_record *out),                         \
      (s, tracking, a, out))                                                                       \
    /* The shipment of our requested tracking number, write-locked. BZ_ENOTFOUND. */              \
    X(T, shipment_by_requested,                                                                    \
      (store *s, const char *requested, bz_arena *a, shipment_record *out),                        \
      (s, requested, a, out))                                                                      \
    /* The seller's shipments in `status` ("" or NULL: any), newest first, at most `limit`        \
     * (1..100). */                                                                                \
    X(T, shipments_of_seller,                                                                      \
      (store *s, int64_t seller_id, const char *status, int limit, bz_arena *a,                    \
       shipment_record **out, size_t *n),                                                          \
      (s, seller_id, status, limit, a, out, n))                                                    \
    /* Write sh->id's status, tracking number, label key, failure, last_event_at, updated_at      \
     * ("" texts stored as NULL), and whether its orders stay held (shipment_state_active of the  \
     * status). BZ_ENOTFOUND; BZ_ECONFLICT when another shipment has that tracking number. */     \
    X(T, shipment_save, (store *s, const shipment_record *sh), (s, sh))                            \
    /* Ids of the orders of shipment `id`, ascending (at most SHIPMENT_ORDERS_MAX). */             \
    X(T, shipment_order_ids,                                                                       \
      (store *s, int64_t id, bz_arena *a, int64_t **ids, size_t *n), (s, id, a, ids, n))           \
    /* The seller's orders waiting to ship: paid, or shipped and returned, in no active           \
     * shipment; by buyer, then oldest order first, at most 500; with each buyer's username. */  \
    X(T, orders_to_ship,                                                                           \
      (store *s, int64_t seller_id, bz_arena *a, shipment_pending **out, size_t *n),               \
      (s, seller_id, a, out, n))                                                                   \
    /* Add tracking event *e (e->id new) to its shipment's timeline. BZ_ECONFLICT when the        \
     * timeline has that text at that time already (a duplicate webhook: nothing added). */       \
    X(T, shipment_event_add, (store *s, const shipment_event_rec *e), (s, e))                      \
    /* The timeline of shipment `id`: oldest first (by time, then id), at most 200. */             \
    X(T, shipment_events,                                                                          \
      (store *s, int64_t id, bz_arena *a, shipment_event_rec **out, size_t *n), (s, id, a, out, n)) \
    /* Keep report *r (r->id new). BZ_ENOTFOUND when its order does not exist. */                 \
    X(T, report_create, (store *s, const order_report *r), (s, r))                                 \
    /* Report `id`, write-locked with `lock`. BZ_ENOTFOUND. */                                     \
    X(T, report_get, (store *s, int64_t id, bool lock, bz_arena *a, order_report *out),           \
      (s, id, lock, a, out))                                                                       \
    /* The reports of order `order_id`, oldest first (at most 50). */                              \
    X(T, reports_of_order,                                                                         \
      (store *s, int64_t order_id, bz_arena *a, order_report **out, size_t *n),                    \
      (s, order_id, a, out, n))                                                                    \
    /* Write r->id's status, answer ("" as NULL) and updated_at. BZ_ENOTFOUND. */                 \
    X(T, report_save, (store *s, const order_report *r), (s, r))

/* Every operation, in order. */
#define STORE_OPS(X)                                                                               \
    STORE_OPS_USERS(X)                                                                             \
    STORE_OPS_SESSIONS(X)                                                                          \
    STORE_OPS_SELLERS(X)                                                                           \
    STORE_OPS_ADDRESSES(X)                                                                         \
    STORE_OPS_CATALOG(X)                                                                           \
    STORE_OPS_IMAGES(X)                                                                            \
    STORE_OPS_STREAMS(X)                                                                           \
    STORE_OPS_AUCTIONS(X)                                                                          \
    STORE_OPS_ORDERS(X)                                                                            \
    STORE_OPS_PAYMENTS(X)                                                                          \
    STORE_OPS_DOCUMENTS(X)                                                                         \
    STORE_OPS_REFUNDS(X)                                                                           \
    STORE_OPS_PLANS(X)                                                                             \
    STORE_OPS_CHAT(X)                                                                              \
    STORE_OPS_MODERATION(X)                                                                        \
    STORE_OPS_WELLBEING(X)                                                                         \
    STORE_OPS_NOTIFICATIONS(X)                                                                     \
    STORE_OPS_PREBIDS(X)                                                                           \
    STORE_OPS_OUTBOX(X)                                                                            \
    STORE_OPS_INGRESS(X)                                                                           \
    STORE_OPS_RECORDINGS(X)                                                                        \
    STORE_OPS_COHOSTS(X)                                                                           \
    STORE_OPS_PAYOUTS(X)                                                                           \
    STORE_OPS_SHIPMENTS(X)
/* clang-format on */

#endif
