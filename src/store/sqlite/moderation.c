/*
 * store/sqlite/moderation.c - what moderators act on: appointments (per
 * seller), mutes and bans (per show), blocked words (per seller) and slow
 * mode (per show). Appointing, banning and muting are upserts, so repeating
 * one is not an error and two moderators racing agree on one row.
 */
#include "base/err.h"
#include "store/sqlite/sqlite_chat.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

/* ---- moderators ------------------------------------------------------------ */

int sq_moderator_add(store *st, int64_t seller_id, int64_t user_id, int64_t now)
{
    const int64_t args[] = {seller_id, user_id, now};
    return sqc_exec(sq_of(st), SQC_MOD_ADD,
                    "INSERT INTO seller_moderators (seller_id, user_id, created_at) "
                    "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                    args, 3, NULL);
}

int sq_moderator_remove(store *st, int64_t seller_id, int64_t user_id)
{
    const int64_t args[] = {seller_id, user_id};
    return sqc_exec(sq_of(st), SQC_MOD_REMOVE,
                    "DELETE FROM seller_moderators WHERE seller_id = ?1 AND user_id = ?2", args, 2,
                    NULL);
}

int sq_is_moderator(store *st, int64_t seller_id, int64_t user_id, bool *out)
{
    const int64_t args[] = {seller_id, user_id};
    int64_t one = 0;
    return sqc_ints(sq_of(st), SQC_MOD_IS,
                    "SELECT 1 FROM seller_moderators WHERE seller_id = ?1 AND user_id = ?2", args,
                    2, &one, 1, out);
}

int sq_moderators(store *st, int64_t seller_id, bz_arena *a, store_chat_user **out, size_t *n_out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, (enum sq_stmt_id)SQC_MODS,
                              "SELECT m.user_id, u.username, m.created_at FROM seller_moderators m "
                              "JOIN users u ON u.id = m.user_id WHERE m.seller_id = ?1 "
                              "ORDER BY m.created_at DESC, m.user_id DESC LIMIT 1000",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, seller_id);
    store_chat_user *rows = NULL;
    size_t n = 0, cap = 0;
    sq_row r = {q, a, true};
    int src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        rows = store_arena_grow(a, rows, n, &cap, sizeof(*rows));
        if (!rows) {
            r.ok = false;
            break;
        }
        rows[n] = (store_chat_user){.id = sq_i64(&r, 0), .created_at = sq_i64(&r, 2)};
        rows[n++].username = sq_text(&r, 1);
    }
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sq_done(q);
    if (rc == BZ_OK && !r.ok) {
        rc = BZ_EINTERNAL;
    }
    *out = rc == BZ_OK ? rows : NULL;
    *n_out = rc == BZ_OK ? n : 0;
    return rc;
}

/* ---- mutes and bans ---------------------------------------------------------- */

int sq_chat_mute_set(store *st, int64_t stream_id, int64_t user_id, int64_t until, int64_t by,
                     int64_t now)
{
    const int64_t args[] = {stream_id, user_id, until, by, now};
    return sqc_exec(sq_of(st), SQC_MUTE_SET,
                    "INSERT INTO chat_mutes (stream_id, user_id, until, muted_by, created_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (stream_id, user_id) DO UPDATE "
                    "SET until = excluded.until, muted_by = excluded.muted_by, "
                    "created_at = excluded.created_at",
                    args, 5, NULL);
}

int sq_chat_mute_clear(store *st, int64_t stream_id, int64_t user_id)
{
    const int64_t args[] = {stream_id, user_id};
    return sqc_exec(sq_of(st), SQC_MUTE_CLEAR,
                    "DELETE FROM chat_mutes WHERE stream_id = ?1 AND user_id = ?2", args, 2, NULL);
}

int sq_chat_mute_until(store *st, int64_t stream_id, int64_t user_id, int64_t *until)
{
    const int64_t args[] = {stream_id, user_id};
    return sqc_ints(sq_of(st), SQC_MUTE_GET,
                    "SELECT until FROM chat_mutes WHERE stream_id = ?1 AND user_id = ?2", args, 2,
                    until, 1, NULL);
}

