/*
 * store/sqlite/sqlite_notif.h - the notifications part of the SQLite
 * adapter (notifications.c): its statement numbers, after the chat half's
 * inside the block SQ_CHAT_FIRST..SQ_CHAT_LAST (so no edit to the central
 * enum), and its entries of the ops table.
 */
#ifndef STORE_SQLITE_NOTIF_H
#define STORE_SQLITE_NOTIF_H

#include "store/sqlite/sqlite_chat.h"

enum sq_notif_stmt { SQN_NOTIFY_LIVE = SQC_END, SQN_LIST, SQN_UNREAD, SQN_MARK_READ, SQN_END };
_Static_assert(SQN_END <= SQ_CHAT_LAST + 1, "grow the SQ_CHAT block in sqlite_internal.h");

int sq_notify_followers_live(store *s, int64_t stream_id, int64_t now, bz_arena *a,
                             store_notification **out, size_t *n);
int sq_notifications_of(store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                        store_notification **out, store_page *page, int64_t *unread);
int sq_notification_mark_read(store *s, int64_t user_id, int64_t id, int64_t now);

#endif
