/*
 * store/sql/streams.c - shows (streams) and their lineups.
 *
 * Lists are keyset-paginated on the show's sort key and id (row-value
 * comparisons the index on (status, key, id) answers directly), so a page
 * never repeats or skips a row when shows are added in between: scheduled
 * shows walk (starts_at, id) upwards, live ones (started_at, id) downwards.
 * The status is spelled into each list statement, not bound, so that the
 * plan (PostgreSQL: the generic plan of the prepared statement) still knows
 * the index range. Lineups travel as one list parameter, so creating a show
 * or reading a page's lineups costs one statement, not one per product.
 */
#include "base/err.h"
#include "store/sql/sql.h"
#include "store/store_util.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define STREAM_COLS                                                                                \
    "t.id, t.seller_id, t.title, t.description, t.status, t.starts_at, t.started_at, "             \
    "t.ended_at, t.cover_image_id, t.created_at, t.updated_at, u.username, s.shop_name, t.record"
#define STREAM_FROM                                                                                \
    " FROM streams t JOIN sellers s ON s.id = t.seller_id JOIN users u ON u.id = t.seller_id "

#define F(kind, field) SQL_COL(kind, show_stream, field)
SQL_READER(read_stream, show_stream, F(I64, id), F(I64, seller_id), F(TEXT, title),
           F(TEXT, description), F(TEXT, status), F(I64, starts_at), F(I64, started_at),
           F(I64, ended_at), F(I64, cover_image_id), F(I64, created_at), F(I64, updated_at),
           F(TEXT, seller_username), F(TEXT, shop_name), F(BOOL, record))
#undef F

/* ---- create -------------------------------------------------------------- */

static db_query Q_STREAM_CREATE =
    DB_QUERY("INSERT INTO streams (id, seller_id, title, description, status, starts_at, "
             "cover_image_id, created_at, updated_at, record) "
             "VALUES ($1, $2, $3, coalesce($4, ''), 'scheduled', $5, $6, $7, $8, $9)");

/* Every lineup row in one statement. The join drops missing and deleted products, so fewer
 * rows than ids means one of them was: BZ_ENOTFOUND, like a foreign key failure. */
static db_query Q_LINEUP_INSERT =
    DB_QUERY("INSERT INTO stream_products (stream_id, product_id, position) "
             "SELECT $1, p.id, CAST(l.pos AS INTEGER) FROM {id_rows $2} l "
             "JOIN products p ON p.id = l.id AND p.deleted_at IS NULL");

static int insert_stream(db_conn *c, const void *arg)
{
    const show_stream *st = arg;
    db_stmt *q = SQL_PREPARE(c, &Q_STREAM_CREATE, SQL_I64(st->id), SQL_I64(st->seller_id),
                             SQL_TEXT(st->title), SQL_TEXT(st->description), SQL_I64(st->starts_at),
                             SQL_ID(st->cover_image_id), SQL_I64(st->created_at),
                             SQL_I64(st->updated_at), SQL_BOOL(st->record));
    return db_exec(q, NULL);
}

static int insert_lineup(db_conn *c, const void *arg)
{
    const show_stream *st = arg;
    if (st->n_products == 0) {
        return BZ_OK;
    }
    db_stmt *q = db_prepare(c, &Q_LINEUP_INSERT);
    db_bind_i64(q, 1, st->id);
    db_bind_ids(q, 2, st->product_ids, st->n_products);
    int changes = 0;
    int rc = db_exec(q, &changes);
    return rc == BZ_OK && (size_t)changes != st->n_products ? BZ_ENOTFOUND : rc;
}

int sql_stream_create(store *s, const show_stream *in)
{
    return sql_atomic2(sql_db(s), insert_stream, insert_lineup, in);
}

/* ---- reads --------------------------------------------------------------- */

/* The lineups of one show or a page of them (sql_fetch_children), grouped by show, each in
 * lineup order. */
#define LINEUP_IDS(shows)                                                                          \
    "SELECT sp.stream_id, sp.product_id FROM stream_products sp "                                  \
    "JOIN products p ON p.id = sp.product_id WHERE sp.stream_id " shows                            \
    " AND p.deleted_at IS NULL ORDER BY sp.stream_id, sp.position"
