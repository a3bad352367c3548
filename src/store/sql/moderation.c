/*
 * store/sql/moderation.c - what moderators act on: appointments (per seller),
 * mutes and bans (per show), blocked words (per seller) and slow mode (per
 * show). Appointing, banning and muting are upserts, so repeating one is not
 * an error and two moderators racing agree on one row.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <stdint.h>

/* A write of integer parameters that may fail with an expected error (a missing show, user
 * or seller: BZ_ENOTFOUND), so guarded inside a caller's transaction. */
static int write_ints(store *s, db_query *query, const int64_t *v, int n)
{
    return db_exec_guarded(sql_prepare_ints(sql_db(s), query, v, n), NULL);
}

/* The statements keyed by a pair of ids (a seller's or a show's, and a user's): a delete
 * and a test whether the row is there. */
static int write_pair(store *s, db_query *query, int64_t owner, int64_t user_id)
{
    const int64_t v[] = {owner, user_id};
    return write_ints(s, query, v, 2);
}

static int exists_pair(store *s, db_query *query, int64_t owner, int64_t user_id, bool *out)
{
    const int64_t v[] = {owner, user_id};
    return db_exists(sql_prepare_ints(sql_db(s), query, v, 2), out);
}

/* ---- moderators ------------------------------------------------------------ */

static db_query Q_MOD_ADD =
    DB_QUERY("INSERT INTO seller_moderators (seller_id, user_id, created_at) "
             "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
static db_query Q_MOD_REMOVE =
    DB_QUERY("DELETE FROM seller_moderators WHERE seller_id = $1 AND user_id = $2");
static db_query Q_MOD_IS =
    DB_QUERY("SELECT 1 FROM seller_moderators WHERE seller_id = $1 AND user_id = $2");

int sql_moderator_add(store *s, int64_t seller_id, int64_t user_id, int64_t now)
{
    const int64_t v[] = {seller_id, user_id, now};
    return write_ints(s, &Q_MOD_ADD, v, 3);
}

int sql_moderator_remove(store *s, int64_t seller_id, int64_t user_id)
{
    return write_pair(s, &Q_MOD_REMOVE, seller_id, user_id);
}

int sql_is_moderator(store *s, int64_t seller_id, int64_t user_id, bool *out)
{
    return exists_pair(s, &Q_MOD_IS, seller_id, user_id, out);
}

#define F(kind, field) SQL_COL(kind, chat_moderator, field)
SQL_READER(read_moderator, chat_moderator, F(I64, id), F(TEXT, username), F(I64, created_at))
#undef F

static db_query Q_MODS =
    DB_QUERY("SELECT m.user_id, u.username, m.created_at FROM seller_moderators m "
             "JOIN users u ON u.id = m.user_id WHERE m.seller_id = $1 "
             "ORDER BY m.created_at DESC, m.user_id DESC LIMIT 1000");

int sql_moderators(store *s, int64_t seller_id, bz_arena *a, chat_moderator **out, size_t *n)
{
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_MODS, &seller_id, 1);
    int rc;
    *out = db_fetch_all(q, a, read_moderator, sizeof(**out), n, &rc);
    return rc;
}

/* ---- mutes and bans ---------------------------------------------------------- */

static db_query Q_MUTE_SET =
    DB_QUERY("INSERT INTO chat_mutes (stream_id, user_id, until, muted_by, created_at) "
             "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (stream_id, user_id) DO UPDATE "
             "SET until = excluded.until, muted_by = excluded.muted_by, "
             "created_at = excluded.created_at");
static db_query Q_MUTE_CLEAR =
    DB_QUERY("DELETE FROM chat_mutes WHERE stream_id = $1 AND user_id = $2");
static db_query Q_MUTE_GET =
    DB_QUERY("SELECT until FROM chat_mutes WHERE stream_id = $1 AND user_id = $2");

int sql_chat_mute_set(store *s, int64_t stream_id, int64_t user_id, int64_t until, int64_t by,
                      int64_t now)
{
    const int64_t v[] = {stream_id, user_id, until, by, now};
    return write_ints(s, &Q_MUTE_SET, v, 5);
}

int sql_chat_mute_clear(store *s, int64_t stream_id, int64_t user_id)
{
    return write_pair(s, &Q_MUTE_CLEAR, stream_id, user_id);
}

int sql_chat_mute_until(store *s, int64_t stream_id, int64_t user_id, int64_t *until)
{
    const int64_t v[] = {stream_id, user_id};
    return sql_fetch_ints(sql_prepare_ints(sql_db(s), &Q_MUTE_GET, v, 2), &until, 1);
}

static db_query Q_BAN_ADD =
    DB_QUERY("INSERT INTO stream_bans (stream_id, user_id, banned_by, created_at) "
             "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING");
static db_query Q_BAN_REMOVE =
    DB_QUERY("DELETE FROM stream_bans WHERE stream_id = $1 AND user_id = $2");
