/*
 * store/sql/conn.c - the connection's operations of the port (ping and
 * explicit transactions), the same for every adapter built on the driver.
 */
#include "store/sql/sql.h"

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
