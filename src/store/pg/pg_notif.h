/*
 * store/pg/pg_notif.h - the notifications part of the PostgreSQL adapter
 * (notifications.c): its statement numbers, after the chat half's inside the
 * block PG_CHAT_FIRST..PG_CHAT_LAST (so no edit to the central enum). Its
 * functions are declared from app/ports/store_ops.h.
 */
#ifndef STORE_PG_NOTIF_H
#define STORE_PG_NOTIF_H

#include "store/pg/pg_chat.h"

enum pg_notif_stmt { PGN_NOTIFY_LIVE = PGC_END, PGN_LIST, PGN_UNREAD, PGN_MARK_READ, PGN_END };
_Static_assert(PGN_END <= PG_CHAT_LAST + 1, "grow the PG_CHAT block in pg_internal.h");

#endif
