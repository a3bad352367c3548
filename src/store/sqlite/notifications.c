/*
 * store/sqlite/notifications.c - in-app notifications: the fan-out made when
 * a show goes live (one INSERT ... SELECT from follows, ids by rowid), a
 * user's list with the unread count, and marking one read.
 */
#include "base/err.h"
#include "store/sqlite/sqlite_notif.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

#define NOTIF_COLS "id, user_id, kind, coalesce(stream_id, 0), title, created_at, read_at"

static void read_notif(sq_row *r, store_notification *out)
{
    out->id = sq_i64(r, 0);
    out->user_id = sq_i64(r, 1);
    out->kind = sq_text(r, 2);
    out->stream_id = sq_i64(r, 3);
    out->title = sq_text(r, 4);
    out->created_at = sq_i64(r, 5);
    out->read_at = sq_i64(r, 6);
}

/* Room for one more row in an arena array that doubles; false when the arena is out. */
static bool grow(bz_arena *a, store_notification **rows, size_t n, size_t *cap)
{
    if (n < *cap) {
        return true;
    }
    size_t cap2 = *cap ? *cap * 2 : 16;
    store_notification *bigger = bz_arena_calloc(a, cap2, sizeof(*bigger));
    if (!bigger) {
        return false;
    }
    if (n) {
        memcpy(bigger, *rows, n * sizeof(*bigger));
    }
    *rows = bigger;
    *cap = cap2;
    return true;
}

int sq_notify_followers_live(store *st, int64_t stream_id, int64_t now, bz_arena *a,
                             store_notification **out, size_t *n)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *q = sq_stmt(s, (enum sq_stmt_id)SQN_NOTIFY_LIVE,
                              "INSERT INTO notifications (user_id, kind, stream_id, title, "
                              "created_at) SELECT f.user_id, 'show_live', s.id, s.title, ?2 "
                              "FROM streams s JOIN follows f ON f.seller_id = s.seller_id "
                              "WHERE s.id = ?1 RETURNING " NOTIF_COLS,
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, stream_id);
    sqlite3_bind_int64(q, 2, now);
    store_notification *rows = NULL;
    size_t count = 0, cap = 0;
    sq_row r = {q, a, true};
    int src;
    /* RETURNING rows come one step at a time; the insert is complete once stepping is done. */
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        if (!grow(a, &rows, count, &cap)) {
            r.ok = false;
            continue;
        }
        read_notif(&r, &rows[count++]);
    }
    rc = src == SQLITE_DONE ? BZ_OK : sq_error(s, src);
    sq_done(q);
    if (rc == BZ_OK && !r.ok) {
        rc = BZ_EINTERNAL;
    }
    if (rc == BZ_OK) {
        *out = rows;
        *n = count;
    }
    return rc;
}

static int unread_of(sq_store *s, int64_t user_id, int64_t *unread)
{
    const int64_t args[] = {user_id};
    return sqc_ints(s, SQN_UNREAD,
                    "SELECT count(*) FROM notifications WHERE user_id = ?1 AND read_at IS NULL",
                    args, 1, unread, 1, NULL);
}

int sq_notifications_of(store *st, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                        store_notification **out, store_page *page, int64_t *unread)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, (enum sq_stmt_id)SQN_LIST,
                              "SELECT " NOTIF_COLS " FROM notifications "
                              "WHERE user_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3",
                              &rc);
    if (!q) {
        return rc;
    }
    limit = store_clamp_limit(limit);
    store_notification *rows = bz_arena_calloc(a, (size_t)limit + 1, sizeof(*rows));
    if (!rows) {
        return BZ_EINTERNAL;
    }
    sqlite3_bind_int64(q, 1, user_id);
    sqlite3_bind_int64(q, 2, cursor > 0 ? cursor : INT64_MAX);
    sqlite3_bind_int(q, 3, limit + 1); /* one more tells whether a next page exists */
    size_t n = 0;
    sq_row r = {q, a, true};
    int src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW && n <= (size_t)limit) {
        read_notif(&r, &rows[n++]);
    }
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sq_done(q);
    if (rc == BZ_OK && !r.ok) {
        rc = BZ_EINTERNAL;
    }
    if (rc == BZ_OK && unread) {
        rc = unread_of(s, user_id, unread);
    }
    bool more = n > (size_t)limit;
    if (more) {
        n = (size_t)limit;
    }
    page->n = rc == BZ_OK ? n : 0;
    page->next_cursor = rc == BZ_OK && more ? rows[n - 1].id : 0;
    *out = rc == BZ_OK ? rows : NULL;
    return rc;
}

int sq_notification_mark_read(store *st, int64_t user_id, int64_t id, int64_t now)
{
    const int64_t args[] = {id, user_id, now};
    int changes = 0;
    /* The user's id in the WHERE makes someone else's notification look absent. */
    int rc = sqc_exec(sq_of(st), SQN_MARK_READ,
                      "UPDATE notifications SET read_at = coalesce(read_at, ?3) "
                      "WHERE id = ?1 AND user_id = ?2",
                      args, 3, &changes);
    if (rc == BZ_OK && changes == 0) {
        rc = BZ_ENOTFOUND;
    }
    return rc;
}
