/*
 * store/sql/conn.c - the connection's operations of the port (ping and
 * explicit transactions), the same for every adapter built on the driver,
 * and helpers of the area files.
 */
#include "store/sql/sql.h"

#include "base/err.h"

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

int sql_exec_one(db_stmt *q)
{
    int changes = 0;
    int rc = db_exec(q, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

int sql_fetch_page(db_stmt *q, bz_arena *a, db_reader read, size_t elem, void *rows, int limit,
                   size_t *n, bool *more)
{
    *n = 0;
    *more = false;
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

db_stmt *sql_prepare_ids(db_conn *c, db_query *one, db_query *page, const int64_t *ids, size_t n)
{
    db_stmt *q = db_prepare(c, n == 1 ? one : page);
    if (n == 1) {
        db_bind_i64(q, 1, ids[0]);
    } else {
        db_bind_ids(q, 1, ids, n);
    }
    return q;
}

int sql_exec_or_why(db_conn *c, db_stmt *q, db_query *exists, int64_t id, int if_exists)
{
    int changes = 0;
    int rc = db_exec(q, &changes);
    if (rc != BZ_OK || changes > 0) {
        return rc;
    }
    q = db_prepare(c, exists);
    db_bind_i64(q, 1, id);
    bool found = false;
    rc = db_exists(q, &found);
    return rc != BZ_OK ? rc : found ? if_exists : BZ_ENOTFOUND;
}
