/*
 * store/sqlite/chat.c - chat messages: append, read, page (newest first,
 * deleted ones left out), soft delete, and the activity figures the rate
 * limits need. Also the small integer-query helpers the chat half of the
 * adapter shares (sqlite_chat.h).
 */
#include "base/err.h"
#include "store/sqlite/sqlite_chat.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

#define MSG_COLS                                                                                   \
    "m.id, m.stream_id, m.user_id, u.username, m.text, m.created_at, m.deleted_at, m.deleted_by"
#define MSG_FROM " FROM chat_messages m JOIN users u ON u.id = m.user_id "

/* ---- helpers ------------------------------------------------------------- */

static sqlite3_stmt *bound(sq_store *s, int id, const char *sql, const int64_t *args, int nargs,
                           int *rc)
{
    sqlite3_stmt *q = sq_stmt(s, (enum sq_stmt_id)id, sql, rc);
    for (int i = 0; q && i < nargs; i++) {
        sqlite3_bind_int64(q, i + 1, args[i]);
    }
    return q;
}

int sqc_ints(sq_store *s, int id, const char *sql, const int64_t *args, int nargs, int64_t *out,
             int ncols, bool *found)
{
    int rc = BZ_OK;
    sqlite3_stmt *q = bound(s, id, sql, args, nargs, &rc);
    if (!q) {
        return rc;
    }
    int src = sqlite3_step(q);
    for (int i = 0; i < ncols; i++) {
        out[i] = src == SQLITE_ROW ? sqlite3_column_int64(q, i) : 0;
    }
    if (found) {
        *found = src == SQLITE_ROW;
    }
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sq_done(q);
    return rc;
}

int sqc_exec(sq_store *s, int id, const char *sql, const int64_t *args, int nargs, int *changes)
{
    int rc = BZ_OK;
    sqlite3_stmt *q = bound(s, id, sql, args, nargs, &rc);
    return q ? sq_run(s, q, changes) : rc;
}

static void read_message(sq_row *r, void *dst)
{
    store_chat_message *out = dst;
    memset(out, 0, sizeof(*out));
    out->id = sq_i64(r, 0);
    out->stream_id = sq_i64(r, 1);
    out->user_id = sq_i64(r, 2);
    out->username = sq_text(r, 3);
    out->text = sq_text(r, 4);
    out->created_at = sq_i64(r, 5);
    out->deleted_at = sq_i64(r, 6);
    out->deleted_by = sq_i64(r, 7);
}

/* ---- messages ------------------------------------------------------------ */

int sq_chat_message_insert(store *st, const store_chat_message *m)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, (enum sq_stmt_id)SQC_MSG_INSERT,
                              "INSERT INTO chat_messages (id, stream_id, user_id, text, "
                              "created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, m->id);
    sqlite3_bind_int64(q, 2, m->stream_id);
    sqlite3_bind_int64(q, 3, m->user_id);
    sq_bind_text(q, 4, m->text);
    sqlite3_bind_int64(q, 5, m->created_at);
    return sq_run(s, q, NULL);
}

int sq_chat_message_get(store *st, int64_t id, bz_arena *a, store_chat_message *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, (enum sq_stmt_id)SQC_MSG_GET,
                              "SELECT " MSG_COLS MSG_FROM "WHERE m.id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    rc = sq_fetch_one(s, q, a, read_message, out);
    sq_done(q);
    return rc;
}

int sq_chat_messages(store *st, int64_t stream_id, int64_t cursor, int limit, bz_arena *a,
                     store_chat_message **out, store_page *page)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, (enum sq_stmt_id)SQC_MSGS,
                              "SELECT " MSG_COLS MSG_FROM
                              "WHERE m.stream_id = ?1 AND m.id < ?2 AND m.deleted_at IS NULL "
                              "ORDER BY m.id DESC LIMIT ?3",
                              &rc);
    if (!q) {
        return rc;
    }
    limit = store_clamp_limit(limit);
    store_chat_message *rows = bz_arena_calloc(a, (size_t)limit + 1, sizeof(*rows));
    if (!rows) {
        return BZ_EINTERNAL;
    }
    sqlite3_bind_int64(q, 1, stream_id);
    sqlite3_bind_int64(q, 2, cursor > 0 ? cursor : INT64_MAX);
    sqlite3_bind_int(q, 3, limit + 1); /* one more tells whether a next page exists */
    size_t n = 0;
    sq_row r = {q, a, true};
    int src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW && n <= (size_t)limit) {
        read_message(&r, &rows[n++]);
    }
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sq_done(q);
    if (rc == BZ_OK && !r.ok) {
        rc = BZ_EINTERNAL;
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

int sq_chat_message_delete(store *st, int64_t id, int64_t by, int64_t now)
{
    sq_store *s = sq_of(st);
    const int64_t args[] = {id, by, now};
    int changes = 0;
    int rc = sqc_exec(s, SQC_MSG_DELETE,
                      "UPDATE chat_messages SET deleted_at = ?3, deleted_by = ?2 "
                      "WHERE id = ?1 AND deleted_at IS NULL",
                      args, 3, &changes);
    if (rc != BZ_OK || changes > 0) {
        return rc;
    }
    int64_t one = 0;
    bool found = false;
    rc = sqc_ints(s, SQC_MSG_EXISTS, "SELECT 1 FROM chat_messages WHERE id = ?1", args, 1, &one, 1,
                  &found);
    return rc != BZ_OK ? rc : found ? BZ_ECONFLICT : BZ_ENOTFOUND;
}

int sq_chat_activity(store *st, int64_t user_id, int64_t stream_id, int64_t since,
                     int64_t *count_since, int64_t *last_in_stream)
{
    /* Both walk chat_messages_user_idx: the count over the window, the last message newest
     * first until one is in this show (usually the first). */
    const int64_t args[] = {user_id, stream_id, since};
    int64_t cols[2] = {0, 0};
    int rc = sqc_ints(sq_of(st), SQC_ACTIVITY,
                      "SELECT (SELECT count(*) FROM chat_messages WHERE user_id = ?1 "
                      "AND created_at > ?3), "
                      "(SELECT created_at FROM chat_messages WHERE user_id = ?1 "
                      "AND stream_id = ?2 ORDER BY created_at DESC LIMIT 1)",
                      args, 3, cols, 2, NULL);
    *count_since = cols[0];
    *last_in_stream = cols[1];
    return rc;
}
