/* domain/receipt.c - a receipt's or an invoice's checks and sums (receipt.h). */
#include "domain/receipt.h"

#include "base/check.h"
#include "base/err.h"
#include "domain/account.h"
#include "domain/money.h"
#include "domain/text.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static size_t len_of(const char *s)
{
    return s ? strlen(s) : 0;
}

static bool blank(const char *s)
{
    return text_blank(s ? s : "", len_of(s));
}

/* One text of the document: address_check_line's rule (blank = absent unless required; valid
 * UTF-8 without control characters; at most `max` code points). */
static int check_text(const char *s, bool required, size_t max, const char *field, field_error *err)
{
    return address_check_line(s, required, max, field, "This is required", "This is too long", err);
}

/* The error fields of one party, static strings for field_error. */
typedef struct party_fields {
    const char *name, *address, *phone, *email, *registration_no, *sst_no;
} party_fields;

static const party_fields ISSUER = {"issuer.name",  "issuer.address",         "issuer.phone",
                                    "issuer.email", "issuer.registration_no", "issuer.sst_no"};
static const party_fields RECIPIENT = {
    "recipient.name",  "recipient.address",         "recipient.phone",
    "recipient.email", "recipient.registration_no", "recipient.sst_no"};
static const party_fields SHIP_TO = {"ship_to.name",  "ship_to.address",         "ship_to.phone",
                                     "ship_to.email", "ship_to.registration_no", "ship_to.sst_no"};

/* A stored address is checked again as it was on entry (a copy kept on an order may be old). */
static int check_address(const address_postal *a, const char *field, field_error *err)
{
    address_input in = {.line1 = a->line1,
                        .line2 = a->line2,
                        .city = a->city,
                        .state = a->state,
                        .postcode = a->postcode};
    field_error inner = {"", ""};
    if (address_validate(&in, NULL, &inner) != BZ_OK) {
        return field_fail(err, BZ_EVALIDATION, field, inner.reason);
    }
    return BZ_OK;
}

static int check_party(const receipt_party *p, const party_fields *f, field_error *err)
{
    int rc = check_text(p->name, true, RECEIPT_NAME_MAX, f->name, err);
    if (rc == BZ_OK && p->address) {
        rc = check_address(p->address, f->address, err);
    }
    if (rc == BZ_OK) {
        rc = check_text(p->phone, false, RECEIPT_TEXT_MAX, f->phone, err);
    }
    if (rc == BZ_OK && !blank(p->email)) {
        char lower[ACCOUNT_EMAIL_MAX + 1];
        if (account_email_normalize(p->email, strlen(p->email), lower, NULL) != BZ_OK) {
            rc = field_fail(err, BZ_EVALIDATION, f->email, "Not an email address");
        }
    }
    if (rc == BZ_OK) {
        rc = check_text(p->registration_no, false, RECEIPT_TEXT_MAX, f->registration_no, err);
    }
    if (rc == BZ_OK) {
        rc = check_text(p->sst_no, false, RECEIPT_TEXT_MAX, f->sst_no, err);
    }
    return rc;
}

static bool number_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '/' || c == '_' || c == '.';
}

static int check_head(const receipt_doc *d, field_error *err)
{
    if (d->kind != RECEIPT_RECEIPT && d->kind != RECEIPT_COMMISSION_INVOICE) {
        return field_fail(err, BZ_EVALIDATION, "kind", "Unknown kind of document");
    }
    size_t n = len_of(d->number);
    if (n == 0 || n > RECEIPT_NUMBER_MAX) {
        return field_fail(err, BZ_EVALIDATION, "number", "A number of 1-40 characters is required");
    }
    for (size_t i = 0; i < n; i++) {
        if (!number_char(d->number[i])) {
            return field_fail(err, BZ_EVALIDATION, "number",
                              "Only letters, digits and -/_. in a number");
        }
    }
    if (d->issued_at <= 0) {
        return field_fail(err, BZ_EVALIDATION, "issued_at", "The date of issue is required");
    }
    int rc = check_party(&d->issuer, &ISSUER, err);
    if (rc == BZ_OK) {
        rc = check_party(&d->recipient, &RECIPIENT, err);
    }
    if (rc != BZ_OK || blank(d->ship_to.name)) {
        return rc;
    }
    if (d->kind == RECEIPT_COMMISSION_INVOICE) {
        return field_fail(err, BZ_EVALIDATION, "ship_to", "An invoice for a service ships nothing");
    }
    return check_party(&d->ship_to, &SHIP_TO, err);
}

