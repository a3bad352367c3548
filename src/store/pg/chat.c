/*
 * store/pg/chat.c - chat messages: append, read, page (newest first,
 * deleted ones left out), soft delete, and the activity figures the rate
 * limits need. Also the small integer-query helpers the chat half of the
 * adapter shares (pg_chat.h).
 */
#include "base/err.h"
#include "store/pg/pg_chat.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

#define MSG_COLS                                                                                   \
    "m.id, m.stream_id, m.user_id, u.username, m.text, m.created_at, m.deleted_at, m.deleted_by"
#define MSG_FROM " FROM chat_messages m JOIN users u ON u.id = m.user_id "

/* ---- helpers ------------------------------------------------------------- */

static void int_params(pg_params *p, const int64_t *args, int nargs)
{
    for (int i = 0; i < nargs; i++) {
        pg_p_i64(p, args[i]);
    }
}

int pgc_ints(pg_store *s, int id, const char *sql, const int64_t *args, int nargs, int64_t *out,
             int ncols, bool *found)
{
    pg_params p = {0};
    int_params(&p, args, nargs);
    PGresult *res = NULL;
    int rc = pg_query(s, (enum pg_stmt_id)id, sql, NULL, &p, &res);
    bool row = rc == BZ_OK && PQntuples(res) > 0;
    pg_row r = {res, 0, NULL, true};
    for (int i = 0; i < ncols; i++) {
        out[i] = row ? pg_i64(&r, i) : 0;
    }
    if (found) {
        *found = row;
    }
    PQclear(res);
    return rc;
}

int pgc_exec(pg_store *s, int id, const char *sql, const int64_t *args, int nargs, int *changes)
{
    pg_params p = {0};
    int_params(&p, args, nargs);
    return pg_guarded_command(s, (enum pg_stmt_id)id, sql, &p, changes);
}

static void read_message(pg_row *r, store_chat_message *out)
{
    memset(out, 0, sizeof(*out));
    out->id = pg_i64(r, 0);
    out->stream_id = pg_i64(r, 1);
    out->user_id = pg_i64(r, 2);
    out->username = pg_text(r, 3);
    out->text = pg_text(r, 4);
    out->created_at = pg_i64(r, 5);
    out->deleted_at = pg_i64(r, 6);
    out->deleted_by = pg_i64(r, 7);
}

/* ---- messages ------------------------------------------------------------ */

int pg_chat_message_insert(store *st, const store_chat_message *m)
{
    pg_params p = {0};
    pg_p_i64(&p, m->id);
    pg_p_i64(&p, m->stream_id);
    pg_p_i64(&p, m->user_id);
    pg_p_text(&p, m->text);
    pg_p_i64(&p, m->created_at);
    return pg_guarded_command(pg_of(st), (enum pg_stmt_id)PGC_MSG_INSERT,
                              "INSERT INTO chat_messages (id, stream_id, user_id, text, "
                              "created_at) VALUES ($1, $2, $3, $4, $5)",
                              &p, NULL);
}

int pg_chat_message_get(store *st, int64_t id, bz_arena *a, store_chat_message *out)
{
    pg_params p = {0};
    pg_p_i64(&p, id);
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), (enum pg_stmt_id)PGC_MSG_GET,
                      "SELECT " MSG_COLS MSG_FROM "WHERE m.id = $1", NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    if (PQntuples(res) == 0) {
        rc = BZ_ENOTFOUND;
    } else {
        pg_row r = {res, 0, a, true};
        read_message(&r, out);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    }
    PQclear(res);
    return rc;
}

int pg_chat_messages(store *st, int64_t stream_id, int64_t cursor, int limit, bz_arena *a,
                     store_chat_message **out, store_page *page)
{
    limit = store_clamp_limit(limit);
    pg_params p = {0};
    pg_p_i64(&p, stream_id);
    pg_p_i64(&p, cursor > 0 ? cursor : INT64_MAX);
    pg_p_i64(&p, limit + 1); /* one more tells whether a next page exists */
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), (enum pg_stmt_id)PGC_MSGS,
                      "SELECT " MSG_COLS MSG_FROM
                      "WHERE m.stream_id = $1 AND m.id < $2 AND m.deleted_at IS NULL "
                      "ORDER BY m.id DESC LIMIT $3",
                      NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t n = (size_t)PQntuples(res);
    bool more = n > (size_t)limit;
    if (more) {
        n = (size_t)limit;
    }
    store_chat_message *rows = bz_arena_calloc(a, n ? n : 1, sizeof(*rows));
    pg_row r = {res, 0, a, true};
    for (size_t i = 0; rows && i < n; i++) {
        r.row = (int)i;
        read_message(&r, &rows[i]);
    }
    PQclear(res);
    rc = rows && r.ok ? BZ_OK : BZ_EINTERNAL;
    page->n = rc == BZ_OK ? n : 0;
    page->next_cursor = rc == BZ_OK && more ? rows[n - 1].id : 0;
    *out = rc == BZ_OK ? rows : NULL;
    return rc;
}

int pg_chat_message_delete(store *st, int64_t id, int64_t by, int64_t now)
{
    pg_store *s = pg_of(st);
    const int64_t args[] = {id, by, now};
    int changes = 0;
    int rc = pgc_exec(s, PGC_MSG_DELETE,
                      "UPDATE chat_messages SET deleted_at = $3, deleted_by = $2 "
                      "WHERE id = $1 AND deleted_at IS NULL",
                      args, 3, &changes);
    if (rc != BZ_OK || changes > 0) {
        return rc;
    }
    int64_t one = 0;
    bool found = false;
    rc = pgc_ints(s, PGC_MSG_EXISTS, "SELECT 1 FROM chat_messages WHERE id = $1", args, 1, &one, 1,
                  &found);
    return rc != BZ_OK ? rc : found ? BZ_ECONFLICT : BZ_ENOTFOUND;
}

int pg_chat_activity(store *st, int64_t user_id, int64_t stream_id, int64_t since,
                     int64_t *count_since, int64_t *last_in_stream)
{
    /* Both walk chat_messages_user_idx: the count over the window, the last message newest
     * first until one is in this show (usually the first). */
    const int64_t args[] = {user_id, stream_id, since};
    int64_t cols[2] = {0, 0};
    int rc = pgc_ints(pg_of(st), PGC_ACTIVITY,
                      "SELECT (SELECT count(*) FROM chat_messages WHERE user_id = $1 "
                      "AND created_at > $3), "
                      "(SELECT created_at FROM chat_messages WHERE user_id = $1 "
                      "AND stream_id = $2 ORDER BY created_at DESC LIMIT 1)",
                      args, 3, cols, 2, NULL);
    *count_since = cols[0];
    *last_in_stream = cols[1];
    return rc;
}
