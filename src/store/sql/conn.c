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

int sql_exec_one(db_stmt *q)
{
    int changes = 0;
    int rc = db_exec(q, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

int sql_exec_or_why(db_conn *c, db_stmt *q, db_query *exists, int64_t id, int if_exists)
{
    int changes = 0;
    int rc = db_exec(q, &changes);
    if (rc != BZ_OK || changes > 0) {
        return rc;
    }
    rc = db_prepare(c, exists, &q);
    if (rc != BZ_OK) {
        return rc;
    }
    db_bind_i64(q, 1, id);
    bool found = false;
    rc = db_exists(q, &found);
    return rc != BZ_OK ? rc : found ? if_exists : BZ_ENOTFOUND;
}