int sq_stream_ban_add(store *st, int64_t stream_id, int64_t user_id, int64_t by, int64_t now)
{
    const int64_t args[] = {stream_id, user_id, by, now};
    return sqc_exec(sq_of(st), SQC_BAN_ADD,
                    "INSERT INTO stream_bans (stream_id, user_id, banned_by, created_at) "
                    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                    args, 4, NULL);
}

int sq_stream_ban_remove(store *st, int64_t stream_id, int64_t user_id)
{
    const int64_t args[] = {stream_id, user_id};
    return sqc_exec(sq_of(st), SQC_BAN_REMOVE,
                    "DELETE FROM stream_bans WHERE stream_id = ?1 AND user_id = ?2", args, 2, NULL);
}

int sq_stream_is_banned(store *st, int64_t stream_id, int64_t user_id, bool *out)
{
    const int64_t args[] = {stream_id, user_id};
    int64_t one = 0;
    return sqc_ints(sq_of(st), SQC_BAN_IS,
                    "SELECT 1 FROM stream_bans WHERE stream_id = ?1 AND user_id = ?2", args, 2,
                    &one, 1, out);
}

/* ---- blocked words ------------------------------------------------------------- */

static int insert_word(sq_store *s, int64_t seller_id, const char *word)
{
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, (enum sq_stmt_id)SQC_WORD_INSERT,
                              "INSERT INTO seller_blocked_words (seller_id, word) VALUES (?1, ?2) "
                              "ON CONFLICT DO NOTHING",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, seller_id);
    sq_bind_text(q, 2, word);
    return sq_run(s, q, NULL);
}

int sq_blocked_words_set(store *st, int64_t seller_id, const char *const *words, size_t n)
{
    sq_store *s = sq_of(st);
    int rc = sq_atomic_begin(s);
    if (rc != BZ_OK) {
        return rc;
    }
    const int64_t args[] = {seller_id};
    rc = sqc_exec(s, SQC_WORDS_CLEAR, "DELETE FROM seller_blocked_words WHERE seller_id = ?1", args,
                  1, NULL);
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        rc = insert_word(s, seller_id, words[i]);
    }
    return sq_atomic_end(s, rc);
}

int sq_blocked_words(store *st, int64_t seller_id, bz_arena *a, const char ***out, size_t *n_out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, (enum sq_stmt_id)SQC_WORDS,
                              "SELECT word FROM seller_blocked_words WHERE seller_id = ?1 "
                              "ORDER BY word",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, seller_id);
    const char **rows = NULL;
    size_t n = 0, cap = 0;
    sq_row r = {q, a, true};
    int src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        rows = store_arena_grow(a, rows, n, &cap, sizeof(*rows));
        if (!rows) {
            r.ok = false;
            break;
        }
        rows[n++] = sq_text(&r, 0);
    }
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sq_done(q);
    if (rc == BZ_OK && !r.ok) {
        rc = BZ_EINTERNAL;
    }
    *out = rc == BZ_OK ? rows : NULL;
    *n_out = rc == BZ_OK ? n : 0;
    return rc;
}

/* ---- slow mode -------------------------------------------------------------------- */

int sq_chat_slow_mode_set(store *st, int64_t stream_id, int seconds, int64_t now)
{
    const int64_t args[] = {stream_id, seconds, now};
    return sqc_exec(sq_of(st), SQC_SLOW_SET,
                    "INSERT INTO stream_chat_settings (stream_id, slow_mode_s, updated_at) "
                    "VALUES (?1, ?2, ?3) ON CONFLICT (stream_id) DO UPDATE "
                    "SET slow_mode_s = excluded.slow_mode_s, updated_at = excluded.updated_at",
                    args, 3, NULL);
}

int sq_chat_slow_mode(store *st, int64_t stream_id, int *seconds)
{
    const int64_t args[] = {stream_id};
    int64_t v = 0;
    int rc = sqc_ints(sq_of(st), SQC_SLOW_GET,
                      "SELECT slow_mode_s FROM stream_chat_settings WHERE stream_id = ?1", args, 1,
                      &v, 1, NULL);
    *seconds = (int)v;
    return rc;
}
