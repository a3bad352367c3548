/*
 * store/pg/pg_store.c - the PostgreSQL connection: opening, transactions,
 * migrations and the ops table.
 */
#include "store/pg/pg_store.h"

#include "base/err.h"
#include "base/log.h"
#include "base/time.h"
#include "store/migrations/migrations.h"
#include "store/pg/pg_chat.h"
#include "store/pg/pg_notif.h"
#include "store/pg/pg_prebid.h"
#include "store/pg/pg_internal.h"

#include <stdlib.h>
#include <string.h>

/* Server notices (NOTICE: relation already exists, skipping ...) go to the debug log instead of
 * stderr. */
static void on_notice(void *arg, const char *message)
{
    (void)arg;
    bz_debug("postgres: %s", message);
}

static int pg_ping(store *st)
{
    pg_store *s = pg_of(st);
    int rc = s->tx_lost ? BZ_EUNAVAILABLE : pg_ensure_connected(s);
    return rc == BZ_OK ? pg_exec_simple(s, "SELECT 1") : rc;
}

/* ---- transactions --------------------------------------------------------- */

static int pg_begin(store *st)
{
    pg_store *s = pg_of(st);
    if (s->in_tx) {
        return BZ_EINTERNAL;
    }
    int rc = pg_ensure_connected(s);
    if (rc == BZ_OK) {
        rc = pg_exec_simple(s, "BEGIN");
    }
    s->in_tx = rc == BZ_OK;
    s->tx_lost = false;
    s->savepoints = 0;
    return rc;
}

static int pg_commit(store *st)
{
    pg_store *s = pg_of(st);
    if (!s->in_tx) {
        return BZ_EINTERNAL;
    }
    int rc = BZ_EUNAVAILABLE;
    int deferred = pg_sync(s);
    if (deferred != BZ_OK && !s->tx_lost) {
        pg_exec_simple(s, "ROLLBACK"); /* a deferred write failed: nothing of it may stay */
        rc = deferred;
    } else if (!s->tx_lost) {
        /* COMMIT of a transaction that an error aborted answers "ROLLBACK" without failing:
         * report that as the failure it is. */
        PGresult *res = PQexec(s->conn, "COMMIT");
        if (res && PQresultStatus(res) == PGRES_COMMAND_OK) {
            rc = strcmp(PQcmdStatus(res), "COMMIT") == 0 ? BZ_OK : BZ_EINTERNAL;
        } else {
            rc = pg_result_error(s, res);
        }
        PQclear(res);
    }
    s->in_tx = false;
    s->tx_lost = false;
    s->savepoints = 0;
    return rc;
}

static int pg_rollback(store *st)
{
    pg_store *s = pg_of(st);
    if (!s->in_tx) {
        return BZ_EINTERNAL;
    }
    int rc = BZ_OK;
    pg_sync(s); /* answers of deferred writes: the transaction is abandoned either way */
    if (!s->tx_lost && PQstatus(s->conn) == CONNECTION_OK) {
        rc = pg_exec_simple(s, "ROLLBACK");
    }
    s->in_tx = false;
    s->tx_lost = false;
    s->savepoints = 0;
    return rc;
}

/* ---- migrations ------------------------------------------------------------ */

static int is_applied(pg_store *s, int version, bool *applied)
{
    char v[16];
    snprintf(v, sizeof(v), "%d", version);
    const char *params[1] = {v};
    PGresult *res = PQexecParams(s->conn, "SELECT 1 FROM schema_migrations WHERE version = $1", 1,
                                 NULL, params, NULL, NULL, 0);
    int rc = BZ_OK;
    if (res && PQresultStatus(res) == PGRES_TUPLES_OK) {
        *applied = PQntuples(res) > 0;
    } else {
        rc = BZ_EINTERNAL;
        bz_error("postgres migrate: %s", PQerrorMessage(s->conn));
    }
    PQclear(res);
    return rc;
}

