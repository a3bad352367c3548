/*
 * store/sqlite/sqlite_store.c - the SQLite connection: opening, pragmas,
 * statement cache, error mapping, transactions and migrations.
 *
 * Durability: journal_mode=WAL with synchronous=NORMAL. A commit is in the
 * WAL file (the OS page cache) before sqlite3_step returns, so an
 * acknowledged write survives kill -9 of the process, which is the promise
 * Blytz makes (DESIGN.md section 5). What NORMAL gives up is the last
 * commits before a power cut or kernel crash; synchronous=FULL would buy
 * that with an fsync per commit.
 */
#include "store/sqlite/sqlite_store.h"

#include "base/err.h"
#include "base/log.h"
#include "base/time.h"
#include "store/migrations/migrations.h"
#include "store/sqlite/sqlite_chat.h"
#include "store/sqlite/sqlite_notif.h"
#include "store/sqlite/sqlite_prebid.h"
#include "store/sqlite/sqlite_internal.h"
#include "store/store_util.h"

#include <stdlib.h>
#include <string.h>

#define BUSY_TIMEOUT_MS 5000

/* ---- statements and errors --------------------------------------------- */

sqlite3_stmt *sq_stmt(sq_store *s, enum sq_stmt_id id, const char *sql, int *rc)
{
    if (!s->stmts[id]) {
        int src =
            sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmts[id], NULL);
        if (src != SQLITE_OK) {
            bz_error("sqlite: prepare %d: %s", (int)id, sqlite3_errmsg(s->db));
            *rc = sq_error(s, src);
            return NULL;
        }
    }
    return s->stmts[id];
}

void sq_done(sqlite3_stmt *st)
{
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
}

int sq_error(sq_store *s, int sqlite_rc)
{
    switch (sqlite_rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return BZ_OK;
    case SQLITE_CONSTRAINT:
        if (sqlite_rc == SQLITE_CONSTRAINT_UNIQUE || sqlite_rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
            /* "UNIQUE constraint failed: users.email" or "...: index 'users_username_lower_key'" */
            return store_unique_violation_code(sqlite3_errmsg(s->db));
        }
        if (sqlite_rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
            return BZ_ENOTFOUND; /* the row referred to does not exist */
        }
        bz_error("sqlite: %s", sqlite3_errmsg(s->db));
        return BZ_EINTERNAL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
        bz_warn("sqlite unavailable: %s", sqlite3_errmsg(s->db));
        return BZ_EUNAVAILABLE;
    case SQLITE_NOMEM:
        return BZ_EINTERNAL;
    default:
        bz_error("sqlite: %s", sqlite3_errmsg(s->db));
        return BZ_EINTERNAL;
    }
}

int sq_run(sq_store *s, sqlite3_stmt *st, int *changes)
{
    int src = sqlite3_step(st);
    int rc = (src == SQLITE_DONE || src == SQLITE_ROW) ? BZ_OK : sq_error(s, src);
    if (changes) {
        *changes = rc == BZ_OK ? sqlite3_changes(s->db) : 0;
    }
    sq_done(st);
    return rc;
}

void sq_bind_text(sqlite3_stmt *st, int i, const char *text)
{
    if (text) {
        sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(st, i);
    }
}

void sq_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
    if (id) {
        sqlite3_bind_int64(st, i, id);
    } else {
        sqlite3_bind_null(st, i);
    }
}

int sq_fetch_one(sq_store *s, sqlite3_stmt *q, bz_arena *a, sq_reader read, void *out)
{
    int src = sqlite3_step(q);
    if (src != SQLITE_ROW) {
        return src == SQLITE_DONE ? BZ_ENOTFOUND : sq_error(s, src);
    }
    sq_row r = {q, a, true};
    read(&r, out);
    return r.ok ? BZ_OK : BZ_EINTERNAL;
}