static db_query Q_LINEUP_IDS_ONE = DB_QUERY(LINEUP_IDS("= $1"));
static db_query Q_LINEUP_IDS_PAGE = DB_QUERY(LINEUP_IDS("{in_ids $1}"));

typedef struct lineup_row {
    int64_t stream_id, product_id;
} lineup_row;

static void read_lineup_row(db_stmt *q, bz_arena *a, void *dst)
{
    (void)a;
    lineup_row *out = dst;
    out->stream_id = db_col_i64(q, 0);
    out->product_id = db_col_i64(q, 1);
}

/* Fill product_ids of `n` shows with one query, leaving out deleted products. */
static int load_product_ids(db_conn *c, bz_arena *a, show_stream *streams, size_t n)
{
    size_t rows = 0, first = 0;
    int rc;
    lineup_row *all =
        sql_fetch_children(c, &Q_LINEUP_IDS_ONE, &Q_LINEUP_IDS_PAGE, streams, n, sizeof(*streams),
                           offsetof(show_stream, id), a, read_lineup_row, sizeof(*all), &rows, &rc);
    int64_t *ids = rows ? bz_arena_calloc(a, rows, sizeof(*ids)) : NULL;
    if (rc == BZ_OK && rows && !ids) {
        rc = BZ_EINTERNAL;
    }
    for (size_t k = 0; rc == BZ_OK && k < rows; k++) {
        ids[k] = all[k].product_id;
    }
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        /* all is grouped by show: each show's products are one run of it, or none */
        streams[i].n_products = sql_run_of(all, rows, sizeof(*all), offsetof(lineup_row, stream_id),
                                           streams[i].id, &first);
        streams[i].product_ids = streams[i].n_products ? &ids[first] : NULL;
    }
    return rc;
}

static db_query Q_STREAM_GET = DB_QUERY("SELECT " STREAM_COLS STREAM_FROM "WHERE t.id = $1");
static db_query Q_STREAM_EXISTS = DB_QUERY("SELECT 1 FROM streams WHERE id = $1");

int sql_stream_get(store *s, int64_t id, bz_arena *a, show_stream *out)
{
    db_conn *c = sql_db(s);
    int rc = db_fetch_one(sql_prepare_ints(c, &Q_STREAM_GET, &id, 1), a, read_stream, out);
    return rc == BZ_OK ? load_product_ids(c, a, out, 1) : rc;
}

/* ---- list ---------------------------------------------------------------- */

/* $1, $2 are the cursor's sort key and id, $3 the row limit, $4 (when filtered) the seller. */
enum { LIST_LIVE = 1, LIST_SELLER = 2 };

#define LIST_SQL(status, seller, key, cmp, dir)                                                    \
    "SELECT " STREAM_COLS STREAM_FROM "WHERE t.status = '" status "' " seller "AND (t." key        \
    ", t.id) " cmp " ($1, $2) ORDER BY t." key " " dir ", t.id " dir " LIMIT $3"
#define SCHEDULED(seller) LIST_SQL("scheduled", seller, "starts_at", ">", "ASC")
#define LIVE(seller)      LIST_SQL("live", seller, "started_at", "<", "DESC")
#define BY_SELLER         "AND t.seller_id = $4 "

static db_query Q_LIST[4] = {
    [0] = DB_QUERY(SCHEDULED("")),
    [LIST_LIVE] = DB_QUERY(LIVE("")),
    [LIST_SELLER] = DB_QUERY(SCHEDULED(BY_SELLER)),
    [LIST_LIVE | LIST_SELLER] = DB_QUERY(LIVE(BY_SELLER)),
};

