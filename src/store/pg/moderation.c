/*
 * store/pg/moderation.c - what moderators act on: appointments (per
 * seller), mutes and bans (per show), blocked words (per seller) and slow
 * mode (per show). Appointing, banning and muting are upserts, so repeating
 * one is not an error and two moderators racing agree on one row.
 */
#include "base/err.h"
#include "store/pg/pg_chat.h"

#include <stdint.h>
#include <string.h>

/* ---- moderators ------------------------------------------------------------ */

int pg_moderator_add(store *st, int64_t seller_id, int64_t user_id, int64_t now)
{
    const int64_t args[] = {seller_id, user_id, now};
    return pgc_exec(pg_of(st), PGC_MOD_ADD,
                    "INSERT INTO seller_moderators (seller_id, user_id, created_at) "
                    "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    args, 3, NULL);
}

int pg_moderator_remove(store *st, int64_t seller_id, int64_t user_id)
{
    const int64_t args[] = {seller_id, user_id};
    return pgc_exec(pg_of(st), PGC_MOD_REMOVE,
                    "DELETE FROM seller_moderators WHERE seller_id = $1 AND user_id = $2", args, 2,
                    NULL);
}

int pg_is_moderator(store *st, int64_t seller_id, int64_t user_id, bool *out)
{
    const int64_t args[] = {seller_id, user_id};
    int64_t one = 0;
    return pgc_ints(pg_of(st), PGC_MOD_IS,
                    "SELECT 1 FROM seller_moderators WHERE seller_id = $1 AND user_id = $2", args,
                    2, &one, 1, out);
}

int pg_moderators(store *st, int64_t seller_id, bz_arena *a, store_chat_user **out, size_t *n_out)
{
    pg_params p = {0};
    pg_p_i64(&p, seller_id);
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), (enum pg_stmt_id)PGC_MODS,
                      "SELECT m.user_id, u.username, m.created_at FROM seller_moderators m "
                      "JOIN users u ON u.id = m.user_id WHERE m.seller_id = $1 "
                      "ORDER BY m.created_at DESC, m.user_id DESC LIMIT 1000",
                      NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t n = (size_t)PQntuples(res);
    store_chat_user *rows = bz_arena_calloc(a, n ? n : 1, sizeof(*rows));
    pg_row r = {res, 0, a, true};
    for (size_t i = 0; rows && i < n; i++) {
        r.row = (int)i;
        rows[i] = (store_chat_user){.id = pg_i64(&r, 0), .created_at = pg_i64(&r, 2)};
        rows[i].username = pg_text(&r, 1);
    }
    PQclear(res);
    rc = rows && r.ok ? BZ_OK : BZ_EINTERNAL;
    *out = rc == BZ_OK ? rows : NULL;
    *n_out = rc == BZ_OK ? n : 0;
    return rc;
}

/* ---- mutes and bans ---------------------------------------------------------- */

int pg_chat_mute_set(store *st, int64_t stream_id, int64_t user_id, int64_t until, int64_t by,
                     int64_t now)
{
    const int64_t args[] = {stream_id, user_id, until, by, now};
    return pgc_exec(pg_of(st), PGC_MUTE_SET,
                    "INSERT INTO chat_mutes (stream_id, user_id, until, muted_by, created_at) "
                    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (stream_id, user_id) DO UPDATE "
                    "SET until = excluded.until, muted_by = excluded.muted_by, "
                    "created_at = excluded.created_at",
                    args, 5, NULL);
}

int pg_chat_mute_clear(store *st, int64_t stream_id, int64_t user_id)
{
    const int64_t args[] = {stream_id, user_id};
    return pgc_exec(pg_of(st), PGC_MUTE_CLEAR,
                    "DELETE FROM chat_mutes WHERE stream_id = $1 AND user_id = $2", args, 2, NULL);
}

int pg_chat_mute_until(store *st, int64_t stream_id, int64_t user_id, int64_t *until)
{
    const int64_t args[] = {stream_id, user_id};
    return pgc_ints(pg_of(st), PGC_MUTE_GET,
                    "SELECT until FROM chat_mutes WHERE stream_id = $1 AND user_id = $2", args, 2,
                    until, 1, NULL);
}

