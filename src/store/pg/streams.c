/*
 * store/pg/streams.c - shows (streams) and their lineups.
 *
 * Lists are keyset-paginated on the show's sort key and id (row-value
 * comparisons the index on (status, key, id) answers directly): scheduled
 * shows walk (starts_at, id) upwards, live ones (started_at, id) downwards.
 * The status is spelled into each list statement, not bound, so that the
 * generic plan of the prepared statement still knows the index range.
 * Lineups travel as one array parameter, "{1,2,3}", so creating a show or
 * reading a page costs one round trip for all of its products.
 */
#include "base/err.h"
#include "store/pg/pg_internal.h"
#include "store/store_util.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STREAM_COLS                                                                                \
    "t.id, t.seller_id, t.title, t.description, t.status, t.starts_at, t.started_at, "             \
    "t.ended_at, t.cover_image_id, t.created_at, t.updated_at, u.username, s.shop_name"
#define STREAM_FROM                                                                                \
    " FROM streams t JOIN sellers s ON s.id = t.seller_id JOIN users u ON u.id = t.seller_id "

static void read_stream(pg_row *r, store_stream *out)
{
    memset(out, 0, sizeof(*out));
    out->id = pg_i64(r, 0);
    out->seller_id = pg_i64(r, 1);
    out->title = pg_text(r, 2);
    out->description = pg_text(r, 3);
    out->status = pg_text(r, 4);
    out->starts_at = pg_i64(r, 5);
    out->started_at = pg_i64(r, 6);
    out->ended_at = pg_i64(r, 7);
    out->cover_image_id = pg_i64(r, 8);
    out->created_at = pg_i64(r, 9);
    out->updated_at = pg_i64(r, 10);
    out->seller_username = pg_text(r, 11);
    out->shop_name = pg_text(r, 12);
}

/* "{1,2,3}" for a bigint[] parameter; `get` reads the i-th id. malloc'd (free it) or NULL. */
static char *id_array(size_t n, int64_t (*get)(const void *items, size_t i), const void *items)
{
    char *text = malloc(n * 21 + 3);
    if (!text) {
        return NULL;
    }
    size_t len = 0;
    text[len++] = '{';
    for (size_t i = 0; i < n; i++) {
        len += (size_t)sprintf(text + len, "%s%" PRId64, i ? "," : "", get(items, i));
    }
    text[len++] = '}';
    text[len] = '\0';
    return text;
}

static int64_t nth_id(const void *items, size_t i)
{
    return ((const int64_t *)items)[i];
}

static int64_t nth_stream_id(const void *items, size_t i)
{
    return ((const store_stream *)items)[i].id;
}

/* ---- create -------------------------------------------------------------- */

static int insert_stream(pg_store *s, const store_stream *st)
{
    pg_params p = {0};
    pg_p_i64(&p, st->id);
    pg_p_i64(&p, st->seller_id);
    pg_p_text(&p, st->title);
    pg_p_text(&p, st->description);
    pg_p_i64(&p, st->starts_at);
    pg_p_id(&p, st->cover_image_id);
    pg_p_i64(&p, st->created_at);
    pg_p_i64(&p, st->updated_at);
    return pg_command(s, PG_STREAM_CREATE,
                      "INSERT INTO streams (id, seller_id, title, description, status, starts_at, "
                      "cover_image_id, created_at, updated_at) "
                      "VALUES ($1, $2, $3, coalesce($4, ''), 'scheduled', $5, $6, $7, $8)",
                      &p, NULL);
}

/* Every lineup row in one statement. The join drops missing and deleted products, so fewer
 * rows than ids means one of them was: BZ_ENOTFOUND, like a foreign key failure. */
static int insert_lineup(pg_store *s, const store_stream *st)
{
    if (st->n_products == 0) {
        return BZ_OK;
    }
    char *ids = id_array(st->n_products, nth_id, st->product_ids);
    if (!ids) {
        return BZ_EINTERNAL;
    }
    pg_params p = {0};
    pg_p_i64(&p, st->id);
    pg_p_text(&p, ids);
    int changes = 0;
    int rc = pg_command(s, PG_STREAM_LINEUP_INSERT,
                        "INSERT INTO stream_products (stream_id, product_id, position) "
                        "SELECT $1, p.id, (t.ord - 1)::int "
                        "FROM unnest($2::bigint[]) WITH ORDINALITY AS t(id, ord) "
                        "JOIN products p ON p.id = t.id AND p.deleted_at IS NULL",
                        &p, &changes);
    free(ids);
    return rc == BZ_OK && (size_t)changes != st->n_products ? BZ_ENOTFOUND : rc;
}

int pg_stream_create(store *st, const store_stream *in)
{
    pg_store *s = pg_of(st);
    int rc = pg_atomic_begin(s);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = insert_stream(s, in);
    if (rc == BZ_OK) {
        rc = insert_lineup(s, in);
    }
    return pg_atomic_end(s, rc);
}

