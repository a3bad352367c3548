/*
 * store/sql/documents.c - receipts and commission invoices as issued and rendered
 * (domain/receipt.h receipt_record; migrations/0019).
 *
 * Numbers come from a counter row per seller and kind, bumped by an upsert that returns the
 * new value: the row stays locked until the transaction that pays the order ends, so two
 * payments of one seller's orders take 1 and 2, never the same, and a rolled-back one gives its
 * number back.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <stdint.h>

static db_query Q_SEQ_NEXT = DB_QUERY(
    "INSERT INTO document_counters (seller_id, kind, last_seq) VALUES ($1, $2, 1) "
    "ON CONFLICT (seller_id, kind) DO UPDATE SET last_seq = document_counters.last_seq + 1 "
    "RETURNING last_seq");

int sql_document_seq_next(store *s, int64_t seller_id, const char *kind, int64_t *seq)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_SEQ_NEXT, SQL_I64(seller_id), SQL_TEXT(kind));
    int64_t *out[] = {seq};
    return sql_fetch_ints(q, out, 1);
}

#define DOC_COLS                                                                                   \
    "id, kind, seller_id, order_id, seq, number, status = 'ready', blob_key, size, issued_at, "    \
    "rendered_at"

#define F(kind, field) SQL_COL(kind, receipt_record, field)
SQL_READER(read_document, receipt_record, F(I64, id), F(TEXT, kind), F(I64, seller_id),
           F(I64, order_id), F(I64, seq), F(TEXT, number), F(BOOL, ready), F(TEXT, blob_key),
           F(I64, size), F(I64, issued_at), F(I64, rendered_at))
#undef F

static db_query Q_ADD = DB_QUERY("INSERT INTO documents "
                                 "(id, kind, seller_id, order_id, seq, number, issued_at) "
                                 "VALUES ($1, $2, $3, $4, $5, $6, $7)");

int sql_document_add(store *s, const receipt_record *r)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_ADD, SQL_I64(r->id), SQL_TEXT(r->kind),
                             SQL_I64(r->seller_id), SQL_I64(r->order_id), SQL_I64(r->seq),
                             SQL_TEXT(r->number), SQL_I64(r->issued_at));
    return db_exec_guarded(q, NULL);
}

static db_query Q_GET = DB_QUERY("SELECT " DOC_COLS " FROM documents WHERE id = $1");

int sql_document_get(store *s, int64_t id, bz_arena *a, receipt_record *out)
{
    return sql_fetch_by_id(s, &Q_GET, &Q_GET, false, id, a, read_document, out);
}

static db_query Q_READY =
    DB_QUERY("UPDATE documents SET status = 'ready', blob_key = $2, size = $3, rendered_at = $4 "
             "WHERE id = $1");

int sql_document_ready(store *s, const receipt_record *r)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_READY, SQL_I64(r->id), SQL_TEXT(r->blob_key),
                             SQL_I64(r->size), SQL_I64(r->rendered_at));
    return sql_exec_one(q, false);
}

static db_query Q_OF_ORDER = DB_QUERY("SELECT " DOC_COLS " FROM documents WHERE order_id = $1 "
                                      "ORDER BY kind = 'receipt' DESC, id");

int sql_documents_of_order(store *s, int64_t order_id, bz_arena *a, receipt_record **out, size_t *n)
{
    return sql_fetch_rows(s, &Q_OF_ORDER, &order_id, 1, a, read_document, sizeof(**out), out, n);
}