static int apply_migration(pg_store *s, const store_migration *m)
{
    int rc = pg_exec_simple(s, "BEGIN");
    if (rc != BZ_OK) {
        return rc;
    }
    PGresult *res = PQexec(s->conn, m->sql); /* several statements: simple protocol */
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
        bz_error("postgres migration %04d_%s: %s", m->version, m->name, PQerrorMessage(s->conn));
        rc = PQstatus(s->conn) == CONNECTION_OK ? BZ_EINTERNAL : BZ_EUNAVAILABLE;
    }
    PQclear(res);
    if (rc == BZ_OK) {
        char v[16], now[24];
        snprintf(v, sizeof(v), "%d", m->version);
        snprintf(now, sizeof(now), "%lld", (long long)bz_now_ms());
        const char *params[3] = {v, m->name, now};
        res = PQexecParams(s->conn,
                           "INSERT INTO schema_migrations (version, name, applied_at) "
                           "VALUES ($1, $2, $3)",
                           3, NULL, params, NULL, NULL, 0);
        if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
            rc = BZ_EINTERNAL;
        }
        PQclear(res);
    }
    if (rc == BZ_OK) {
        rc = pg_exec_simple(s, "COMMIT");
        bz_info("postgres: applied migration %04d_%s", m->version, m->name);
    } else {
        pg_exec_simple(s, "ROLLBACK");
    }
    return rc;
}

/* Nodes starting together all call migrate: a session advisory lock, keyed by the schema so
 * that separate schemas (tests) do not wait on each other, lets one apply while the others
 * wait and then find nothing left to do. */
static int pg_migrate(store *st, int *applied_out)
{
    pg_store *s = pg_of(st);
    *applied_out = 0;
    if (s->in_tx) {
        return BZ_EINTERNAL;
    }
    int rc = pg_ensure_connected(s);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = pg_exec_simple(s, "SELECT pg_advisory_lock(1651275130, "
                           "hashtext(coalesce(current_schema(), '')))");
    if (rc != BZ_OK) {
        return rc;
    }
    rc = pg_exec_simple(s, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                           " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                           " applied_at BIGINT NOT NULL)");
    size_t n = 0;
    const store_migration *list = store_migrations("pg", &n);
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        bool applied = false;
        rc = is_applied(s, list[i].version, &applied);
        if (rc == BZ_OK && !applied) {
            rc = apply_migration(s, &list[i]);
            *applied_out += rc == BZ_OK;
        }
    }
    if (PQstatus(s->conn) == CONNECTION_OK) {
        pg_exec_simple(s, "SELECT pg_advisory_unlock(1651275130, "
                          "hashtext(coalesce(current_schema(), '')))");
    }
    return rc;
}

/* ---- connection ------------------------------------------------------------ */

static void pg_close(store *st)
{
    pg_store *s = pg_of(st);
    PQfinish(s->conn);
    free(s);
}

