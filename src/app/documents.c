/*
 * Receipts and commission invoices (app/documents.h).
 */
#include "app/documents.h"

#include "app/app_util.h"
#include "base/err.h"
#include "base/log.h"
#include "base/rand.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINK_PURPOSE "document"

/* ---- issuing: inside the transaction that pays the order --------------------------------- */

static int issue_one(app_ctx *c, const order_record *o, receipt_kind kind)
{
    receipt_record r = {.id = bz_id_new(c->now),
                        .kind = receipt_kind_name(kind),
                        .seller_id = o->seller_id,
                        .order_id = o->id,
                        .issued_at = c->now};
    char number[RECEIPT_NUMBER_MAX + 1];
    int rc = store_document_seq_next(c->store, o->seller_id, r.kind, &r.seq);
    if (rc == BZ_OK && (rc = receipt_number(kind, o->seller_id, r.seq, number)) != BZ_OK) {
        rc = BZ_EINTERNAL; /* a seller with a billion documents of a kind */
    }
    r.number = number;
    if (rc == BZ_OK) {
        rc = store_document_add(c->store, &r);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    char key[64], payload[64];
    snprintf(key, sizeof(key), "%s:%" PRId64, APP_DOCUMENT_RENDER, r.id);
    snprintf(payload, sizeof(payload), "{\"document_id\":\"%" PRId64 "\"}", r.id);
    return app_outbox_enqueue(c, APP_DOCUMENT_RENDER, key, payload);
}

int app_documents_issue(app_ctx *c, const order_record *o)
{
    if (!c->env->documents) {
        return BZ_OK;
    }
    int rc = issue_one(c, o, RECEIPT_RECEIPT);
    if (rc == BZ_OK && o->commission > 0) {
        rc = issue_one(c, o, RECEIPT_COMMISSION_INVOICE);
    }
    return rc;
}

/* ---- links -------------------------------------------------------------------------------- */

/* The text a link signs: "<id>.<exp>". */
static void link_msg(int64_t id, int64_t exp, char out[48])
{
    snprintf(out, 48, "%" PRId64 ".%" PRId64, id, exp);
}

static int link_of(app_ctx *c, app_document_view *v)
{
    int64_t exp = c->now + c->env->cfg.pay.document_link_ttl_ms;
    char msg[48], mac[CRYPTO_LINK_SIG_LEN + 1];
    link_msg(v->doc.id, exp, msg);
    c->env->crypto->ops->link_sign(c->env->crypto, LINK_PURPOSE, msg, mac);
    v->url = bz_arena_printf(c->arena, "/api/v1/documents/%" PRId64 "?exp=%" PRId64 "&sig=%s",
                             v->doc.id, exp, mac);
    v->expires_at = exp;
    return v->url ? BZ_OK : app_fail(c, BZ_ENOMEM, NULL, NULL);
}

int app_documents_of_order(app_ctx *c, const order_record *o, int64_t actor,
                           app_document_view **out, size_t *n)
{
    receipt_record *docs = NULL;
    size_t k = 0;
    *out = NULL;
    *n = 0;
    int rc = store_documents_of_order(c->store, o->id, c->arena, &docs, &k);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_EINTERNAL);
    }
    app_document_view *v = k ? bz_arena_calloc(c->arena, k, sizeof(*v)) : NULL;
    if (k && !v) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    for (size_t i = 0; i < k; i++) {
        bool mine = actor == o->seller_id ||
                    receipt_kind_parse(docs[i].kind) == RECEIPT_RECEIPT; /* the buyer's */
        if (!mine) {
            continue;
        }
        v[*n].doc = docs[i];
        if (docs[i].ready && (rc = link_of(c, &v[*n])) != BZ_OK) {
            return rc;
        }
        (*n)++;
    }
    *out = v;
    return BZ_OK;
}

int app_document_fetch(app_ctx *c, int64_t id, const char *exp, const char *sig, void **pdf,
                       size_t *len, const char **number)
{
    *pdf = NULL;
    *len = 0;
    int64_t until = 0;
    char msg[48];
    if (!exp || !sig || !app_parse_id(exp, &until)) {
        return app_fail(c, BZ_EFORBIDDEN, NULL, "this link is not valid");
    }
    link_msg(id, until, msg);
    if (c->env->crypto->ops->link_verify(c->env->crypto, LINK_PURPOSE, msg, sig) != BZ_OK) {
        return app_fail(c, BZ_EFORBIDDEN, NULL, "this link is not valid");
    }
    if (c->now >= until) {
        return app_fail(c, BZ_ELINKEXPIRED, NULL, NULL);
    }
    blob *kept = c->env->document_store;
    if (!kept) {
        return app_fail(c, BZ_EUNAVAILABLE, NULL, "documents are not kept on this server");
    }
    receipt_record r;
    int rc = store_document_get(c->store, id, c->arena, &r);
    if (rc == BZ_OK && !r.ready) {
        rc = BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        rc = kept->ops->get(kept, r.blob_key, pdf, len);
    }
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    *number = r.number;
    return BZ_OK;
}
