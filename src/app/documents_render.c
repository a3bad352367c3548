/*
 * Rendering a receipt or a commission invoice (app/documents.h): the outbox handler of
 * APP_DOCUMENT_RENDER. It reads what the document says from the store (the order with the
 * sums its payment fixed, the parcel's ship-to, the seller, the buyer, the lot), has the
 * documents port render it and keeps the PDF under its key in the document store, then marks
 * it ready. A retry renders the same bytes (the port's output is a function of the document)
 * and puts them under the same key; a document ready already is left alone.
 */
#include "app/documents.h"

#include "app/app_util.h"
#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "domain/money.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Everything a document of one order says. */
typedef struct doc_facts {
    receipt_record r;
    order_record o;
    catalog_seller seller;
    account_user buyer;
    order_parcel parcel; /* ship_name NULL when the order has none */
    const char *title;   /* the lot's, or a stand-in when the product is gone */
    const char *paid_with;
    const char *intent;
} doc_facts;

static int read_facts(app_ctx *c, int64_t id, doc_facts *f)
{
    memset(f, 0, sizeof(*f));
    int rc = store_document_get(c->store, id, c->arena, &f->r);
    if (rc != BZ_OK || f->r.ready) {
        return rc;
    }
    if ((rc = store_order_get(c->store, f->r.order_id, false, c->arena, &f->o)) == BZ_OK) {
        rc = store_seller_get(c->store, f->o.seller_id, c->arena, &f->seller);
    }
    if (rc == BZ_OK) {
        rc = store_user_get(c->store, f->o.buyer_id, c->arena, &f->buyer);
    }
    if (rc == BZ_OK && f->o.parcel_id) {
        rc = store_parcel_get(c->store, f->o.parcel_id, c->arena, &f->parcel);
    }
    payment_record p;
    if (rc == BZ_OK && f->o.payment_id &&
        (rc = store_payment_get(c->store, f->o.payment_id, false, c->arena, &p)) == BZ_OK) {
        f->paid_with = p.method_used;
        f->intent = p.intent_id;
    }
    catalog_product prod;
    int got = rc == BZ_OK ? store_product_get(c->store, f->o.product_id, c->arena, &prod) : rc;
    if (got == BZ_OK) {
        f->title = prod.title;
    } else if (got == BZ_ENOTFOUND) {
        f->title = bz_arena_printf(c->arena, "Order #%" PRId64, f->o.id);
    } else {
        rc = got;
    }
    return rc;
}

/* "6%", "6.5%", "0.25%" of a rate in basis points. */
static const char *rate_text(app_ctx *c, int64_t bp)
{
    int64_t whole = bp / 100, part = bp % 100;
    if (part == 0) {
        return bz_arena_printf(c->arena, "%" PRId64 "%%", whole);
    }
    return part % 10 == 0 ? bz_arena_printf(c->arena, "%" PRId64 ".%" PRId64 "%%", whole, part / 10)
                          : bz_arena_printf(c->arena, "%" PRId64 ".%02" PRId64 "%%", whole, part);
}

static const char *method_text(const char *m)
{
    if (!m || !m[0]) {
        return NULL;
    }
    return strcmp(m, "card") == 0      ? "Card"
           : strcmp(m, "fpx") == 0     ? "FPX"
           : strcmp(m, "grabpay") == 0 ? "GrabPay"
                                       : m;
}

static const address_postal *address_or_null(const address_postal *a)
{
    return a->line1 && a->line1[0] ? a : NULL;
}

/* The refs every document of an order carries: the order, and its payment when known. */
static size_t refs_of(app_ctx *c, const doc_facts *f, receipt_ref refs[2])
{
    refs[0] = (receipt_ref){"Order", bz_arena_printf(c->arena, "#%" PRId64, f->o.id)};
    if (f->intent && f->intent[0]) {
        refs[1] = (receipt_ref){"Payment", f->intent};
        return 2;
    }
    return 1;
}

/* The seller's receipt to the buyer for order f->o: its lot, its part of the parcel's
 * shipping and of the tax, what it was paid. */