void *sq_fetch_all(sq_store *s, sqlite3_stmt *q, bz_arena *a, sq_reader read, size_t elem,
                   size_t *n, int *rc)
{
    sq_row r = {q, a, true};
    char *rows = NULL;
    size_t cap = 0;
    int src;
    *n = 0;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        rows = store_arena_grow(a, rows, *n, &cap, elem);
        if (!rows) {
            r.ok = false;
            break;
        }
        read(&r, rows + elem * (*n)++);
    }
    *rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    if (*rc == BZ_OK && !r.ok) {
        *rc = BZ_EINTERNAL;
    }
    if (*rc != BZ_OK) {
        *n = 0;
        return NULL;
    }
    return rows;
}

const char *sq_text(sq_row *r, int col)
{
    const unsigned char *text = sqlite3_column_text(r->st, col);
    int len = sqlite3_column_bytes(r->st, col);
    char *copy = bz_arena_strndup(r->a, text ? (const char *)text : "", text ? (size_t)len : 0);
    if (!copy) {
        r->ok = false;
        return "";
    }
    return copy;
}

int64_t sq_i64(sq_row *r, int col)
{
    return sqlite3_column_int64(r->st, col);
}

int32_t sq_i32(sq_row *r, int col)
{
    return (int32_t)sqlite3_column_int(r->st, col);
}

static int run_simple(sq_store *s, enum sq_stmt_id id, const char *sql)
{
    int rc = BZ_OK;
    sqlite3_stmt *st = sq_stmt(s, id, sql, &rc);
    return st ? sq_run(s, st, NULL) : rc;
}

/* ---- transactions ------------------------------------------------------ */

/* IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes
 * can fail with SQLITE_BUSY at the write, where busy_timeout no longer helps. */
static int tx_begin(sq_store *s)
{
    return run_simple(s, SQ_BEGIN, "BEGIN IMMEDIATE");
}

static int tx_commit(sq_store *s)
{
    return run_simple(s, SQ_COMMIT, "COMMIT");
}

static int tx_rollback(sq_store *s)
{
    int rc = run_simple(s, SQ_ROLLBACK, "ROLLBACK");
    /* A failed COMMIT or an I/O error may already have ended the transaction. */
    return sqlite3_get_autocommit(s->db) ? BZ_OK : rc;
}

int sq_atomic_begin(sq_store *s)
{
    return s->in_tx ? run_simple(s, SQ_SAVEPOINT, "SAVEPOINT op") : tx_begin(s);
}

int sq_atomic_end(sq_store *s, int rc)
{
    if (s->in_tx) {
        if (rc != BZ_OK) {
            run_simple(s, SQ_ROLLBACK_TO, "ROLLBACK TO op");
        }
        int release = run_simple(s, SQ_RELEASE, "RELEASE op");
        return rc != BZ_OK ? rc : release;
    }
    if (rc == BZ_OK) {
        rc = tx_commit(s);
        if (rc == BZ_OK) {
            return BZ_OK;
        }
    }
    tx_rollback(s);
    return rc;
}

static int sq_begin(store *st)
{
    sq_store *s = sq_of(st);
    if (s->in_tx) {
        return BZ_EINTERNAL;
    }
    int rc = tx_begin(s);
    s->in_tx = rc == BZ_OK;
    return rc;
}

static int sq_commit(store *st)
{
    sq_store *s = sq_of(st);
    if (!s->in_tx) {
        return BZ_EINTERNAL;
    }
    int rc = tx_commit(s);
    if (rc != BZ_OK) {
        tx_rollback(s);
    }
    s->in_tx = false;
    return rc;
}

static int sq_rollback(store *st)
{
    sq_store *s = sq_of(st);
    if (!s->in_tx) {
        return BZ_EINTERNAL;
    }
    s->in_tx = false;
    return tx_rollback(s);
}

/* ---- migrations -------------------------------------------------------- */

static int exec_script(sq_store *s, const char *sql)
{
    char *msg = NULL;
    int src = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    if (src != SQLITE_OK) {
        bz_error("sqlite migration: %s", msg ? msg : sqlite3_errstr(src));
    }
    sqlite3_free(msg);
    return src == SQLITE_OK ? BZ_OK : sq_error(s, src);
}

/* Apply one migration unless another process did already. BEGIN IMMEDIATE serialises
 * concurrent migrators on the write lock, so each checks and applies atomically. */