/* ---- reads --------------------------------------------------------------- */

/* Point streams[i].product_ids at its rows, `count` of them starting at `first`. */
static int take_ids(pg_row *r, int first, int count, store_stream *st)
{
    int64_t *ids = bz_arena_calloc(r->a, (size_t)count, sizeof(*ids));
    if (!ids) {
        return BZ_EINTERNAL;
    }
    for (int k = 0; k < count; k++) {
        r->row = first + k;
        ids[k] = pg_i64(r, 1);
    }
    st->product_ids = ids;
    st->n_products = (size_t)count;
    return BZ_OK;
}

/* Fill product_ids of `n` streams in one query; rows come grouped by stream, in lineup order. */
static int load_product_ids(pg_store *s, bz_arena *a, store_stream *streams, size_t n)
{
    if (n == 0) {
        return BZ_OK;
    }
    char *ids = id_array(n, nth_stream_id, streams);
    if (!ids) {
        return BZ_EINTERNAL;
    }
    pg_params p = {0};
    pg_p_text(&p, ids);
    PGresult *res = NULL;
    int rc = pg_query(s, PG_STREAM_PRODUCT_IDS,
                      "SELECT sp.stream_id, sp.product_id FROM stream_products sp "
                      "JOIN products p ON p.id = sp.product_id "
                      "WHERE sp.stream_id = ANY ($1::bigint[]) AND p.deleted_at IS NULL "
                      "ORDER BY sp.stream_id, sp.position",
                      NULL, &p, &res);
    free(ids);
    if (rc != BZ_OK) {
        return rc;
    }
    int rows = PQntuples(res);
    pg_row r = {res, 0, a, true};
    for (int row = 0; rc == BZ_OK && row < rows;) {
        r.row = row;
        int64_t stream_id = pg_i64(&r, 0);
        int end = row + 1;
        while (end < rows) {
            r.row = end;
            if (pg_i64(&r, 0) != stream_id) {
                break;
            }
            end++;
        }
        for (size_t i = 0; i < n; i++) {
            if (streams[i].id == stream_id) {
                rc = take_ids(&r, row, end - row, &streams[i]);
            }
        }
        row = end;
    }
    PQclear(res);
    return rc;
}

int pg_stream_get(store *st, int64_t id, bz_arena *a, store_stream *out)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, id);
    PGresult *res = NULL;
    int rc = pg_query(s, PG_STREAM_GET, "SELECT " STREAM_COLS STREAM_FROM "WHERE t.id = $1", NULL,
                      &p, &res);
    if (rc == BZ_OK && PQntuples(res) == 0) {
        rc = BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        pg_row r = {res, 0, a, true};
        read_stream(&r, out);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    }
    PQclear(res);
    return rc == BZ_OK ? load_product_ids(s, a, out, 1) : rc;
}

static int stream_exists(pg_store *s, int64_t id, bool *exists)
{
    pg_params p = {0};
    pg_p_i64(&p, id);
    PGresult *res = NULL;
    int rc = pg_query(s, PG_STREAM_EXISTS, "SELECT 1 FROM streams WHERE id = $1", NULL, &p, &res);
    *exists = rc == BZ_OK && PQntuples(res) > 0;
    PQclear(res);
    return rc;
}

/* ---- list ---------------------------------------------------------------- */

enum { LIST_LIVE = 1, LIST_SELLER = 2 };

/* Types of $1..$4 (cursor key, cursor id, row limit, seller): a variant without the seller
 * filter does not mention $4, so the server cannot infer it. */
static const unsigned list_types[4] = {PG_OID_INT8, PG_OID_INT8, PG_OID_INT8, PG_OID_INT8};

static void list_sql(unsigned variant, char *sql, size_t size)
{
    bool live = variant & LIST_LIVE;
    snprintf(sql, size,
             "SELECT " STREAM_COLS STREAM_FROM "WHERE t.status = '%s' %s"
             "AND (t.%s, t.id) %s ($1, $2) ORDER BY t.%s %s, t.id %s LIMIT $3",
             live ? "live" : "scheduled", variant & LIST_SELLER ? "AND t.seller_id = $4 " : "",
             live ? "started_at" : "starts_at", live ? "<" : ">", live ? "started_at" : "starts_at",
             live ? "DESC" : "ASC", live ? "DESC" : "ASC");
}

