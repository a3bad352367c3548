/*
 * app/ports/store_ops_outbox.h - the store operations of the outbox (store/sql/outbox.c): the list
 * STORE_OPS_OUTBOX of app/ports/store_ops.h, which says what an X line holds and includes this
 * header; nothing else should.
 *
 * Side effects outside the database, one row each, run by workers (app/outbox.h). A claim is
 * (id, attempts, lease_until) as outbox_claim returned them; done / retry / park change the
 * row only while it still holds (BZ_ECONFLICT when another claim overtook it or the row is no
 * longer pending, BZ_ENOTFOUND when there is no such row). Times are the caller's.
 */
#ifndef APP_PORTS_STORE_OPS_OUTBOX_H
#define APP_PORTS_STORE_OPS_OUTBOX_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
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
/* clang-format on */

#endif
