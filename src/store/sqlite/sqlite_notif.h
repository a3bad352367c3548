/*
 * store/sqlite/sqlite_notif.h - the notifications part of the SQLite adapter
 * (notifications.c): its statement numbers, after the chat half's inside the
 * block SQ_CHAT_FIRST..SQ_CHAT_LAST (so no edit to the central enum). Its
 * functions are declared from app/ports/store_ops.h.
 */
#ifndef STORE_SQLITE_NOTIF_H
#define STORE_SQLITE_NOTIF_H

#include "store/sqlite/sqlite_chat.h"

enum sq_notif_stmt { SQN_NOTIFY_LIVE = SQC_END, SQN_LIST, SQN_UNREAD, SQN_MARK_READ, SQN_END };
_Static_assert(SQN_END <= SQ_CHAT_LAST + 1, "grow the SQ_CHAT block in sqlite_internal.h");

#endif