int pg_stream_list(store *st, const store_stream_query *sq, bz_arena *a, store_stream **out,
                   store_stream_page *page)
{
    pg_store *s = pg_of(st);
    bool live = sq->status && strcmp(sq->status, "live") == 0;
    if (!live && (!sq->status || strcmp(sq->status, "scheduled") != 0)) {
        return BZ_EINTERNAL; /* the port lists these two only */
    }
    unsigned variant = (live ? LIST_LIVE : 0) | (sq->seller_id ? LIST_SELLER : 0);
    int limit = store_clamp_limit(sq->limit);
    bool first = sq->cursor.id == 0;
    int64_t edge = live ? INT64_MAX : INT64_MIN;
    pg_params p = {0};
    pg_p_i64(&p, first ? edge : sq->cursor.at);
    pg_p_i64(&p, first ? edge : sq->cursor.id);
    pg_p_i64(&p, limit + 1); /* one more row says whether a next page exists */
    pg_p_i64(&p, sq->seller_id);

    char sql[768];
    list_sql(variant, sql, sizeof(sql));
    PGresult *res = NULL;
    int rc =
        pg_query(s, (enum pg_stmt_id)(PG_STREAM_LIST_FIRST + variant), sql, list_types, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t rows = (size_t)PQntuples(res);
    size_t n = rows > (size_t)limit ? (size_t)limit : rows;
    store_stream *list = bz_arena_calloc(a, (size_t)limit, sizeof(*list));
    pg_row r = {res, 0, a, list != NULL};
    for (size_t i = 0; list && i < n; i++) {
        r.row = (int)i;
        read_stream(&r, &list[i]);
    }
    PQclear(res);
    if (!r.ok) {
        return BZ_EINTERNAL;
    }
    rc = load_product_ids(s, a, list, n);
    if (rc != BZ_OK) {
        return rc;
    }
    *out = list;
    page->n = n;
    page->next = (store_stream_cursor){0, 0};
    if (rows > (size_t)limit) {
        const store_stream *last = &list[n - 1];
        page->next = (store_stream_cursor){live ? last->started_at : last->starts_at, last->id};
    }
    return BZ_OK;
}

/* ---- status -------------------------------------------------------------- */

static const unsigned status_types[4] = {PG_OID_INT8, PG_OID_TEXT, PG_OID_TEXT, PG_OID_INT8};

int pg_stream_set_status(store *st, int64_t id, const char *from, const char *to, int64_t now)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, id);
    pg_p_text(&p, from);
    pg_p_text(&p, to);
    pg_p_i64(&p, now);
    PGresult *res = NULL;
    /* The WHERE on the current status is what makes the transition happen once: a racing
     * second UPDATE waits for the first's row lock, then no longer matches. */
    int rc = pg_query(s, PG_STREAM_SET_STATUS,
                      "UPDATE streams SET status = $3, "
                      "started_at = CASE WHEN $3 = 'live' THEN $4 ELSE started_at END, "
                      "ended_at = CASE WHEN $3 = 'ended' THEN $4 ELSE ended_at END, "
                      "updated_at = $4 WHERE id = $1 AND status = $2",
                      status_types, &p, &res);
    int changes = rc == BZ_OK ? atoi(PQcmdTuples(res)) : 0;
    PQclear(res);
    if (rc != BZ_OK || changes > 0) {
        return rc;
    }
    bool exists = false;
    rc = stream_exists(s, id, &exists);
    return rc != BZ_OK ? rc : exists ? BZ_ECONFLICT : BZ_ENOTFOUND;
}

int pg_stream_set_cover(store *st, int64_t id, int64_t image_id, int64_t now)
{
    pg_params p = {0};
    pg_p_i64(&p, id);
    pg_p_id(&p, image_id);
    pg_p_i64(&p, now);
    int changes = 0;
    int rc = pg_command(pg_of(st), PG_STREAM_SET_COVER,
                        "UPDATE streams SET cover_image_id = $2, updated_at = $3 WHERE id = $1", &p,
                        &changes);
    return rc != BZ_OK ? rc : changes ? BZ_OK : BZ_ENOTFOUND;
}

/* ---- lineup -------------------------------------------------------------- */

int pg_stream_lineup(store *st, int64_t id, bz_arena *a, store_product **out, size_t *n_out)
{
    pg_store *s = pg_of(st);
    bool exists = false;
    int rc = stream_exists(s, id, &exists);
    if (rc != BZ_OK || !exists) {
        return rc != BZ_OK ? rc : BZ_ENOTFOUND;
    }
    pg_params p = {0};
    pg_p_i64(&p, id);
    PGresult *res = NULL;
    rc = pg_query(s, PG_STREAM_LINEUP,
                  "SELECT " PG_PRODUCT_COLS " FROM stream_products sp "
                  "JOIN products p ON p.id = sp.product_id "
                  "WHERE sp.stream_id = $1 AND p.deleted_at IS NULL ORDER BY sp.position",
                  NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t n = (size_t)PQntuples(res);
    store_product *list = bz_arena_calloc(a, n ? n : 1, sizeof(*list));
    pg_row r = {res, 0, a, list != NULL};
    for (size_t i = 0; list && i < n; i++) {
        r.row = (int)i;
        pg_read_product(&r, &list[i]);
    }
    PQclear(res);
    if (!r.ok) {
        return BZ_EINTERNAL;
    }
    rc = pg_load_product_images(s, a, list, n);
    if (rc != BZ_OK) {
        return rc;
    }
    *out = list;
    *n_out = n;
    return BZ_OK;
}
