/*
 * store/pg/notifications.c - in-app notifications: the fan-out made when a
 * show goes live (one INSERT ... SELECT from follows, ids by identity), a
 * user's list with the unread count, and marking one read.
 */
#include "base/err.h"
#include "store/pg/pg_notif.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

#define NOTIF_COLS "id, user_id, kind, coalesce(stream_id, 0), title, created_at, read_at"

static void read_notif(pg_row *r, store_notification *out)
{
    out->id = pg_i64(r, 0);
    out->user_id = pg_i64(r, 1);
    out->kind = pg_text(r, 2);
    out->stream_id = pg_i64(r, 3);
    out->title = pg_text(r, 4);
    out->created_at = pg_i64(r, 5);
    out->read_at = pg_i64(r, 6);
}

/* The first n rows of res, read into arena memory. */
static int read_rows(PGresult *res, size_t n, bz_arena *a, store_notification **out)
{
    store_notification *rows = bz_arena_calloc(a, n ? n : 1, sizeof(*rows));
    pg_row r = {res, 0, a, true};
    for (size_t i = 0; rows && i < n; i++) {
        r.row = (int)i;
        read_notif(&r, &rows[i]);
    }
    *out = rows;
    return rows && r.ok ? BZ_OK : BZ_EINTERNAL;
}

int pg_notify_followers_live(store *st, int64_t stream_id, int64_t now, bz_arena *a,
                             store_notification **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    pg_params p = {0};
    pg_p_i64(&p, stream_id);
    pg_p_i64(&p, now);
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), (enum pg_stmt_id)PGN_NOTIFY_LIVE,
                      "INSERT INTO notifications (user_id, kind, stream_id, title, created_at) "
                      "SELECT f.user_id, 'show_live', s.id, s.title, $2::bigint "
                      "FROM streams s JOIN follows f ON f.seller_id = s.seller_id "
                      "WHERE s.id = $1 RETURNING " NOTIF_COLS,
                      NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t count = (size_t)PQntuples(res);
    store_notification *rows = NULL;
    rc = read_rows(res, count, a, &rows);
    PQclear(res);
    if (rc == BZ_OK) {
        *out = rows;
        *n = count;
    }
    return rc;
}

int pg_notifications_of(store *st, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                        store_notification **out, store_page *page, int64_t *unread)
{
    pg_store *s = pg_of(st);
    limit = store_clamp_limit(limit);
    pg_params p = {0};
    pg_p_i64(&p, user_id);
    pg_p_i64(&p, cursor > 0 ? cursor : INT64_MAX);
    pg_p_i64(&p, limit + 1); /* one more tells whether a next page exists */
    PGresult *res = NULL;
    int rc = pg_query(s, (enum pg_stmt_id)PGN_LIST,
                      "SELECT " NOTIF_COLS " FROM notifications "
                      "WHERE user_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
                      NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t n = (size_t)PQntuples(res);
    bool more = n > (size_t)limit;
    if (more) {
        n = (size_t)limit;
    }
    store_notification *rows = NULL;
    rc = read_rows(res, n, a, &rows);
    PQclear(res);
    if (rc == BZ_OK && unread) {
        const int64_t args[] = {user_id};
        rc = pgc_ints(s, PGN_UNREAD,
                      "SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
                      args, 1, unread, 1, NULL);
    }
    page->n = rc == BZ_OK ? n : 0;
    page->next_cursor = rc == BZ_OK && more ? rows[n - 1].id : 0;
    *out = rc == BZ_OK ? rows : NULL;
    return rc;
}

int pg_notification_mark_read(store *st, int64_t user_id, int64_t id, int64_t now)
{
    const int64_t args[] = {id, user_id, now};
    int changes = 0;
    /* The user's id in the WHERE makes someone else's notification look absent. */
    int rc = pgc_exec(pg_of(st), PGN_MARK_READ,
                      "UPDATE notifications SET read_at = coalesce(read_at, $3) "
                      "WHERE id = $1 AND user_id = $2",
                      args, 3, &changes);
    if (rc == BZ_OK && changes == 0) {
        rc = BZ_ENOTFOUND;
    }
    return rc;
}