static int apply_migration(sq_store *s, const store_migration *m, int *applied)
{
    int rc = exec_script(s, "BEGIN IMMEDIATE");
    if (rc != BZ_OK) {
        return rc;
    }
    sqlite3_stmt *st = NULL;
    int src = sqlite3_prepare_v2(s->db, "SELECT 1 FROM schema_migrations WHERE version = ?1", -1,
                                 &st, NULL);
    if (src == SQLITE_OK) {
        sqlite3_bind_int(st, 1, m->version);
        src = sqlite3_step(st);
    }
    bool done = src == SQLITE_ROW;
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sqlite3_finalize(st);
    st = NULL;

    if (rc == BZ_OK && !done) {
        rc = exec_script(s, m->sql);
        if (rc == BZ_OK) {
            src = sqlite3_prepare_v2(s->db,
                                     "INSERT INTO schema_migrations (version, name, applied_at) "
                                     "VALUES (?1, ?2, ?3)",
                                     -1, &st, NULL);
            if (src == SQLITE_OK) {
                sqlite3_bind_int(st, 1, m->version);
                sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
                sqlite3_bind_int64(st, 3, bz_now_ms());
                src = sqlite3_step(st);
            }
            rc = src == SQLITE_DONE ? BZ_OK : sq_error(s, src);
            sqlite3_finalize(st);
        }
        if (rc == BZ_OK) {
            (*applied)++;
            bz_info("sqlite: applied migration %04d_%s", m->version, m->name);
        }
    }
    if (rc == BZ_OK) {
        rc = exec_script(s, "COMMIT");
    }
    if (rc != BZ_OK && !sqlite3_get_autocommit(s->db)) {
        exec_script(s, "ROLLBACK");
    }
    return rc;
}

static int sq_migrate(store *st, int *applied_out)
{
    sq_store *s = sq_of(st);
    *applied_out = 0;
    if (s->in_tx) {
        return BZ_EINTERNAL;
    }
    int rc = exec_script(s, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                            " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                            " applied_at INTEGER NOT NULL)");
    size_t n = 0;
    const store_migration *list = store_migrations("sqlite", &n);
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        rc = apply_migration(s, &list[i], applied_out);
    }
    return rc;
}

/* ---- connection -------------------------------------------------------- */

static int sq_ping(store *st)
{
    sq_store *s = sq_of(st);
    return exec_script(s, "SELECT 1");
}

static void sq_close(store *st)
{
    sq_store *s = sq_of(st);
    for (int i = 0; i < SQ_NSTMT; i++) {
        sqlite3_finalize(s->stmts[i]);
    }
    sqlite3_close(s->db);
    free(s);
}