int sql_stream_list(store *s, const store_stream_query *sq, bz_arena *a, show_stream **out,
                    store_stream_page *page)
{
    db_conn *c = sql_db(s);
    bool live = sq->status && strcmp(sq->status, "live") == 0;
    if (!live && (!sq->status || strcmp(sq->status, "scheduled") != 0)) {
        return BZ_EINTERNAL; /* the port lists these two only */
    }
    unsigned variant = (live ? LIST_LIVE : 0) | (sq->seller_id ? LIST_SELLER : 0);
    int limit = store_clamp_limit(sq->limit);
    show_stream *rows = bz_arena_calloc(a, (size_t)limit, sizeof(*rows));
    if (!rows) {
        return BZ_EINTERNAL;
    }
    db_stmt *q = db_prepare(c, &Q_LIST[variant]);
    bool first = sq->cursor.id == 0;
    int64_t edge = live ? INT64_MAX : INT64_MIN;
    db_bind_i64(q, 1, first ? edge : sq->cursor.at);
    db_bind_i64(q, 2, first ? edge : sq->cursor.id);
    db_bind_i64(q, 3, limit + 1); /* one more row says whether a next page exists */
    if (variant & LIST_SELLER) {
        db_bind_i64(q, 4, sq->seller_id);
    }
    size_t n = 0;
    bool more = false;
    int rc = sql_fetch_page(q, a, read_stream, sizeof(*rows), rows, limit, &n, &more);
    if (rc == BZ_OK) {
        rc = load_product_ids(c, a, rows, n);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    *out = rows;
    page->n = n;
    page->next = (store_stream_cursor){0, 0};
    if (more) {
        const show_stream *last = &rows[n - 1];
        page->next = (store_stream_cursor){live ? last->started_at : last->starts_at, last->id};
    }
    return BZ_OK;
}

/* ---- status and cover ------------------------------------------------------ */

/* The WHERE on the current status is what makes the transition happen once: a racing second
 * UPDATE waits for the first's write lock, then no longer matches. */
static db_query Q_STREAM_SET_STATUS =
    DB_QUERY("UPDATE streams SET status = $3, "
             "started_at = CASE WHEN $3 = 'live' THEN $4 ELSE started_at END, "
             "ended_at = CASE WHEN $3 = 'ended' THEN $4 ELSE ended_at END, "
             "updated_at = $4 WHERE id = $1 AND status = $2");

int sql_stream_set_status(store *s, int64_t id, const char *from, const char *to, int64_t now)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_STREAM_SET_STATUS, SQL_I64(id), SQL_TEXT(from),
                             SQL_TEXT(to), SQL_I64(now));
    return sql_exec_or_why(sql_db(s), q, &Q_STREAM_EXISTS, id, BZ_ECONFLICT);
}

static db_query Q_STREAM_SET_COVER =
    DB_QUERY("UPDATE streams SET cover_image_id = $2, updated_at = $3 WHERE id = $1");

int sql_stream_set_cover(store *s, int64_t id, int64_t image_id, int64_t now)
{
    return sql_set_image(s, &Q_STREAM_SET_COVER, id, image_id, now);
}

/* ---- lineup -------------------------------------------------------------- */

static db_query Q_LINEUP = DB_QUERY("SELECT " SQL_PRODUCT_COLS " FROM stream_products sp "
                                    "JOIN products p ON p.id = sp.product_id "
                                    "WHERE sp.stream_id = $1 AND p.deleted_at IS NULL "
                                    "ORDER BY sp.position");

int sql_stream_lineup(store *s, int64_t id, bz_arena *a, catalog_product **out, size_t *n)
{
    db_conn *c = sql_db(s);
    *out = NULL;
    *n = 0;
    bool exists = false;
    int rc = sql_exists_id(c, &Q_STREAM_EXISTS, id, &exists);
    if (rc != BZ_OK || !exists) {
        return rc != BZ_OK ? rc : BZ_ENOTFOUND;
    }
    db_stmt *q = sql_prepare_ints(c, &Q_LINEUP, &id, 1);
    size_t count = 0;
    catalog_product *rows = db_fetch_all(q, a, sql_read_product, sizeof(*rows), &count, &rc);
    if (rc == BZ_OK) {
        rc = sql_load_product_images(c, a, rows, count);
    }
    if (rc == BZ_OK) {
        *out = rows;
        *n = count;
    }
    return rc;
}
