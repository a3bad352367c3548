/*
 * domain/receipt.h - a receipt or an invoice as plain data, checked before anything renders it
 * (docs/payments.md "Receipts and invoices"):
 *
 * - RECEIPT_RECEIPT: from the seller to the buyer, for a paid order or checkout: the items, the
 *   shipping, tax lines where they apply, the total paid and how it was paid.
 * - RECEIPT_COMMISSION_INVOICE: from Blytz to the seller, for Blytz's commission on a sale (a
 *   service: nothing ships, so no ship-to and no shipping).
 *
 * The app fills a receipt_doc from what it stores (the number comes from the seller's counter,
 * a store matter) and hands it to the documents port (app/ports/documents.h), which renders it.
 * A document that does not add up is refused here, never rendered:
 *
 *   amount_i = quantity_i * unit_i                     for every line
 *   total    = sum(amount_i) + shipping + sum(tax_j)
 *
 * with every amount >= 0 and every product and sum overflow-checked; the counts capped
 * (RECEIPT_*_MAX); every text valid UTF-8 without control characters and of bounded length;
 * addresses valid Malaysian addresses (address_validate). Amounts print as money_format_myr
 * writes them ("RM 1,234.50"), times in Malaysia time (bz_time_format_myt).
 *
 * Plain data: strings and arrays are borrowed. Pure: no I/O, no allocation.
 */
#ifndef DOMAIN_RECEIPT_H
#define DOMAIN_RECEIPT_H

#include "domain/address.h"
#include "domain/field.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RECEIPT_NUMBER_MAX   40    /* bytes of [A-Za-z0-9-/_.]: "R-<19-digit id>-000042" fits */
#define RECEIPT_LINES_MAX    100   /* a checkout pays at most CHECKOUT_ORDERS_MAX orders */
#define RECEIPT_TAXES_MAX    4     /* tax lines */
#define RECEIPT_REFS_MAX     4     /* references (order, payment, ...) */
#define RECEIPT_QUANTITY_MAX 10000 /* CATALOG_QUANTITY_MAX */
#define RECEIPT_NAME_MAX     100   /* code points: a party's name (DELIVERY_NAME_MAX) */
#define RECEIPT_TEXT_MAX     200   /* code points: a line's description, a label, a value */
#define RECEIPT_NOTE_MAX     500   /* code points: the closing note */

typedef enum receipt_kind {
    RECEIPT_KIND_NONE = 0,
    RECEIPT_RECEIPT,            /* seller -> buyer: a paid order or checkout */
    RECEIPT_COMMISSION_INVOICE, /* Blytz -> seller: the commission on a sale */
} receipt_kind;

/* Who issues, who is billed, where it ships. Optional strings are NULL or "" when absent. */
typedef struct receipt_party {
    const char *name;              /* required: a person, a shop or a company */
    const address_postal *address; /* optional (NULL): printed as receipt_address_lines says */
    const char *phone;             /* optional: the ship-to's, for the courier */
    const char *email;             /* optional */
    const char *registration_no;   /* optional: a business's registration (SSM) number */
    const char *sst_no;            /* optional: its SST registration number */
} receipt_party;

typedef struct receipt_line {
    const char *description; /* required, any UTF-8: "Kuih lapis 千层糕 (Nyonya)" */
    int64_t quantity;        /* 1..RECEIPT_QUANTITY_MAX */
    int64_t unit_sen;        /* >= 0 */
    int64_t amount_sen;      /* == quantity * unit_sen */
} receipt_line;

typedef struct receipt_tax {
    const char *label; /* required: "SST 6% on shipping" */
    int64_t sen;       /* >= 0 */
} receipt_tax;

typedef struct receipt_ref {
    const char *label; /* required: "Order", "Payment" */
    const char *value; /* required: "#1234", "pi_3N..." */
} receipt_ref;

typedef struct receipt_doc {
    receipt_kind kind;
    const char *number;      /* required: the app's, sequential per seller ("R-42-000042") */
    int64_t issued_at;       /* UTC ms, > 0; printed in Malaysia time */
    receipt_party issuer;    /* RECEIPT: the seller; COMMISSION_INVOICE: Blytz */
    receipt_party recipient; /* billed: RECEIPT: the buyer; COMMISSION_INVOICE: the seller */
    receipt_party ship_to;   /* RECEIPT only, optional: the order's delivery address (no name:
                                none) */
    const receipt_line *lines;
    size_t n_lines; /* 1..RECEIPT_LINES_MAX */
    int64_t shipping_sen;
    const receipt_tax *taxes;
    size_t n_taxes; /* 0..RECEIPT_TAXES_MAX */
    int64_t total_sen;
    const char *paid_with; /* optional: "Visa •••• 4242", "FPX · Maybank2u" */
    const receipt_ref *refs;
    size_t n_refs;    /* 0..RECEIPT_REFS_MAX */
    const char *note; /* optional: a closing line ("Thank you for shopping on Blytz!") */
} receipt_doc;

