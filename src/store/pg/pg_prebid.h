/*
 * store/pg/pg_prebid.h - the pre-bids part of the PostgreSQL adapter
 * (prebids.c): its statement numbers, inside the block
 * PG_CHAT_FIRST..PG_CHAT_LAST (so no edit to the central enum). Its
 * functions are declared from app/ports/store_ops.h.
 */
#ifndef STORE_PG_PREBID_H
#define STORE_PG_PREBID_H

#include "store/pg/pg_internal.h"

enum pg_prebid_stmt {
    PGP_PUT = PG_CHAT_FIRST,
    PGP_ID,
    PGP_OF_LOT,
    PGP_OF_BIDDER,
    PGP_DELETE,
    PGP_END
};
_Static_assert(PGP_END <= PG_CHAT_LAST + 1, "grow the PG_CHAT block in pg_internal.h");

#endif
