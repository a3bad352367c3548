/*
 * app/documents.h - receipts and commission invoices (docs/payments.md "Receipts and
 * invoices"; domain/receipt.h).
 *
 * When an order is paid, in the transaction that records it, the order gets its receipt (from
 * the seller to the buyer) and, when Blytz takes a commission on it, its commission invoice
 * (from Blytz to the seller): each numbered from its seller's counter, without gaps, and an
 * outbox row renders it (the documents port) and keeps the PDF in the document store (a blob
 * store of its own, never served as /media). A request handler never renders.
 *
 * A PDF is fetched through a short-lived link that the order's page hands out to whoever may
 * see it (the buyer: the receipt; the seller: both):
 *   /api/v1/documents/<id>?exp=<UTC ms>&sig=<crypto link_sign("document", "<id>.<exp>")>
 * The link is the credential (so that a phone's PDF viewer, which sends no token, can open
 * it): it names one document until `exp`, cannot be stretched or moved to another, and a
 * new one comes with each read of the order.
 */
#ifndef APP_DOCUMENTS_H
#define APP_DOCUMENTS_H

#include "app/app.h"
#include "app/outbox.h"
#include "domain/order.h"
#include "domain/receipt.h"

#include <stddef.h>
#include <stdint.h>

#define APP_DOCUMENT_RENDER "document.render" /* {"document_id": "<id>"} */

/* Inside the transaction that made order *o paid (its sums written): number its receipt, and
 * its commission invoice when o->commission > 0, and enqueue their rendering. Does nothing
 * when this server makes no documents (env->documents NULL). BZ_OK or the store's failure
 * (BZ_ECONFLICT: the order has them already, a bug upstream: an order is paid once). */
int app_documents_issue(app_ctx *c, const order_record *o);

/* A document of an order as a reader sees it: url is a fresh download link (in c->arena)
 * while the PDF is ready, NULL while it is being made. */
typedef struct app_document_view {
    receipt_record doc;
    const char *url;
    int64_t expires_at; /* UTC ms; 0 without a url */
} app_document_view;

/* The documents of order *o that `actor` may see: its buyer the receipt, its seller both.
 * *out in c->arena (NULL when none), *n of them. BZ_OK or the store's failure. */
int app_documents_of_order(app_ctx *c, const order_record *o, int64_t actor,
                           app_document_view **out, size_t *n);

/* The PDF a link names, if the link holds at c->now: *pdf malloc'd (the caller frees it), *len
 * bytes, *number the document's number (in c->arena, for the file name). BZ_EFORBIDDEN for a
 * link that is not ours (wrong or missing signature); BZ_ELINKEXPIRED once past exp;
 * BZ_ENOTFOUND for a document that is gone or not rendered; BZ_EUNAVAILABLE when no
 * document store is configured. */
int app_document_fetch(app_ctx *c, int64_t id, const char *exp, const char *sig, void **pdf,
                       size_t *len, const char **number);

/* The outbox handler of APP_DOCUMENT_RENDER (registered when env->documents is set). */
extern const app_outbox_handler app_document_handlers[];
extern const size_t app_document_n_handlers;

#endif
