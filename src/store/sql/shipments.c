/*
 * store/sql/shipments.c - shipments: parcels with their orders, their tracking timelines, the
 * orders a seller has to ship, and buyers' problem reports (domain/shipment.h;
 * migrations/0023). shipment_orders.active follows shipment_state_active() of the shipment's
 * status, written with it, so that the partial unique index keeps an order in at most one
 * active shipment.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <stdint.h>

static const char *or_null(const char *s)
{
    return s && s[0] ? s : NULL;
}

/* ---- shipments ---------------------------------------------------------------------------- */

#define SHIPMENT_COLS                                                                              \
    "id, seller_id, buyer_id, status, tracking_number, requested_tracking, service_level, "        \
    "pickup, pickup_date, slot_start, slot_end, weight_g, length_mm, width_mm, height_mm, "        \
    "label_key, failure, last_event_at, created_at, updated_at"

#define F(kind, field) SQL_COL(kind, shipment_record, field)
SQL_READER(read_shipment, shipment_record, F(I64, id), F(I64, seller_id), F(I64, buyer_id),
           F(TEXT, status), F(TEXT, tracking_number), F(TEXT, requested_tracking),
           F(TEXT, service_level), F(BOOL, pickup), F(TEXT, pickup_date), F(TEXT, slot_start),
           F(TEXT, slot_end), F(I64, weight_g), F(I64, length_mm), F(I64, width_mm),
           F(I64, height_mm), F(TEXT, label_key), F(TEXT, failure), F(I64, last_event_at),
           F(I64, created_at), F(I64, updated_at))
#undef F

static db_query Q_SHIPMENT_INSERT = DB_QUERY(
    "INSERT INTO shipments (" SHIPMENT_COLS ") VALUES ($1, $2, $3, $4, $5, $6, "
    "coalesce($7, 'standard'), $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19)");
static db_query Q_SHIPMENT_ORDER_INSERT =
    DB_QUERY("INSERT INTO shipment_orders (shipment_id, order_id, active) VALUES ($1, $2, TRUE)");

static int insert_shipment(db_conn *c, const shipment_record *sh)
{
    db_stmt *q = SQL_PREPARE(
        c, &Q_SHIPMENT_INSERT, SQL_I64(sh->id), SQL_I64(sh->seller_id), SQL_I64(sh->buyer_id),
        SQL_TEXT(sh->status), SQL_TEXT(or_null(sh->tracking_number)),
        SQL_TEXT(sh->requested_tracking), SQL_TEXT(or_null(sh->service_level)),
        SQL_BOOL(sh->pickup), SQL_TEXT(or_null(sh->pickup_date)), SQL_TEXT(or_null(sh->slot_start)),
        SQL_TEXT(or_null(sh->slot_end)), SQL_I64(sh->weight_g), SQL_I64(sh->length_mm),
        SQL_I64(sh->width_mm), SQL_I64(sh->height_mm), SQL_TEXT(or_null(sh->label_key)),
        SQL_TEXT(or_null(sh->failure)), SQL_I64(sh->last_event_at), SQL_I64(sh->created_at));
    return db_exec(q, NULL); /* inside the unit: a failure rolls the unit back */
}

int sql_shipment_create(store *s, const shipment_record *sh, const int64_t *ids, size_t n)
{
    if (n == 0 || n > SHIPMENT_ORDERS_MAX) {
        return BZ_EVALIDATION;
    }
    db_conn *c = sql_db(s);
    int rc = db_atomic_begin(c);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = insert_shipment(c, sh);
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        const int64_t v[] = {sh->id, ids[i]};
        rc = db_exec(sql_prepare_ints(c, &Q_SHIPMENT_ORDER_INSERT, v, 2), NULL);
    }
    return db_atomic_end(c, rc);
}

static db_query Q_SHIPMENT_GET = DB_QUERY("SELECT " SHIPMENT_COLS " FROM shipments WHERE id = $1");
static db_query Q_SHIPMENT_LOCK =
    DB_QUERY("SELECT " SHIPMENT_COLS " FROM shipments WHERE id = $1 {for_update}");
static db_query Q_SHIPMENT_BY_TRACKING =
    DB_QUERY("SELECT " SHIPMENT_COLS " FROM shipments WHERE tracking_number = $1 {for_update}");
static db_query Q_SHIPMENT_BY_REQUESTED =
    DB_QUERY("SELECT " SHIPMENT_COLS " FROM shipments WHERE requested_tracking = $1 {for_update}");

int sql_shipment_get(store *s, int64_t id, bool lock, bz_arena *a, shipment_record *out)
{
    return sql_fetch_by_id(s, &Q_SHIPMENT_GET, &Q_SHIPMENT_LOCK, lock, id, a, read_shipment, out);
}

