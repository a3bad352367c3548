/*
 * store/sqlite/sqlite_prebid.h - the pre-bids part of the SQLite adapter
 * (prebids.c): its statement numbers, inside the block
 * SQ_CHAT_FIRST..SQ_CHAT_LAST (so no edit to the central enum). Its
 * functions are declared from app/ports/store_ops.h.
 */
#ifndef STORE_SQLITE_PREBID_H
#define STORE_SQLITE_PREBID_H

#include "store/sqlite/sqlite_internal.h"

enum sq_prebid_stmt { SQP_PUT = SQ_CHAT_FIRST, SQP_OF_LOT, SQP_OF_BIDDER, SQP_DELETE, SQP_END };
_Static_assert(SQP_END <= SQ_CHAT_LAST + 1, "grow the SQ_CHAT block in sqlite_internal.h");

#endif
