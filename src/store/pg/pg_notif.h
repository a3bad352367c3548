/*
 * store/pg/pg_notif.h - the notifications part of the PostgreSQL adapter
 * (notifications.c): its statement numbers, after the chat half's inside
 * the block PG_CHAT_FIRST..PG_CHAT_LAST (so no edit to the central enum),
 * and its entries of the ops table.
 */
#ifndef STORE_PG_NOTIF_H
#define STORE_PG_NOTIF_H

#include "store/pg/pg_chat.h"

enum pg_notif_stmt { PGN_NOTIFY_LIVE = PGC_END, PGN_LIST, PGN_UNREAD, PGN_MARK_READ, PGN_END };
_Static_assert(PGN_END <= PG_CHAT_LAST + 1, "grow the PG_CHAT block in pg_internal.h");

int pg_notify_followers_live(store *s, int64_t stream_id, int64_t now, bz_arena *a,
                             store_notification **out, size_t *n);
int pg_notifications_of(store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                        store_notification **out, store_page *page, int64_t *unread);
int pg_notification_mark_read(store *s, int64_t user_id, int64_t id, int64_t now);

#endif
