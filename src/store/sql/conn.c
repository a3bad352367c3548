/*
 * store/sql/conn.c - the connection's operations of the port (ping and
 * explicit transactions), the same for every adapter built on the driver,
 * and helpers of the area files.
 */
#include "store/sql/sql.h"

#include "base/check.h"
#include "base/err.h"
#include "store/store_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int sql_store_open(size_t size, const struct store_ops *ops, sql_driver_open open,
                   const char *target, store **out)
{
    *out = NULL;
    BZ_CHECK(size >= sizeof(sql_store));
    sql_store *s = calloc(1, size);
    if (!s) {
        return BZ_EINTERNAL;
    }
    int rc = open(target, &s->db);
    if (rc != BZ_OK) {
        free(s);
        return rc;
    }
    s->base.ops = ops;
    *out = &s->base;
    return BZ_OK;
}

void sql_store_close(store *s)
{
    db_close(sql_db(s));
    free(s);
}

int sql_ping(store *s)
{
    return db_ping(sql_db(s));
}

int sql_begin(store *s)
{
    return db_begin(sql_db(s));
}

int sql_commit(store *s)
{
    return db_commit(sql_db(s));
}

int sql_rollback(store *s)
{
    return db_rollback(sql_db(s));
}

db_stmt *sql_prepare_ints(db_conn *c, db_query *query, const int64_t *v, int n)
{
    db_stmt *q = db_prepare(c, query);
    for (int i = 0; i < n; i++) {
        db_bind_i64(q, i + 1, v[i]);
    }
    return q;
}

int sql_fetch_ints(db_stmt *q, int64_t *const *out, int n)
{
    int rc = db_step(q);
    for (int i = 0; i < n; i++) {
        *out[i] = rc == DB_ROW ? db_col_i64(q, i) : 0;
    }
    db_reset(q);
    return rc == DB_ROW ? BZ_OK : rc;
}

