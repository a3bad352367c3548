/*
 * app/ports/documents.h - documents rendered for people to keep: a buyer's receipt and a
 * seller's commission invoice (domain/receipt.h) as PDF. Adapter: src/integrations/pdf (cairo
 * and pango, the fonts Debian ships; docs/payments.md "Receipts and invoices").
 *
 * The app calls it from an outbox handler (a receipt is made once an order is paid) and stores
 * the bytes through the blob port; a request handler never renders. The document comes from
 * our own database, not from the network, so the adapter has no fuzz target; it still
 * refuses a document that does not pass receipt_validate (the app validates first, to learn
 * the field at fault).
 *
 * Errors: BZ_EVALIDATION (the document does not pass receipt_validate: nothing is rendered),
 * BZ_ENOMEM, BZ_EINTERNAL (the renderer failed).
 *
 * Ownership: `doc` is borrowed for the call; on BZ_OK *pdf is malloc'd and the caller's (free
 * it with free()), *len its size; on an error *pdf is NULL and *len 0. One `documents` serves
 * every thread: render is thread-safe. `close` frees it.
 */
#ifndef APP_PORTS_DOCUMENTS_H
#define APP_PORTS_DOCUMENTS_H

#include "domain/receipt.h"

#include <stddef.h>

typedef struct documents documents;

struct documents_ops {
    /* Render `doc` as a PDF (A4) into *pdf (*len bytes). */
    int (*render)(documents *d, const receipt_doc *doc, unsigned char **pdf, size_t *len);
    void (*close)(documents *d);
};

struct documents {
    const struct documents_ops *ops;
};

/* The ops table of an adapter whose functions are prefix##_<operation> (pdf_documents.c:
 * pdf_render, pdf_close), as BLOB_OPS_OF (app/ports/blob.h). */
#define DOCUMENTS_OPS_OF(prefix)                                                                   \
    {                                                                                              \
        .render = prefix##_render, .close = prefix##_close                                         \
    }

#endif