static int check_lines(const receipt_doc *d, int64_t *items, field_error *err)
{
    if (d->n_lines == 0 || d->n_lines > RECEIPT_LINES_MAX || !d->lines) {
        return field_fail(err, BZ_EVALIDATION, "lines", "1 to 100 lines are required");
    }
    *items = 0;
    for (size_t i = 0; i < d->n_lines; i++) {
        const receipt_line *l = &d->lines[i];
        int rc = check_text(l->description, true, RECEIPT_TEXT_MAX, "lines.description", err);
        if (rc != BZ_OK) {
            return rc;
        }
        if (l->quantity < 1 || l->quantity > RECEIPT_QUANTITY_MAX) {
            return field_fail(err, BZ_EVALIDATION, "lines.quantity", "A quantity is 1 to 10,000");
        }
        if (l->unit_sen < 0) {
            return field_fail(err, BZ_EVALIDATION, "lines.unit_sen", "A price is never negative");
        }
        int64_t amount;
        if (l->amount_sen < 0 || !money_mul(l->unit_sen, l->quantity, &amount) ||
            amount != l->amount_sen) {
            return field_fail(err, BZ_EVALIDATION, "lines.amount_sen",
                              "A line's amount is its quantity times its price");
        }
        if (!money_add(*items, amount, items)) {
            return field_fail(err, BZ_EVALIDATION, "total_sen", "The amounts are too large");
        }
    }
    return BZ_OK;
}

static int check_taxes(const receipt_doc *d, int64_t *tax, field_error *err)
{
    if (d->n_taxes > RECEIPT_TAXES_MAX || (d->n_taxes && !d->taxes)) {
        return field_fail(err, BZ_EVALIDATION, "taxes", "At most 4 tax lines");
    }
    *tax = 0;
    for (size_t i = 0; i < d->n_taxes; i++) {
        int rc = check_text(d->taxes[i].label, true, RECEIPT_TEXT_MAX, "taxes.label", err);
        if (rc != BZ_OK) {
            return rc;
        }
        if (d->taxes[i].sen < 0) {
            return field_fail(err, BZ_EVALIDATION, "taxes.sen", "A tax is never negative");
        }
        if (!money_add(*tax, d->taxes[i].sen, tax)) {
            return field_fail(err, BZ_EVALIDATION, "total_sen", "The amounts are too large");
        }
    }
    return BZ_OK;
}

static int check_tail(const receipt_doc *d, field_error *err)
{
    if (d->n_refs > RECEIPT_REFS_MAX || (d->n_refs && !d->refs)) {
        return field_fail(err, BZ_EVALIDATION, "refs", "At most 4 references");
    }
    int rc = BZ_OK;
    for (size_t i = 0; rc == BZ_OK && i < d->n_refs; i++) {
        rc = check_text(d->refs[i].label, true, RECEIPT_TEXT_MAX, "refs.label", err);
        if (rc == BZ_OK) {
            rc = check_text(d->refs[i].value, true, RECEIPT_TEXT_MAX, "refs.value", err);
        }
    }
    if (rc == BZ_OK) {
        rc = check_text(d->paid_with, false, RECEIPT_TEXT_MAX, "paid_with", err);
    }
    if (rc == BZ_OK) {
        rc = check_text(d->note, false, RECEIPT_NOTE_MAX, "note", err);
    }
    return rc;
}