int pg_stream_ban_add(store *st, int64_t stream_id, int64_t user_id, int64_t by, int64_t now)
{
    const int64_t args[] = {stream_id, user_id, by, now};
    return pgc_exec(pg_of(st), PGC_BAN_ADD,
                    "INSERT INTO stream_bans (stream_id, user_id, banned_by, created_at) "
                    "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                    args, 4, NULL);
}

int pg_stream_ban_remove(store *st, int64_t stream_id, int64_t user_id)
{
    const int64_t args[] = {stream_id, user_id};
    return pgc_exec(pg_of(st), PGC_BAN_REMOVE,
                    "DELETE FROM stream_bans WHERE stream_id = $1 AND user_id = $2", args, 2, NULL);
}

int pg_stream_is_banned(store *st, int64_t stream_id, int64_t user_id, bool *out)
{
    const int64_t args[] = {stream_id, user_id};
    int64_t one = 0;
    return pgc_ints(pg_of(st), PGC_BAN_IS,
                    "SELECT 1 FROM stream_bans WHERE stream_id = $1 AND user_id = $2", args, 2,
                    &one, 1, out);
}

/* ---- blocked words ------------------------------------------------------------- */

static int insert_word(pg_store *s, int64_t seller_id, const char *word)
{
    pg_params p = {0};
    pg_p_i64(&p, seller_id);
    pg_p_text(&p, word);
    return pg_command(s, (enum pg_stmt_id)PGC_WORD_INSERT,
                      "INSERT INTO seller_blocked_words (seller_id, word) VALUES ($1, $2) "
                      "ON CONFLICT DO NOTHING",
                      &p, NULL);
}

int pg_blocked_words_set(store *st, int64_t seller_id, const char *const *words, size_t n)
{
    pg_store *s = pg_of(st);
    int rc = pg_atomic_begin(s);
    if (rc != BZ_OK) {
        return rc;
    }
    pg_params p = {0};
    pg_p_i64(&p, seller_id);
    rc = pg_command(s, (enum pg_stmt_id)PGC_WORDS_CLEAR,
                    "DELETE FROM seller_blocked_words WHERE seller_id = $1", &p, NULL);
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        rc = insert_word(s, seller_id, words[i]);
    }
    return pg_atomic_end(s, rc);
}

int pg_blocked_words(store *st, int64_t seller_id, bz_arena *a, const char ***out, size_t *n_out)
{
    pg_params p = {0};
    pg_p_i64(&p, seller_id);
    PGresult *res = NULL;
    /* COLLATE "C": byte order, as the SQLite adapter answers */
    int rc = pg_query(pg_of(st), (enum pg_stmt_id)PGC_WORDS,
                      "SELECT word FROM seller_blocked_words WHERE seller_id = $1 "
                      "ORDER BY word COLLATE \"C\"",
                      NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t n = (size_t)PQntuples(res);
    const char **rows = bz_arena_calloc(a, n ? n : 1, sizeof(*rows));
    pg_row r = {res, 0, a, true};
    for (size_t i = 0; rows && i < n; i++) {
        r.row = (int)i;
        rows[i] = pg_text(&r, 0);
    }
    PQclear(res);
    rc = rows && r.ok ? BZ_OK : BZ_EINTERNAL;
    *out = rc == BZ_OK ? rows : NULL;
    *n_out = rc == BZ_OK ? n : 0;
    return rc;
}

/* ---- slow mode -------------------------------------------------------------------- */

int pg_chat_slow_mode_set(store *st, int64_t stream_id, int seconds, int64_t now)
{
    const int64_t args[] = {stream_id, seconds, now};
    return pgc_exec(pg_of(st), PGC_SLOW_SET,
                    "INSERT INTO stream_chat_settings (stream_id, slow_mode_s, updated_at) "
                    "VALUES ($1, $2, $3) ON CONFLICT (stream_id) DO UPDATE "
                    "SET slow_mode_s = excluded.slow_mode_s, updated_at = excluded.updated_at",
                    args, 3, NULL);
}

int pg_chat_slow_mode(store *st, int64_t stream_id, int *seconds)
{
    const int64_t args[] = {stream_id};
    int64_t v = 0;
    int rc = pgc_ints(pg_of(st), PGC_SLOW_GET,
                      "SELECT slow_mode_s FROM stream_chat_settings WHERE stream_id = $1", args, 1,
                      &v, 1, NULL);
    *seconds = (int)v;
    return rc;
}
