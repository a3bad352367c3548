/*
 * store/sql/notifications.c - in-app notifications: the fan-out made when a
 * show goes live (one INSERT ... SELECT from follows, ids made by the
 * database), a user's list with the unread count, and marking one read.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <stdint.h>

#define NOTIF_COLS                                                                                 \
    "id, user_id, kind, coalesce(stream_id, 0), coalesce(order_id, 0), title, created_at, read_at"

#define F(kind, field) SQL_COL(kind, notification, field)
SQL_READER(read_notif, notification, F(I64, id), F(I64, user_id), F(TEXT, kind), F(I64, stream_id),
           F(I64, order_id), F(TEXT, title), F(I64, created_at), F(I64, read_at))
#undef F

/* PostgreSQL cannot infer the type of a parameter in a SELECT list: hence the CAST. */
static db_query Q_NOTIFY_LIVE =
    DB_QUERY("INSERT INTO notifications (user_id, kind, stream_id, title, created_at) "
             "SELECT f.user_id, 'show_live', s.id, s.title, CAST($2 AS BIGINT) "
             "FROM streams s JOIN follows f ON f.seller_id = s.seller_id "
             "WHERE s.id = $1 RETURNING " NOTIF_COLS);

int sql_notify_followers_live(store *s, int64_t stream_id, int64_t now, bz_arena *a,
                              notification **out, size_t *n)
{
    const int64_t v[] = {stream_id, now};
    int rc;
    *out = db_fetch_all(sql_prepare_ints(sql_db(s), &Q_NOTIFY_LIVE, v, 2), a, read_notif,
                        sizeof(**out), n, &rc);
    return rc;
}

/* The cursor is the id of the last notification shown; one row more than the page tells
 * whether a next page exists. */
static db_query Q_LIST = DB_QUERY("SELECT " NOTIF_COLS " FROM notifications "
                                  "WHERE user_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3");
static db_query Q_UNREAD =
    DB_QUERY("SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL");

int sql_notifications_of(store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                         notification **out, store_page *page, int64_t *unread)
{
    db_conn *c = sql_db(s);
    void *rows = NULL;
    int rc = sql_fetch_newest(c, &Q_LIST, user_id, cursor, limit, a, read_notif, sizeof(**out),
                              offsetof(notification, id), &rows, page);
    if (rc == BZ_OK && unread) {
        rc = sql_fetch_ints(sql_prepare_ints(c, &Q_UNREAD, &user_id, 1), &unread, 1);
    }
    if (rc != BZ_OK) {
        rows = NULL;
        *page = (store_page){0};
    }
    *out = rows;
    return rc;
}

/* coalesce keeps the first read_at; the user's id in the WHERE makes someone else's
 * notification look absent. */
static db_query Q_MARK_READ = DB_QUERY("UPDATE notifications SET read_at = coalesce(read_at, $3) "
                                       "WHERE id = $1 AND user_id = $2");

int sql_notification_mark_read(store *s, int64_t user_id, int64_t id, int64_t now)
{
    const int64_t v[] = {id, user_id, now};
    return sql_exec_one(sql_prepare_ints(sql_db(s), &Q_MARK_READ, v, 3), true);
}

static db_query Q_NOTIFY_ONE =
    DB_QUERY("INSERT INTO notifications (user_id, kind, stream_id, order_id, title, created_at) "
             "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " NOTIF_COLS);

int sql_notification_add(store *s, const notification *n, bz_arena *a, notification *out)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_NOTIFY_ONE, SQL_I64(n->user_id), SQL_TEXT(n->kind),
                             SQL_ID(n->stream_id), SQL_ID(n->order_id), SQL_TEXT(n->title),
                             SQL_I64(n->created_at));
    return db_fetch_one(q, a, read_notif, out);
}