int receipt_validate(const receipt_doc *d, receipt_sums *sums, field_error *err)
{
    int rc = check_head(d, err);
    if (rc != BZ_OK) {
        return rc;
    }
    if (d->shipping_sen < 0) {
        return field_fail(err, BZ_EVALIDATION, "shipping_sen", "Shipping is never negative");
    }
    if (d->kind == RECEIPT_COMMISSION_INVOICE && d->shipping_sen != 0) {
        return field_fail(err, BZ_EVALIDATION, "shipping_sen",
                          "An invoice for a service ships nothing");
    }
    receipt_sums s;
    if ((rc = check_lines(d, &s.items, err)) != BZ_OK ||
        (rc = check_taxes(d, &s.tax, err)) != BZ_OK || (rc = check_tail(d, err)) != BZ_OK) {
        return rc;
    }
    int64_t total;
    if (!money_add(s.items, d->shipping_sen, &total) || !money_add(total, s.tax, &total)) {
        return field_fail(err, BZ_EVALIDATION, "total_sen", "The amounts are too large");
    }
    if (d->total_sen != total) {
        return field_fail(err, BZ_EVALIDATION, "total_sen",
                          "The total is not the lines, shipping and tax added up");
    }
    if (sums) {
        *sums = s;
    }
    return BZ_OK;
}

const char *receipt_kind_title(receipt_kind k)
{
    switch (k) {
    case RECEIPT_RECEIPT:
        return "Receipt";
    case RECEIPT_COMMISSION_INVOICE:
        return "Invoice";
    case RECEIPT_KIND_NONE:
        break;
    }
    return "";
}

size_t receipt_address_lines(const address_postal *a,
                             char lines[RECEIPT_ADDRESS_LINES][RECEIPT_ADDRESS_BYTES])
{
    size_t n = 0;
    snprintf(lines[n++], RECEIPT_ADDRESS_BYTES, "%s", a->line1 ? a->line1 : "");
    if (!blank(a->line2)) {
        snprintf(lines[n++], RECEIPT_ADDRESS_BYTES, "%s", a->line2);
    }
    snprintf(lines[n++], RECEIPT_ADDRESS_BYTES, "%s %s", a->postcode ? a->postcode : "",
             a->city ? a->city : "");
    snprintf(lines[n++], RECEIPT_ADDRESS_BYTES, "%s", a->state ? a->state : "");
    snprintf(lines[n++], RECEIPT_ADDRESS_BYTES, "Malaysia");
    return n;
}

const char *receipt_kind_name(receipt_kind k)
{
    switch (k) {
    case RECEIPT_RECEIPT:
        return "receipt";
    case RECEIPT_COMMISSION_INVOICE:
        return "commission_invoice";
    case RECEIPT_KIND_NONE:
        break;
    }
    return "";
}

receipt_kind receipt_kind_parse(const char *s)
{
    if (s && strcmp(s, "receipt") == 0) {
        return RECEIPT_RECEIPT;
    }
    if (s && strcmp(s, "commission_invoice") == 0) {
        return RECEIPT_COMMISSION_INVOICE;
    }
    return RECEIPT_KIND_NONE;
}

int receipt_number(receipt_kind k, int64_t seller_id, int64_t seq, char out[RECEIPT_NUMBER_MAX + 1])
{
    const char *prefix = k == RECEIPT_RECEIPT ? "R" : k == RECEIPT_COMMISSION_INVOICE ? "CI" : NULL;
    out[0] = '\0';
    if (!prefix || seller_id <= 0 || seq < 1 || seq > RECEIPT_SEQ_MAX) {
        return BZ_EVALIDATION;
    }
    int n =
        snprintf(out, RECEIPT_NUMBER_MAX + 1, "%s-%" PRId64 "-%06" PRId64, prefix, seller_id, seq);
    /* "CI-" + 19 digits + "-" + 9 digits = 32 bytes: always fits */
    BZ_CHECK(n > 0 && n <= RECEIPT_NUMBER_MAX);
    return BZ_OK;
}

int receipt_blob_key(const receipt_record *r, char out[RECEIPT_KEY_MAX])
{
    int n = snprintf(out, RECEIPT_KEY_MAX, "documents/%" PRId64 "/%s.pdf", r->seller_id,
                     r->number ? r->number : "");
    if (!r->number || !r->number[0] || n < 0 || n >= RECEIPT_KEY_MAX) {
        out[0] = '\0';
        return BZ_EVALIDATION;
    }
    return BZ_OK;
}