/* The shipment `query` finds by text $1 (NULL reads as ""). */
static int shipment_by(store *s, db_query *query, const char *text, bz_arena *a,
                       shipment_record *out)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), query, SQL_TEXT(text ? text : ""));
    return db_fetch_one(q, a, read_shipment, out);
}

int sql_shipment_by_tracking(store *s, const char *tracking, bz_arena *a, shipment_record *out)
{
    return shipment_by(s, &Q_SHIPMENT_BY_TRACKING, tracking, a, out);
}

int sql_shipment_by_requested(store *s, const char *requested, bz_arena *a, shipment_record *out)
{
    return shipment_by(s, &Q_SHIPMENT_BY_REQUESTED, requested, a, out);
}

/* The status is spelled into one statement and absent from the other, so each uses the
 * (seller_id, status, id) index. */
static db_query Q_SHIPMENTS_OF_SELLER = DB_QUERY("SELECT " SHIPMENT_COLS " FROM shipments "
                                                 "WHERE seller_id = $1 ORDER BY id DESC LIMIT $2");
static db_query Q_SHIPMENTS_IN_STATE =
    DB_QUERY("SELECT " SHIPMENT_COLS " FROM shipments WHERE seller_id = $1 AND status = $3 "
             "ORDER BY id DESC LIMIT $2");

int sql_shipments_of_seller(store *s, int64_t seller_id, const char *status, int limit, bz_arena *a,
                            shipment_record **out, size_t *n)
{
    const int64_t lim = limit < 1 ? 1 : limit > 100 ? 100 : limit;
    db_stmt *q =
        status && status[0]
            ? SQL_PREPARE(sql_db(s), &Q_SHIPMENTS_IN_STATE, SQL_I64(seller_id), SQL_I64(lim),
                          SQL_TEXT(status))
            : SQL_PREPARE(sql_db(s), &Q_SHIPMENTS_OF_SELLER, SQL_I64(seller_id), SQL_I64(lim));
    int rc = BZ_OK;
    *out = db_fetch_all(q, a, read_shipment, sizeof(**out), n, &rc);
    return rc;
}

static db_query Q_SHIPMENT_SAVE =
    DB_QUERY("UPDATE shipments SET status = $2, tracking_number = $3, label_key = $4, "
             "failure = $5, last_event_at = $6, updated_at = $7 WHERE id = $1");
static db_query Q_SHIPMENT_HOLD =
    DB_QUERY("UPDATE shipment_orders SET active = $2 WHERE shipment_id = $1 AND active <> $2");

static int save_shipment(db_conn *c, const void *arg)
{
    const shipment_record *sh = arg;
    db_stmt *q = SQL_PREPARE(c, &Q_SHIPMENT_SAVE, SQL_I64(sh->id), SQL_TEXT(sh->status),
                             SQL_TEXT(or_null(sh->tracking_number)),
                             SQL_TEXT(or_null(sh->label_key)), SQL_TEXT(or_null(sh->failure)),
                             SQL_I64(sh->last_event_at), SQL_I64(sh->updated_at));
    return sql_exec_one(q, false);
}

/* Released orders may be in another active shipment by now: holding them again would break
 * the index, and a status never goes from released back to held (domain/shipment.h). */
static int hold_orders(db_conn *c, const void *arg)
{
    const shipment_record *sh = arg;
    bool held = shipment_state_active(shipment_state_parse(sh->status));
    db_stmt *q = SQL_PREPARE(c, &Q_SHIPMENT_HOLD, SQL_I64(sh->id), SQL_BOOL(held));
    return db_exec(q, NULL);
}

int sql_shipment_save(store *s, const shipment_record *sh)
{
    return sql_atomic2(sql_db(s), save_shipment, hold_orders, sh);
}

static db_query Q_SHIPMENT_ORDER_IDS = DB_QUERY(
    "SELECT order_id FROM shipment_orders WHERE shipment_id = $1 ORDER BY order_id LIMIT 100");

int sql_shipment_order_ids(store *s, int64_t id, bz_arena *a, int64_t **ids, size_t *n)
{
    return sql_fetch_rows(s, &Q_SHIPMENT_ORDER_IDS, &id, 1, a, sql_read_id, sizeof(**ids), ids, n);
}

/* ---- what a seller has to ship ------------------------------------------------------------ */

static void read_pending(db_stmt *q, bz_arena *a, void *out)
{
    shipment_pending *p = out;
    sql_read_order(q, a, &p->order);
    p->buyer_username = db_col_text(q, SQL_ORDER_NCOLS, a);
}

