/*
 * store/pg/pg_prebid.h - the pre-bids part of the PostgreSQL adapter
 * (prebids.c): its statement numbers, after the notifications' inside the
 * block PG_CHAT_FIRST..PG_CHAT_LAST (so no edit to the central enum), and its
 * entries of the ops table.
 */
#ifndef STORE_PG_PREBID_H
#define STORE_PG_PREBID_H

#include "store/pg/pg_notif.h"

enum pg_prebid_stmt { PGP_PUT = PGN_END, PGP_ID, PGP_OF_LOT, PGP_OF_BIDDER, PGP_DELETE, PGP_END };
_Static_assert(PGP_END <= PG_CHAT_LAST + 1, "grow the PG_CHAT block in pg_internal.h");

int pg_prebid_put(store *s, store_prebid *p);
int pg_prebids_of_lot(store *s, int64_t stream_id, int64_t product_id, bz_arena *a,
                      store_prebid **out, size_t *n);
int pg_prebids_of_bidder(store *s, int64_t stream_id, int64_t bidder_id, bz_arena *a,
                         store_prebid **out, size_t *n);
int pg_prebid_delete(store *s, int64_t stream_id, int64_t product_id, int64_t bidder_id);

#endif