int sql_exec_one(db_stmt *q, bool guarded)
{
    int changes = 0;
    int rc = guarded ? db_exec_guarded(q, &changes) : db_exec(q, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

db_stmt *sql_prepare_args(db_conn *c, db_query *query, const sql_arg *v, int n)
{
    db_stmt *q = db_prepare(c, query);
    for (int i = 0; i < n; i++) {
        const sql_arg *arg = &v[i];
        if (arg->null) {
            db_bind_null(q, i + 1);
        } else if (arg->kind == SQL_ARG_INT) {
            db_bind_i64(q, i + 1, arg->i);
        } else if (arg->kind == SQL_ARG_BOOL) {
            db_bind_bool(q, i + 1, arg->i != 0);
        } else if (arg->kind == SQL_ARG_TEXT) {
            db_bind_text(q, i + 1, arg->p); /* NULL binds NULL */
        } else {
            db_bind_blob32(q, i + 1, arg->p);
        }
    }
    return q;
}

void sql_read_cols(db_stmt *q, int first, bz_arena *a, void *out, size_t size, const sql_col *cols,
                   size_t n)
{
    memset(out, 0, size);
    for (size_t k = 0; k < n; k++) {
        int col = first + (int)k;
        void *at = (char *)out + cols[k].off;
        if (cols[k].kind == SQL_COL_I64) {
            *(int64_t *)at = db_col_i64(q, col);
        } else if (cols[k].kind == SQL_COL_I32) {
            *(int32_t *)at = db_col_i32(q, col);
        } else if (cols[k].kind == SQL_COL_BOOL) {
            *(bool *)at = db_col_bool(q, col);
        } else if (cols[k].kind == SQL_COL_TEXT) {
            *(const char **)at = db_col_text(q, col, a);
        } else if (cols[k].kind == SQL_COL_BLOB32) {
            db_col_blob32(q, col, at);
        }
    }
}

int sql_atomic2(db_conn *c, sql_step first, sql_step then, const void *arg)
{
    int rc = db_atomic_begin(c);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = first(c, arg);
    if (rc == BZ_OK) {
        rc = then(c, arg);
    }
    return db_atomic_end(c, rc);
}

int sql_exists_id(db_conn *c, db_query *query, int64_t id, bool *found)
{
    return db_exists(sql_prepare_ints(c, query, &id, 1), found);
}

int sql_fetch_page(db_stmt *q, bz_arena *a, db_reader read, size_t elem, void *rows, int limit,
                   size_t *n, bool *more)
{
    *n = 0;
    *more = false;
    if (BZ_NEVER(limit < 1)) { /* rows has no room: the caller did not clamp */
        db_reset(q);
        return BZ_EINTERNAL;
    }
    int rc;
    while ((rc = db_step(q)) == DB_ROW) {
        if (*n == (size_t)limit) {
            *more = true;
            rc = BZ_OK;
            break;
        }
        read(q, a, (char *)rows + elem * (*n)++);
    }
    if (rc == BZ_OK && !db_row_ok(q)) {
        rc = BZ_EINTERNAL;
    }
    db_reset(q);
    if (rc != BZ_OK) {
        *n = 0;
        *more = false;
    }
    return rc;
}

/* The int64_t at byte `id_at` of rows[i] (`stride` bytes apart): a row's id or its owner's. */
static int64_t id_at_row(const void *rows, size_t i, size_t stride, size_t id_at)
{
    int64_t id;
    memcpy(&id, (const char *)rows + stride * i + id_at, sizeof(id));
    return id;
}

int sql_fetch_newest(db_conn *c, db_query *query, int64_t owner, int64_t cursor, int limit,
                     bz_arena *a, db_reader read, size_t elem, size_t id_at, void **rows,
                     store_page *page)
{
    *rows = NULL;
    page->n = 0;
    page->next_cursor = 0;
    limit = store_clamp_limit(limit);
    char *got = bz_arena_calloc(a, (size_t)limit, elem);
    if (!got) {
        return BZ_EINTERNAL;
    }
    /* one row more than the page tells whether a next page exists */
    const int64_t v[] = {owner, cursor > 0 ? cursor : INT64_MAX, limit + 1};
    bool more = false;
    int rc = sql_fetch_page(sql_prepare_ints(c, query, v, 3), a, read, elem, got, limit, &page->n,
                            &more);
    if (rc != BZ_OK) {
        return rc;
    }
    if (more) {
        page->next_cursor = id_at_row(got, page->n - 1, elem, id_at);
    }
    *rows = got;
    return BZ_OK;
}

void *sql_fetch_children(db_conn *c, db_query *one, db_query *page, const void *parents, size_t n,
                         size_t stride, size_t id_at, bz_arena *a, db_reader read, size_t elem,
                         size_t *n_rows, int *rc)
{
    *n_rows = 0;
    *rc = BZ_OK;
    if (n == 0) {
        return NULL;
    }
    int64_t *ids = bz_arena_calloc(a, n, sizeof(*ids));
    if (!ids) {
        *rc = BZ_EINTERNAL;
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        ids[i] = id_at_row(parents, i, stride, id_at);
    }
    db_stmt *q = db_prepare(c, n == 1 ? one : page);
    if (n == 1) {
        db_bind_i64(q, 1, ids[0]);
    } else {
        db_bind_ids(q, 1, ids, n);
    }
    return db_fetch_all(q, a, read, elem, n_rows, rc);
}

size_t sql_run_of(const void *rows, size_t n, size_t elem, size_t owner_at, int64_t owner,
                  size_t *first)
{
    size_t start = 0;
    while (start < n && id_at_row(rows, start, elem, owner_at) != owner) {
        start++;
    }
    size_t end = start;
    while (end < n && id_at_row(rows, end, elem, owner_at) == owner) {
        end++;
    }
    *first = end > start ? start : 0;
    return end - start;
}

int sql_why_unchanged(db_conn *c, int rc, int changes, db_query *exists, int64_t id, int if_exists)
{
    if (BZ_NEVER(if_exists == BZ_OK)) { /* "the row is there" must be an error */
        if_exists = BZ_EINTERNAL;
    }
    if (rc != BZ_OK || changes > 0) {
        return rc;
    }
    bool found = false;
    rc = sql_exists_id(c, exists, id, &found);
    return rc != BZ_OK ? rc : found ? if_exists : BZ_ENOTFOUND;
}

int sql_exec_or_why(db_conn *c, db_stmt *q, db_query *exists, int64_t id, int if_exists)
{
    int changes = 0;
    int rc = db_exec(q, &changes);
    return sql_why_unchanged(c, rc, changes, exists, id, if_exists);
}

int sql_change_or_why(store *s, db_query *query, db_query *exists, int64_t id, int64_t now,
                      int if_exists)
{
    const int64_t v[] = {id, now};
    db_conn *c = sql_db(s);
    return sql_exec_or_why(c, sql_prepare_ints(c, query, v, 2), exists, id, if_exists);
}

int sql_fetch_by_id(store *s, db_query *query, db_query *locked, bool lock, int64_t id, bz_arena *a,
                    db_reader read, void *out)
{
    db_stmt *q = sql_prepare_ints(sql_db(s), lock ? locked : query, &id, 1);
    return db_fetch_one(q, a, read, out);
}

void sql_read_id(db_stmt *q, bz_arena *a, void *out)
{
    (void)a;
    *(int64_t *)out = db_col_i64(q, 0);
}

int sql_fetch_rows(store *s, db_query *query, const int64_t *v, int nv, bz_arena *a, db_reader read,
                   size_t elem, void *rows, size_t *n)
{
    int rc = BZ_OK;
    *(void **)rows = db_fetch_all(sql_prepare_ints(sql_db(s), query, v, nv), a, read, elem, n, &rc);
    return rc;
}