static db_query Q_ORDERS_TO_SHIP = DB_QUERY(
    "SELECT " SQL_ORDER_COLS ", username FROM (SELECT o.*, u.username FROM orders o "
    "JOIN users u ON u.id = o.buyer_id WHERE o.seller_id = $1 "
    "AND (o.status = 'paid' OR (o.status = 'shipped' AND o.returned_at IS NOT NULL)) "
    "AND NOT EXISTS (SELECT 1 FROM shipment_orders so WHERE so.order_id = o.id AND so.active)) t "
    "ORDER BY buyer_id, id LIMIT 500");

int sql_orders_to_ship(store *s, int64_t seller_id, bz_arena *a, shipment_pending **out, size_t *n)
{
    return sql_fetch_rows(s, &Q_ORDERS_TO_SHIP, &seller_id, 1, a, read_pending, sizeof(**out), out,
                          n);
}

/* ---- tracking timeline -------------------------------------------------------------------- */

#define F(kind, field) SQL_COL(kind, shipment_event_rec, field)
SQL_READER(read_event, shipment_event_rec, F(I64, id), F(I64, shipment_id), F(TEXT, kind),
           F(I64, at), F(TEXT, text), F(TEXT, reason))
#undef F

static db_query Q_EVENT_ADD =
    DB_QUERY("INSERT INTO shipment_events (id, shipment_id, kind, at, text, reason, created_at) "
             "VALUES ($1, $2, $3, $4, $5, $6, $4)");
static db_query Q_EVENTS = DB_QUERY("SELECT id, shipment_id, kind, at, text, reason "
                                    "FROM shipment_events WHERE shipment_id = $1 "
                                    "ORDER BY at, id LIMIT 200");

int sql_shipment_event_add(store *s, const shipment_event_rec *e)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_EVENT_ADD, SQL_I64(e->id), SQL_I64(e->shipment_id),
                             SQL_TEXT(e->kind), SQL_I64(e->at), SQL_TEXT(e->text ? e->text : ""),
                             SQL_TEXT(e->reason ? e->reason : ""));
    return db_exec_guarded(q, NULL); /* BZ_ECONFLICT: a duplicate */
}

int sql_shipment_events(store *s, int64_t id, bz_arena *a, shipment_event_rec **out, size_t *n)
{
    return sql_fetch_rows(s, &Q_EVENTS, &id, 1, a, read_event, sizeof(**out), out, n);
}

/* ---- problem reports ---------------------------------------------------------------------- */

#define REPORT_COLS "id, order_id, buyer_id, kind, text, status, answer, created_at, updated_at"

#define F(kind, field) SQL_COL(kind, order_report, field)
SQL_READER(read_report, order_report, F(I64, id), F(I64, order_id), F(I64, buyer_id), F(TEXT, kind),
           F(TEXT, text), F(TEXT, status), F(TEXT, answer), F(I64, created_at), F(I64, updated_at))
#undef F

static db_query Q_REPORT_CREATE = DB_QUERY("INSERT INTO order_reports (" REPORT_COLS
                                           ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)");
static db_query Q_REPORT_GET = DB_QUERY("SELECT " REPORT_COLS " FROM order_reports WHERE id = $1");
static db_query Q_REPORT_LOCK =
    DB_QUERY("SELECT " REPORT_COLS " FROM order_reports WHERE id = $1 {for_update}");
static db_query Q_REPORTS_OF = DB_QUERY("SELECT " REPORT_COLS " FROM order_reports "
                                        "WHERE order_id = $1 ORDER BY id LIMIT 50");
static db_query Q_REPORT_SAVE =
    DB_QUERY("UPDATE order_reports SET status = $2, answer = $3, updated_at = $4 WHERE id = $1");

int sql_report_create(store *s, const order_report *r)
{
    db_stmt *q =
        SQL_PREPARE(sql_db(s), &Q_REPORT_CREATE, SQL_I64(r->id), SQL_I64(r->order_id),
                    SQL_I64(r->buyer_id), SQL_TEXT(r->kind), SQL_TEXT(r->text), SQL_TEXT(r->status),
                    SQL_TEXT(or_null(r->answer)), SQL_I64(r->created_at));
    return db_exec_guarded(q, NULL);
}

int sql_report_get(store *s, int64_t id, bool lock, bz_arena *a, order_report *out)
{
    return sql_fetch_by_id(s, &Q_REPORT_GET, &Q_REPORT_LOCK, lock, id, a, read_report, out);
}

int sql_reports_of_order(store *s, int64_t order_id, bz_arena *a, order_report **out, size_t *n)
{
    return sql_fetch_rows(s, &Q_REPORTS_OF, &order_id, 1, a, read_report, sizeof(**out), out, n);
}

int sql_report_save(store *s, const order_report *r)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_REPORT_SAVE, SQL_I64(r->id), SQL_TEXT(r->status),
                             SQL_TEXT(or_null(r->answer)), SQL_I64(r->updated_at));
    return sql_exec_one(q, false);
}