/* The sums a renderer prints besides the document's own amounts. */
typedef struct receipt_sums {
    int64_t items; /* sum of the lines' amounts: the subtotal */
    int64_t tax;   /* sum of the tax lines */
} receipt_sums;

/* Check the whole document as the header says; on success fill `sums` (may be NULL). BZ_OK,
 * or BZ_EVALIDATION with the field in `err` ("kind", "number", "issued_at", "issuer.name",
 * "recipient.address", "ship_to", "lines", "lines.description", "lines.quantity",
 * "lines.unit_sen", "lines.amount_sen", "shipping_sen", "taxes", "taxes.label", "taxes.sen",
 * "refs", "refs.label", "refs.value", "paid_with", "note", "total_sen", ...). */
int receipt_validate(const receipt_doc *d, receipt_sums *sums, field_error *err);

/* The document's title: "Receipt" or "Invoice" ("" for another value). */
const char *receipt_kind_title(receipt_kind k);

/* ---- documents as stored ---------------------------------------------------------------- */

/* A document issued for an order (one per order and kind): numbered when the order is paid,
 * rendered and stored by the outbox worker afterwards. */
typedef struct receipt_record {
    int64_t id;
    const char *kind; /* receipt_kind_name(): "receipt" | "commission_invoice" */
    int64_t seller_id;
    int64_t order_id;
    int64_t seq;          /* 1, 2, 3... per seller and kind, no gaps */
    const char *number;   /* receipt_number(kind, seller_id, seq) */
    bool ready;           /* rendered: the PDF is in the document store under blob_key */
    const char *blob_key; /* "" until ready */
    int64_t size;         /* bytes of the PDF; 0 until ready */
    int64_t issued_at;    /* UTC ms: when its order was paid */
    int64_t rendered_at;  /* UTC ms; 0 until ready */
} receipt_record;

#define RECEIPT_SEQ_MAX 999999999 /* a seller's documents of one kind: 9 digits at most */

/* "receipt" | "commission_invoice" (stored and on the wire); "" for another value. */
const char *receipt_kind_name(receipt_kind k);

/* The stored name -> kind; RECEIPT_KIND_NONE if unknown. */
receipt_kind receipt_kind_parse(const char *s);

/* A document's number: "R-<seller>-<seq>" for receipts, "CI-<seller>-<seq>" for commission
 * invoices, seq zero-padded to 6 digits ("R-42-000007"). Unique per seller and kind because
 * seq is, and tells a seller's customers nothing about other sellers' sales. BZ_OK, or
 * BZ_EVALIDATION for an unknown kind, seller_id <= 0 or seq outside 1..RECEIPT_SEQ_MAX.
 * `out` holds RECEIPT_NUMBER_MAX + 1 bytes. */
int receipt_number(receipt_kind k, int64_t seller_id, int64_t seq,
                   char out[RECEIPT_NUMBER_MAX + 1]);

/* Where the PDF of `r` is kept in the document store: "documents/<seller>/<number>.pdf".
 * `out` holds RECEIPT_KEY_MAX bytes; BZ_EVALIDATION if the number does not fit. */
#define RECEIPT_KEY_MAX 96
int receipt_blob_key(const receipt_record *r, char out[RECEIPT_KEY_MAX]);

#define RECEIPT_ADDRESS_LINES 5   /* line1, line2, "postcode city", state, country */
#define RECEIPT_ADDRESS_BYTES 408 /* one printed line: ADDRESS_LINE_MAX code points + NUL fit */

/* An address as printed on a Malaysian letter: line1, line2 (when not blank), "50450 Kuala
 * Lumpur", the state, "Malaysia". Returns the number of lines written to `lines` (4 or 5),
 * each NUL-terminated (cut at RECEIPT_ADDRESS_BYTES - 1 bytes, which a valid address never
 * reaches). */
size_t receipt_address_lines(const address_postal *a,
                             char lines[RECEIPT_ADDRESS_LINES][RECEIPT_ADDRESS_BYTES]);

#endif