static const struct store_ops pg_ops = {
    .name = "postgres",
    .close = pg_close,
    .ping = pg_ping,
    .migrate = pg_migrate,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .user_create = pg_user_create,
    .user_get = pg_user_get,
    .user_by_email = pg_user_by_email,
    .user_by_username = pg_user_by_username,
    .user_update = pg_user_update,
    .user_set_avatar = pg_user_set_avatar,
    .refresh_create = pg_refresh_create,
    .refresh_by_hash = pg_refresh_by_hash,
    .refresh_mark_used = pg_refresh_mark_used,
    .refresh_revoke_family = pg_refresh_revoke_family,
    .user_set_password = pg_user_set_password,
    .session_revoke = pg_session_revoke,
    .sessions_revoke_user = pg_sessions_revoke_user,
    .revocations_after = pg_revocations_after,
    .revocations_prune = pg_revocations_prune,
    .seller_create = pg_seller_create,
    .seller_get = pg_seller_get,
    .seller_update = pg_seller_update,
    .follow = pg_follow,
    .unfollow = pg_unfollow,
    .is_following = pg_is_following,
    .following = pg_following,
    .category_create = pg_category_create,
    .categories = pg_categories,
    .category_get = pg_category_get,
    .product_create = pg_product_create,
    .product_get = pg_product_get,
    .product_update = pg_product_update,
    .product_delete = pg_product_delete,
    .product_search = pg_product_search,
    .image_create = pg_image_create,
    .image_get = pg_image_get,
    .image_delete = pg_image_delete,
    .image_count = pg_image_count,
    .idem_get = pg_idem_get,
    .idem_put = pg_idem_put,
    .stream_create = pg_stream_create,
    .stream_get = pg_stream_get,
    .stream_list = pg_stream_list,
    .stream_set_status = pg_stream_set_status,
    .stream_set_cover = pg_stream_set_cover,
    .stream_lineup = pg_stream_lineup,
    .stream_next_seq = pg_stream_next_seq,
    .stream_event_insert = pg_stream_event_insert,
    .stream_events = pg_stream_events,
    .auction_create = pg_auction_create,
    .auction_get = pg_auction_get,
    .auction_running_of_stream = pg_auction_running_of_stream,
    .auctions_running = pg_auctions_running,
    .auction_update = pg_auction_update,
    .auction_close = pg_auction_close,
    .bid_insert = pg_bid_insert,
    .bid_get = pg_bid_get,
    .bids_of = pg_bids_of,
    .bid_key_get = pg_bid_key_get,
    .bid_key_put = pg_bid_key_put,
    .order_create = pg_order_create,
    .order_by_auction = pg_order_by_auction,
    .orders_of = pg_orders_of,
    .product_take_one = pg_product_take_one,
    .product_stock = pg_product_stock,
    .chat_message_insert = pg_chat_message_insert,
    .chat_message_get = pg_chat_message_get,
    .chat_messages = pg_chat_messages,
    .chat_message_delete = pg_chat_message_delete,
    .chat_activity = pg_chat_activity,
    .moderator_add = pg_moderator_add,
    .moderator_remove = pg_moderator_remove,
    .is_moderator = pg_is_moderator,
    .moderators = pg_moderators,
    .chat_mute_set = pg_chat_mute_set,
    .chat_mute_clear = pg_chat_mute_clear,
    .chat_mute_until = pg_chat_mute_until,
    .stream_ban_add = pg_stream_ban_add,
    .stream_ban_remove = pg_stream_ban_remove,
    .stream_is_banned = pg_stream_is_banned,
    .blocked_words_set = pg_blocked_words_set,
    .blocked_words = pg_blocked_words,
    .chat_slow_mode_set = pg_chat_slow_mode_set,
    .chat_slow_mode = pg_chat_slow_mode,
    .buyer_limits_get = pg_buyer_limits_get,
    .buyer_limits_put = pg_buyer_limits_put,
    .bidder_facts = pg_bidder_facts,
    .buyer_committed = pg_buyer_committed,
    .notify_followers_live = pg_notify_followers_live,
    .notifications_of = pg_notifications_of,
    .notification_mark_read = pg_notification_mark_read,
    .prebid_put = pg_prebid_put,
    .prebids_of_lot = pg_prebids_of_lot,
    .prebids_of_bidder = pg_prebids_of_bidder,
    .prebid_delete = pg_prebid_delete,
};

int pg_store_open(const char *conninfo_url, store **out)
{
    *out = NULL;
    pg_store *s = calloc(1, sizeof(*s));
    if (!s) {
        return BZ_EINTERNAL;
    }
    s->base.ops = &pg_ops;
    s->conn = PQconnectdb(conninfo_url);
    if (!s->conn || PQstatus(s->conn) != CONNECTION_OK) {
        /* libpq's message names host and port, never the password. */
        bz_error("postgres: cannot connect: %s", s->conn ? PQerrorMessage(s->conn) : "no memory");
        pg_close(&s->base);
        return BZ_EUNAVAILABLE;
    }
    PQsetNoticeProcessor(s->conn, on_notice, NULL);
    int rc = pg_exec_simple(s, "SET client_min_messages = warning");
    if (rc != BZ_OK) {
        pg_close(&s->base);
        return rc;
    }
    *out = &s->base;
    return BZ_OK;
}