static void receipt_of(app_ctx *c, const doc_facts *f, receipt_doc *d, receipt_line *line,
                       receipt_tax *tax, receipt_ref refs[2])
{
    const app_pay_config *pay = &c->env->cfg.pay;
    *line = (receipt_line){f->title, 1, f->o.amount, f->o.amount};
    *tax = (receipt_tax){bz_arena_printf(c->arena, "SST %s%s", rate_text(c, pay->terms.tax_bp),
                                         pay->terms.tax_on_items ? "" : " on shipping"),
                         f->o.tax};
    bool shipped = f->parcel.ship_name && f->parcel.ship_name[0];
    *d = (receipt_doc){
        .kind = RECEIPT_RECEIPT,
        .number = f->r.number,
        .issued_at = f->r.issued_at,
        .issuer = {.name = f->seller.shop_name, .address = address_or_null(&f->seller.pickup)},
        .recipient = {.name = shipped ? f->parcel.ship_name : f->buyer.username,
                      .email = f->buyer.email},
        .ship_to = {.name = shipped ? f->parcel.ship_name : NULL,
                    .address = shipped ? &f->parcel.ship_to : NULL,
                    .phone = shipped ? f->parcel.ship_phone : NULL},
        .lines = line,
        .n_lines = 1,
        .shipping_sen = f->o.shipping,
        .taxes = tax,
        .n_taxes = f->o.tax > 0 ? 1 : 0,
        .total_sen = f->o.amount + f->o.shipping + f->o.tax,
        .paid_with = method_text(f->paid_with),
        .refs = refs,
        .n_refs = refs_of(c, f, refs),
        .note = "Thank you for shopping on Blytz!",
    };
}

/* Blytz's invoice to the seller for its commission on order f->o. */
static void invoice_of(app_ctx *c, const doc_facts *f, receipt_doc *d, receipt_line *line,
                       receipt_ref refs[2])
{
    char price[32];
    money_format_myr(f->o.amount, price, sizeof(price));
    *line = (receipt_line){
        bz_arena_printf(c->arena, "Commission on the sale of %s (%s)", f->title, price), 1,
        f->o.commission, f->o.commission};
    *d = (receipt_doc){
        .kind = RECEIPT_COMMISSION_INVOICE,
        .number = f->r.number,
        .issued_at = f->r.issued_at,
        .issuer = {.name = c->env->cfg.pay.issuer_name},
        .recipient = {.name = f->seller.shop_name, .address = address_or_null(&f->seller.pickup)},
        .lines = line,
        .n_lines = 1,
        .total_sen = f->o.commission,
        .paid_with = "Deducted from your payout",
        .refs = refs,
        .n_refs = refs_of(c, f, refs),
    };
}

/* Render *f's document and keep it: BZ_OK with f->r marked ready, or why not in `why`. */
static int render_and_keep(app_ctx *c, doc_facts *f, char *why, size_t len)
{
    receipt_doc d;
    receipt_line line;
    receipt_tax tax;
    receipt_ref refs[2];
    if (receipt_kind_parse(f->r.kind) == RECEIPT_RECEIPT) {
        receipt_of(c, f, &d, &line, &tax, refs);
    } else {
        invoice_of(c, f, &d, &line, refs);
    }
    BZ_CHECK(receipt_kind_parse(f->r.kind) != RECEIPT_RECEIPT || d.total_sen == f->o.paid);
    field_error ferr = {0};
    int rc = receipt_validate(&d, NULL, &ferr);
    if (rc != BZ_OK) {
        snprintf(why, len, "document %" PRId64 " does not add up: %s: %s", f->r.id, ferr.field,
                 ferr.reason);
        return BZ_EINTERNAL;
    }
    unsigned char *pdf = NULL;
    size_t size = 0;
    char key[RECEIPT_KEY_MAX];
    documents *docs = c->env->documents;
    blob *kept = c->env->document_store;
    if ((rc = receipt_blob_key(&f->r, key)) == BZ_OK &&
        (rc = docs->ops->render(docs, &d, &pdf, &size)) == BZ_OK) {
        rc = kept->ops->put(kept, key, pdf, size, "application/pdf");
    }
    free(pdf);
    if (rc != BZ_OK) {
        snprintf(why, len, "document %" PRId64 ": %s", f->r.id, bz_err_message(rc));
        return rc;
    }
    f->r.ready = true;
    f->r.blob_key = key;
    f->r.size = (int64_t)size;
    f->r.rendered_at = c->now;
    return store_document_ready(c->store, &f->r);
}

static int render_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    if (!c->env->documents || !c->env->document_store) {
        snprintf(why, len, "documents are not made on this server");
        return BZ_EUNAVAILABLE;
    }
    doc_facts f;
    int rc = read_facts(c, app_outbox_payload_id(job->payload, "document_id"), &f);
    if (rc == BZ_OK && !f.r.ready) {
        rc = render_and_keep(c, &f, why, len);
        if (rc == BZ_OK) {
            bz_info("document %s of order %" PRId64 ": %" PRId64 " bytes", f.r.number, f.o.id,
                    f.r.size);
        }
    } else if (rc != BZ_OK) {
        snprintf(why, len, "cannot read document %s: %s", job->payload, bz_err_message(rc));
    }
    return rc;
}

const app_outbox_handler app_document_handlers[] = {{APP_DOCUMENT_RENDER, render_job, NULL}};
const size_t app_document_n_handlers =
    sizeof(app_document_handlers) / sizeof(app_document_handlers[0]);