static const struct store_ops sq_ops = {
    .name = "sqlite",
    .close = sq_close,
    .ping = sq_ping,
    .migrate = sq_migrate,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .user_create = sq_user_create,
    .user_get = sq_user_get,
    .user_by_email = sq_user_by_email,
    .user_by_username = sq_user_by_username,
    .user_update = sq_user_update,
    .user_set_avatar = sq_user_set_avatar,
    .refresh_create = sq_refresh_create,
    .refresh_by_hash = sq_refresh_by_hash,
    .refresh_mark_used = sq_refresh_mark_used,
    .refresh_revoke_family = sq_refresh_revoke_family,
    .user_set_password = sq_user_set_password,
    .session_revoke = sq_session_revoke,
    .sessions_revoke_user = sq_sessions_revoke_user,
    .revocations_after = sq_revocations_after,
    .revocations_prune = sq_revocations_prune,
    .seller_create = sq_seller_create,
    .seller_get = sq_seller_get,
    .seller_update = sq_seller_update,
    .follow = sq_follow,
    .unfollow = sq_unfollow,
    .is_following = sq_is_following,
    .following = sq_following,
    .category_create = sq_category_create,
    .categories = sq_categories,
    .category_get = sq_category_get,
    .product_create = sq_product_create,
    .product_get = sq_product_get,
    .product_update = sq_product_update,
    .product_delete = sq_product_delete,
    .product_search = sq_product_search,
    .image_create = sq_image_create,
    .image_get = sq_image_get,
    .image_delete = sq_image_delete,
    .image_count = sq_image_count,
    .idem_get = sq_idem_get,
    .idem_put = sq_idem_put,
    .stream_create = sq_stream_create,
    .stream_get = sq_stream_get,
    .stream_list = sq_stream_list,
    .stream_set_status = sq_stream_set_status,
    .stream_set_cover = sq_stream_set_cover,
    .stream_lineup = sq_stream_lineup,
    .stream_next_seq = sq_stream_next_seq,
    .stream_event_insert = sq_stream_event_insert,
    .stream_events = sq_stream_events,
    .auction_create = sq_auction_create,
    .auction_get = sq_auction_get,
    .auction_running_of_stream = sq_auction_running_of_stream,
    .auctions_running = sq_auctions_running,
    .auction_update = sq_auction_update,
    .auction_close = sq_auction_close,
    .bid_insert = sq_bid_insert,
    .bid_get = sq_bid_get,
    .bids_of = sq_bids_of,
    .bid_key_get = sq_bid_key_get,
    .bid_key_put = sq_bid_key_put,
    .order_create = sq_order_create,
    .order_by_auction = sq_order_by_auction,
    .orders_of = sq_orders_of,
    .product_take_one = sq_product_take_one,
    .product_stock = sq_product_stock,
    .chat_message_insert = sq_chat_message_insert,
    .chat_message_get = sq_chat_message_get,
    .chat_messages = sq_chat_messages,
    .chat_message_delete = sq_chat_message_delete,
    .chat_activity = sq_chat_activity,
    .moderator_add = sq_moderator_add,
    .moderator_remove = sq_moderator_remove,
    .is_moderator = sq_is_moderator,
    .moderators = sq_moderators,
    .chat_mute_set = sq_chat_mute_set,
    .chat_mute_clear = sq_chat_mute_clear,
    .chat_mute_until = sq_chat_mute_until,
    .stream_ban_add = sq_stream_ban_add,
    .stream_ban_remove = sq_stream_ban_remove,
    .stream_is_banned = sq_stream_is_banned,
    .blocked_words_set = sq_blocked_words_set,
    .blocked_words = sq_blocked_words,
    .chat_slow_mode_set = sq_chat_slow_mode_set,
    .chat_slow_mode = sq_chat_slow_mode,
    .buyer_limits_get = sq_buyer_limits_get,
    .buyer_limits_put = sq_buyer_limits_put,
    .bidder_facts = sq_bidder_facts,
    .buyer_committed = sq_buyer_committed,
    .notify_followers_live = sq_notify_followers_live,
    .notifications_of = sq_notifications_of,
    .notification_mark_read = sq_notification_mark_read,
    .prebid_put = sq_prebid_put,
    .prebids_of_lot = sq_prebids_of_lot,
    .prebids_of_bidder = sq_prebids_of_bidder,
    .prebid_delete = sq_prebid_delete,
};

int sqlite_store_open(const char *path, store **out)
{
    *out = NULL;
    sq_store *s = calloc(1, sizeof(*s));
    if (!s) {
        return BZ_EINTERNAL;
    }
    s->base.ops = &sq_ops;
    /* NOMUTEX: a connection belongs to one thread (store.h), so SQLite's own locking of it
     * would be pure overhead. */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int src = sqlite3_open_v2(path, &s->db, flags, NULL);
    if (src != SQLITE_OK) {
        bz_error("sqlite: cannot open database: %s",
                 s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(src));
        sqlite3_close(s->db);
        free(s);
        return BZ_EUNAVAILABLE;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    int rc = exec_script(s, "PRAGMA journal_mode = WAL;"
                            "PRAGMA synchronous = NORMAL;"
                            "PRAGMA foreign_keys = ON;"
                            "PRAGMA temp_store = MEMORY;");
    if (rc != BZ_OK) {
        sq_close(&s->base);
        return rc == BZ_EINTERNAL ? BZ_EUNAVAILABLE : rc;
    }
    *out = &s->base;
    return BZ_OK;
}