static db_query Q_BAN_IS =
    DB_QUERY("SELECT 1 FROM stream_bans WHERE stream_id = $1 AND user_id = $2");

int sql_stream_ban_add(store *s, int64_t stream_id, int64_t user_id, int64_t by, int64_t now)
{
    const int64_t v[] = {stream_id, user_id, by, now};
    return write_ints(s, &Q_BAN_ADD, v, 4);
}

int sql_stream_ban_remove(store *s, int64_t stream_id, int64_t user_id)
{
    return write_pair(s, &Q_BAN_REMOVE, stream_id, user_id);
}

int sql_stream_is_banned(store *s, int64_t stream_id, int64_t user_id, bool *out)
{
    return exists_pair(s, &Q_BAN_IS, stream_id, user_id, out);
}

/* ---- blocked words ------------------------------------------------------------- */

static db_query Q_WORDS_CLEAR = DB_QUERY("DELETE FROM seller_blocked_words WHERE seller_id = $1");
static db_query Q_WORD_INSERT =
    DB_QUERY("INSERT INTO seller_blocked_words (seller_id, word) VALUES ($1, $2) "
             "ON CONFLICT DO NOTHING");

static int insert_word(db_conn *c, int64_t seller_id, const char *word)
{
    db_stmt *q = sql_prepare_ints(c, &Q_WORD_INSERT, &seller_id, 1);
    db_bind_text(q, 2, word);
    return db_exec(q, NULL);
}

int sql_blocked_words_set(store *s, int64_t seller_id, const char *const *words, size_t n)
{
    db_conn *c = sql_db(s);
    int rc = db_atomic_begin(c);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = db_exec(sql_prepare_ints(c, &Q_WORDS_CLEAR, &seller_id, 1), NULL);
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        rc = insert_word(c, seller_id, words[i]);
    }
    return db_atomic_end(c, rc);
}

static void read_word(db_stmt *q, bz_arena *a, void *out)
{
    *(const char **)out = db_col_text(q, 0, a);
}

static db_query Q_WORDS = DB_QUERY("SELECT word FROM seller_blocked_words WHERE seller_id = $1 "
                                   "ORDER BY word {collate_bytes}");

int sql_blocked_words(store *s, int64_t seller_id, bz_arena *a, const char ***out, size_t *n)
{
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_WORDS, &seller_id, 1);
    int rc;
    *out = db_fetch_all(q, a, read_word, sizeof(**out), n, &rc);
    return rc;
}

/* ---- slow mode -------------------------------------------------------------------- */

static db_query Q_SLOW_SET =
    DB_QUERY("INSERT INTO stream_chat_settings (stream_id, slow_mode_s, updated_at) "
             "VALUES ($1, $2, $3) ON CONFLICT (stream_id) DO UPDATE "
             "SET slow_mode_s = excluded.slow_mode_s, updated_at = excluded.updated_at");
static db_query Q_SLOW_GET =
    DB_QUERY("SELECT slow_mode_s FROM stream_chat_settings WHERE stream_id = $1");

int sql_chat_slow_mode_set(store *s, int64_t stream_id, int seconds, int64_t now)
{
    const int64_t v[] = {stream_id, seconds, now};
    return write_ints(s, &Q_SLOW_SET, v, 3);
}

/* ---- the pinned message ----------------------------------------------------------- */

static db_query Q_PIN_SET =
    DB_QUERY("INSERT INTO stream_chat_settings (stream_id, pinned_message_id, updated_at) "
             "VALUES ($1, $2, $3) ON CONFLICT (stream_id) DO UPDATE "
             "SET pinned_message_id = excluded.pinned_message_id, "
             "updated_at = excluded.updated_at");
static db_query Q_PIN_GET = DB_QUERY(
    "SELECT coalesce(pinned_message_id, 0) FROM stream_chat_settings WHERE stream_id = $1");

int sql_chat_pin_set(store *s, int64_t stream_id, int64_t message_id, int64_t now)
{
    db_stmt *q =
        SQL_PREPARE(sql_db(s), &Q_PIN_SET, SQL_I64(stream_id), SQL_ID(message_id), SQL_I64(now));
    return db_exec_guarded(q, NULL); /* a missing show fails its foreign key */
}

int sql_chat_pinned(store *s, int64_t stream_id, int64_t *message_id)
{
    *message_id = 0;
    return sql_fetch_ints(sql_prepare_ints(sql_db(s), &Q_PIN_GET, &stream_id, 1), &message_id, 1);
}

int sql_chat_slow_mode(store *s, int64_t stream_id, int *seconds)
{
    int64_t v = 0, *const out = &v;
    int rc = sql_fetch_ints(sql_prepare_ints(sql_db(s), &Q_SLOW_GET, &stream_id, 1), &out, 1);
    *seconds = (int)v;
    return rc;
}
