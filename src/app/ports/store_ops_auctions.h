/*
 * app/ports/store_ops_auctions.h - the store operations of auctions, bids (store/sql/auctions.c,
 * bids.c): the list STORE_OPS_AUCTIONS of app/ports/store_ops.h, which says what an X line holds
 * and includes this header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_AUCTIONS_H
#define APP_PORTS_STORE_OPS_AUCTIONS_H

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
/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
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
/* clang-format on */

#endif
