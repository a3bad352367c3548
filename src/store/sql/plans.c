/*
 * store/sql/plans.c - sellers' plans: the subscription each last asked for (domain/plan.h;
 * migrations/0020). One row a seller, written whole: the app decides every field (plan_apply)
 * under the row's lock and stores what it answered.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <stdint.h>

#define PLAN_COLS                                                                                  \
    "seller_id, plan, status, coalesce(subscription_id, ''), coalesce(client_secret, ''), "        \
    "coalesce(failure_code, ''), current_period_end, past_due_since, cancel_at_period_end, "       \
    "event_at, created_at, updated_at"

#define F(kind, field) SQL_COL(kind, seller_plan, field)
SQL_READER(read_plan, seller_plan, F(I64, seller_id), F(TEXT, plan), F(TEXT, status),
           F(TEXT, subscription_id), F(TEXT, client_secret), F(TEXT, failure_code),
           F(I64, current_period_end), F(I64, past_due_since), F(BOOL, cancel_at_period_end),
           F(I64, event_at), F(I64, created_at), F(I64, updated_at))
#undef F

static db_query Q_PLAN_GET =
    DB_QUERY("SELECT " PLAN_COLS " FROM seller_plans WHERE seller_id = $1");
static db_query Q_PLAN_LOCK =
    DB_QUERY("SELECT " PLAN_COLS " FROM seller_plans WHERE seller_id = $1 {for_update}");
static db_query Q_PLAN_BY_SUB =
    DB_QUERY("SELECT " PLAN_COLS " FROM seller_plans WHERE subscription_id = $1");

int sql_plan_get(store *s, int64_t seller_id, bool lock, bz_arena *a, seller_plan *out)
{
    return sql_fetch_by_id(s, &Q_PLAN_GET, &Q_PLAN_LOCK, lock, seller_id, a, read_plan, out);
}

int sql_plan_by_sub(store *s, const char *subscription_id, bz_arena *a, seller_plan *out)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_PLAN_BY_SUB, SQL_TEXT(subscription_id));
    return db_fetch_one(q, a, read_plan, out);
}

static const char *or_null(const char *s)
{
    return s && s[0] ? s : NULL;
}

static db_query Q_PLAN_PUT = DB_QUERY(
    "INSERT INTO seller_plans (seller_id, plan, status, subscription_id, client_secret, "
    "failure_code, current_period_end, past_due_since, cancel_at_period_end, event_at, "
    "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
    "ON CONFLICT (seller_id) DO UPDATE SET plan = excluded.plan, status = excluded.status, "
    "subscription_id = excluded.subscription_id, client_secret = excluded.client_secret, "
    "failure_code = excluded.failure_code, current_period_end = excluded.current_period_end, "
    "past_due_since = excluded.past_due_since, "
    "cancel_at_period_end = excluded.cancel_at_period_end, event_at = excluded.event_at, "
    "created_at = excluded.created_at, updated_at = excluded.updated_at");

int sql_plan_put(store *s, const seller_plan *p)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_PLAN_PUT, SQL_I64(p->seller_id), SQL_TEXT(p->plan),
                             SQL_TEXT(p->status), SQL_TEXT(or_null(p->subscription_id)),
                             SQL_TEXT(or_null(p->client_secret)),
                             SQL_TEXT(or_null(p->failure_code)), SQL_I64(p->current_period_end),
                             SQL_I64(p->past_due_since), SQL_BOOL(p->cancel_at_period_end),
                             SQL_I64(p->event_at), SQL_I64(p->created_at), SQL_I64(p->updated_at));
    return db_exec_guarded(q, NULL);
}
