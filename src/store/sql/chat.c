/*
 * store/sql/chat.c - chat messages: append, read, page (newest first, deleted
 * ones left out), soft delete, and the activity figures the rate limits need.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <stdint.h>
#include <string.h>

#define MSG_COLS                                                                                   \
    "m.id, m.stream_id, m.user_id, u.username, m.text, m.created_at, m.deleted_at, m.deleted_by"
#define MSG_FROM " FROM chat_messages m JOIN users u ON u.id = m.user_id "

#define F(kind, field) SQL_COL(kind, chat_message, field)
SQL_READER(read_message, chat_message, F(I64, id), F(I64, stream_id), F(I64, user_id),
           F(TEXT, username), F(TEXT, text), F(I64, created_at), F(I64, deleted_at),
           F(I64, deleted_by))
#undef F

static db_query Q_MSG_INSERT = DB_QUERY("INSERT INTO chat_messages (id, stream_id, user_id, text, "
                                        "created_at) VALUES ($1, $2, $3, $4, $5)");

int sql_chat_message_insert(store *s, const chat_message *m)
{
    const int64_t v[] = {m->id, m->stream_id, m->user_id};
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_MSG_INSERT, v, 3);
    db_bind_text(q, 4, m->text);
    db_bind_i64(q, 5, m->created_at);
    return db_exec_guarded(q, NULL); /* BZ_ECONFLICT, BZ_ENOTFOUND */
}

static db_query Q_MSG_GET = DB_QUERY("SELECT " MSG_COLS MSG_FROM "WHERE m.id = $1");

int sql_chat_message_get(store *s, int64_t id, bz_arena *a, chat_message *out)
{
    return db_fetch_one(sql_prepare_ints(sql_db(s), &Q_MSG_GET, &id, 1), a, read_message, out);
}

/* The cursor is the id of the last message shown; the query asks for one row more than the
 * page, which tells whether a next page exists. */
static db_query Q_MSGS = DB_QUERY("SELECT " MSG_COLS MSG_FROM
                                  "WHERE m.stream_id = $1 AND m.id < $2 AND m.deleted_at IS NULL "
                                  "ORDER BY m.id DESC LIMIT $3");

int sql_chat_messages(store *s, int64_t stream_id, int64_t cursor, int limit, bz_arena *a,
                      chat_message **out, store_page *page)
{
    void *rows = NULL;
    int rc = sql_fetch_newest(sql_db(s), &Q_MSGS, stream_id, cursor, limit, a, read_message,
                              sizeof(**out), offsetof(chat_message, id), &rows, page);
    *out = rows;
    return rc;
}

static db_query Q_MSG_DELETE = DB_QUERY("UPDATE chat_messages SET deleted_at = $3, deleted_by = $2 "
                                        "WHERE id = $1 AND deleted_at IS NULL");
static db_query Q_MSG_EXISTS = DB_QUERY("SELECT 1 FROM chat_messages WHERE id = $1");

int sql_chat_message_delete(store *s, int64_t id, int64_t by, int64_t now)
{
    db_conn *c = sql_db(s);
    const int64_t v[] = {id, by, now};
    int changes = 0;
    int rc = db_exec_guarded(sql_prepare_ints(c, &Q_MSG_DELETE, v, 3), &changes);
    /* Nothing changed: deleted already, or no such message. */
    return sql_why_unchanged(c, rc, changes, &Q_MSG_EXISTS, id, BZ_ECONFLICT);
}

/* Both walk chat_messages_user_idx: the count over the window, the last message newest first
 * until one is in this show (usually the first). */
static db_query Q_ACTIVITY =
    DB_QUERY("SELECT (SELECT count(*) FROM chat_messages WHERE user_id = $1 "
             "AND created_at > $3), "
             "(SELECT created_at FROM chat_messages WHERE user_id = $1 "
             "AND stream_id = $2 ORDER BY created_at DESC LIMIT 1)");

int sql_chat_activity(store *s, int64_t user_id, int64_t stream_id, int64_t since,
                      int64_t *count_since, int64_t *last_in_stream)
{
    const int64_t v[] = {user_id, stream_id, since};
    int64_t *const out[] = {count_since, last_in_stream};
    return sql_fetch_ints(sql_prepare_ints(sql_db(s), &Q_ACTIVITY, v, 3), out, 2);
}
