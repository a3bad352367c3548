/*
 * app/ports/store_ops_documents.h - the store operations of receipts and commission invoices
 * (store/sql/documents.c): the list STORE_OPS_DOCUMENTS of app/ports/store_ops.h, which says what
 * an X line holds and includes this header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_DOCUMENTS_H
#define APP_PORTS_STORE_OPS_DOCUMENTS_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_DOCUMENTS(X)                                                                     \
    /* The next number of seller `seller_id`'s documents of `kind` ("receipt" |                  \
     * "commission_invoice") into *seq: 1 for the first. Inside a transaction, which it holds     \
     * on the seller's counter until it ends: numbers run without gaps. */                        \
    X(T, document_seq_next, (store *s, int64_t seller_id, const char *kind, int64_t *seq),        \
      (s, seller_id, kind, seq))                                                                   \
    /* Keep document *r, numbered and pending. BZ_ECONFLICT when its order already has one of     \
     * its kind. */                                                                                \
    X(T, document_add, (store *s, const receipt_record *r), (s, r))                                \
    /* Document `id` into *out (strings in `a`). BZ_ENOTFOUND. */                                  \
    X(T, document_get, (store *s, int64_t id, bz_arena *a, receipt_record *out),                  \
      (s, id, a, out))                                                                             \
    /* Mark document r->id ready: its blob_key, size and rendered_at. BZ_ENOTFOUND. */            \
    X(T, document_ready, (store *s, const receipt_record *r), (s, r))                              \
    /* The documents of order `order_id`, receipts first (at most 2). */                          \
    X(T, documents_of_order,                                                                       \
      (store *s, int64_t order_id, bz_arena *a, receipt_record **out, size_t *n),                  \
      (s, order_id, a, out, n))
/* clang-format on */

#endif
