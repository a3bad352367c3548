/* Unit tests for domain/receipt.h: the sample receipt and invoice add up; every sum that does
 * not (a line, the total, an overflow) and every negative amount is refused with its field;
 * the caps hold at their edges; the texts and addresses are checked; addresses print Malaysian
 * style. (Amounts print with money_format_myr, tested at its edges in test_money.c.) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/err.h"
#include "domain/receipt.h"
#include "receipt_sample.h"

/* receipt_validate's answer for `d`, and the field at fault in *field ("" when BZ_OK). */
static int check(const receipt_doc *d, const char **field)
{
    field_error err = {"", ""};
    int rc = receipt_validate(d, NULL, &err);
    *field = err.field;
    return rc;
}

static void refused(const receipt_doc *d, const char *field)
{
    const char *got;
    assert_int_equal(check(d, &got), BZ_EVALIDATION);
    assert_string_equal(got, field);
}

static void accepted(const receipt_doc *d)
{
    const char *got;
    int rc = check(d, &got);
    if (rc != BZ_OK) {
        fail_msg("refused on %s", got);
    }
}

static void samples_add_up(void **state)
{
    (void)state;
    receipt_sums s;
    assert_int_equal(receipt_validate(&sample_receipt, &s, NULL), BZ_OK);
    assert_int_equal(s.items, 134610);
    assert_int_equal(s.tax, 51);
    assert_int_equal(receipt_validate(&sample_invoice, &s, NULL), BZ_OK);
    assert_int_equal(s.items, 10076);
    assert_int_equal(s.tax, 806);
    assert_string_equal(receipt_kind_title(RECEIPT_RECEIPT), "Receipt");
    assert_string_equal(receipt_kind_title(RECEIPT_COMMISSION_INVOICE), "Invoice");
    assert_string_equal(receipt_kind_title(RECEIPT_KIND_NONE), "");
}

static void sums_that_do_not_add_up_are_refused(void **state)
{
    (void)state;
    receipt_doc d = sample_receipt;
    d.total_sen = sample_receipt.total_sen + 1;
    refused(&d, "total_sen");
    d.total_sen = sample_receipt.total_sen - 1;
    refused(&d, "total_sen");
    d.total_sen = sample_receipt.total_sen - 851; /* shipping left out */
    refused(&d, "total_sen");

    receipt_line lines[4];
    memcpy(lines, sample_receipt_lines, sizeof lines);
    d = sample_receipt;
    d.lines = lines;
    lines[0].amount_sen = 2499; /* 2 x 1250 is 2500 */
    refused(&d, "lines.amount_sen");
    lines[0].amount_sen = 2500;
    lines[0].quantity = 3;
    refused(&d, "lines.amount_sen");

    /* A tax line that is not in the total. */
    receipt_tax taxes[2] = {{"SST 6% on shipping", 51}, {"Service tax", 10}};
    d = sample_receipt;
    d.taxes = taxes;
    d.n_taxes = 2;
    refused(&d, "total_sen");
    d.total_sen += 10;
    accepted(&d);
}

static void overflow_is_refused(void **state)
{
    (void)state;
    receipt_line big[2] = {{"a", 1, INT64_MAX, INT64_MAX}, {"b", 1, 1, 1}};
    receipt_doc d = sample_receipt;
    d.lines = big;
    d.n_lines = 2;
    d.taxes = NULL;
    d.n_taxes = 0;
    d.shipping_sen = 0;
    d.total_sen = INT64_MAX;
    refused(&d, "total_sen"); /* INT64_MAX + 1 */
    big[0] = (receipt_line){"a", 2, INT64_MAX / 2 + 1, INT64_MAX};
    refused(&d, "lines.amount_sen"); /* the product overflows */
    big[0] = (receipt_line){"a", 1, INT64_MAX - 1, INT64_MAX - 1};
    d.total_sen = INT64_MAX;
    accepted(&d); /* right at the edge */
    d.shipping_sen = 1;
    refused(&d, "total_sen");
    d.shipping_sen = 0;
    receipt_tax tax = {"SST", INT64_MAX};
    d.taxes = &tax;
    d.n_taxes = 1;
    refused(&d, "total_sen");
}

static void negative_amounts_are_refused(void **state)
{
    (void)state;
    receipt_line lines[4];
    memcpy(lines, sample_receipt_lines, sizeof lines);
    receipt_doc d = sample_receipt;
    d.lines = lines;
    lines[1] = (receipt_line){"Refund", 1, -3890, -3890};
    d.total_sen -= 2 * 3890; /* adds up, but a receipt lists no negative amounts */
    refused(&d, "lines.unit_sen");

    d = sample_receipt;
    d.shipping_sen = -850;
    d.total_sen -= 2 * 850;
    refused(&d, "shipping_sen");

    receipt_tax tax = {"SST", -51};
    d = sample_receipt;
    d.taxes = &tax;
    d.total_sen -= 2 * 51;
    refused(&d, "taxes.sen");

    /* A negative total never adds up from non-negative parts. */
    d = sample_receipt;
    d.total_sen = -1;
    refused(&d, "total_sen");
}

static void counts_are_capped(void **state)
{
    (void)state;
    static receipt_line many[RECEIPT_LINES_MAX + 1];
    for (size_t i = 0; i < RECEIPT_LINES_MAX + 1; i++) {
        many[i] = (receipt_line){"Kuih lapis 千层糕", 1, 100, 100};
    }
    receipt_doc d = sample_receipt;
    d.lines = many;
    d.n_lines = RECEIPT_LINES_MAX;
    d.n_taxes = 0;
    d.shipping_sen = 0;
    d.total_sen = 100 * RECEIPT_LINES_MAX;
    accepted(&d);
    d.n_lines = RECEIPT_LINES_MAX + 1;
    d.total_sen += 100;
    refused(&d, "lines");
    d.n_lines = 0;
    d.total_sen = 0;
    refused(&d, "lines");

    receipt_tax taxes[RECEIPT_TAXES_MAX + 1] = {{"a", 0}, {"b", 0}, {"c", 0}, {"d", 0}, {"e", 0}};
    d = sample_receipt;
    d.taxes = taxes;
    d.total_sen -= 51;
    d.n_taxes = RECEIPT_TAXES_MAX;
    accepted(&d);
    d.n_taxes = RECEIPT_TAXES_MAX + 1;
    refused(&d, "taxes");

    receipt_ref refs[RECEIPT_REFS_MAX + 1] = {
        {"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"}};
    d = sample_receipt;
    d.refs = refs;
    d.n_refs = RECEIPT_REFS_MAX;
    accepted(&d);
    d.n_refs = RECEIPT_REFS_MAX + 1;
    refused(&d, "refs");

    receipt_line q = {"Teh tarik", RECEIPT_QUANTITY_MAX, 1, RECEIPT_QUANTITY_MAX};
    d = sample_receipt;
    d.lines = &q;
    d.n_lines = 1;
    d.n_taxes = 0;
    d.shipping_sen = 0;
    d.total_sen = RECEIPT_QUANTITY_MAX;
    accepted(&d);
    q = (receipt_line){"Teh tarik", RECEIPT_QUANTITY_MAX + 1, 1, RECEIPT_QUANTITY_MAX + 1};
    d.total_sen = RECEIPT_QUANTITY_MAX + 1;
    refused(&d, "lines.quantity");
    q = (receipt_line){"Teh tarik", 0, 1, 0};
    d.total_sen = 0;
    refused(&d, "lines.quantity");
}

static void texts_are_checked(void **state)
{
    (void)state;
    /* 200 code points of Chinese (600 bytes) fit; 201 do not. */
    char longest[RECEIPT_TEXT_MAX * 3 + 4];
    for (size_t i = 0; i < RECEIPT_TEXT_MAX; i++) {
        memcpy(longest + 3 * i, "糕", 3);
    }
    longest[RECEIPT_TEXT_MAX * 3] = '\0';
    receipt_line lines[4];
    memcpy(lines, sample_receipt_lines, sizeof lines);
    receipt_doc d = sample_receipt;
    d.lines = lines;
    lines[0].description = longest;
    accepted(&d);
    memcpy(longest + 3 * RECEIPT_TEXT_MAX, "糕", 4);
    refused(&d, "lines.description");
    lines[0].description = "Kuih\x01lapis";
    refused(&d, "lines.description");
    lines[0].description = "Kuih \xe5\x8d lapis"; /* a cut UTF-8 sequence */
    refused(&d, "lines.description");
    lines[0].description = "  ";
    refused(&d, "lines.description");

    d = sample_receipt;
    d.issuer.name = NULL;
    refused(&d, "issuer.name");
    d = sample_receipt;
    d.recipient.email = "mei.ling";
    refused(&d, "recipient.email");
    d = sample_receipt;
    d.ship_to.phone = "+60\n12";
    refused(&d, "ship_to.phone");
    d = sample_receipt;
    d.paid_with = "Visa \x7f 4242";
    refused(&d, "paid_with");
    receipt_ref ref = {"Order", ""};
    d = sample_receipt;
    d.refs = &ref;
    d.n_refs = 1;
    refused(&d, "refs.value");
    receipt_tax tax = {"", 51};
    d = sample_receipt;
    d.taxes = &tax;
    refused(&d, "taxes.label");
    /* Optional texts may be absent. */
    d = sample_receipt;
    d.paid_with = NULL;
    d.note = "";
    d.refs = NULL;
    d.n_refs = 0;
    d.issuer.email = NULL;
    d.issuer.sst_no = NULL;
    accepted(&d);
}

static void head_is_checked(void **state)
{
    (void)state;
    receipt_doc d = sample_receipt;
    d.kind = RECEIPT_KIND_NONE;
    refused(&d, "kind");
    d = sample_receipt;
    d.number = "";
    refused(&d, "number");
    d.number = "R 42 000017";
    refused(&d, "number");
    d.number = "R-1234567890123456789-0000000000000000001"; /* 41 bytes */
    refused(&d, "number");
    d.number = "R-1234567890123456789-000000000000000001"; /* 40 */
    accepted(&d);
    d = sample_receipt;
    d.issued_at = 0;
    refused(&d, "issued_at");

    /* A service ships nothing. */
    d = sample_invoice;
    d.ship_to = sample_receipt.ship_to;
    refused(&d, "ship_to");
    d = sample_invoice;
    d.shipping_sen = 100;
    d.total_sen += 100;
    refused(&d, "shipping_sen");
    /* No ship-to at all is fine on a receipt (a pickup). */
    d = sample_receipt;
    d.ship_to = (receipt_party){0};
    accepted(&d);
}

static void addresses_are_checked(void **state)
{
    (void)state;
    address_postal wrong = sample_buyer_address;
    wrong.postcode = "75200"; /* Melaka's, not Selangor's */
    receipt_doc d = sample_receipt;
    d.ship_to.address = &wrong;
    refused(&d, "ship_to.address");
    wrong = sample_buyer_address;
    wrong.state = "Atlantis";
    refused(&d, "ship_to.address");
    d = sample_receipt;
    d.issuer.address = &wrong;
    refused(&d, "issuer.address");
}

static void addresses_print_malaysian_style(void **state)
{
    (void)state;
    char lines[RECEIPT_ADDRESS_LINES][RECEIPT_ADDRESS_BYTES];
    assert_int_equal(receipt_address_lines(&sample_buyer_address, lines), 5);
    assert_string_equal(lines[0], "12, Jalan SS 2/24");
    assert_string_equal(lines[1], "Taman Bahagia");
    assert_string_equal(lines[2], "47300 Petaling Jaya");
    assert_string_equal(lines[3], "Selangor");
    assert_string_equal(lines[4], "Malaysia");
    assert_int_equal(receipt_address_lines(&sample_seller_address, lines), 4);
    assert_string_equal(lines[1], "75200 Melaka");
}

static void numbers_and_keys(void **state)
{
    (void)state;
    char n[RECEIPT_NUMBER_MAX + 1];
    assert_int_equal(receipt_number(RECEIPT_RECEIPT, 42, 7, n), BZ_OK);
    assert_string_equal(n, "R-42-000007");
    assert_int_equal(receipt_number(RECEIPT_COMMISSION_INVOICE, 42, 1234567, n), BZ_OK);
    assert_string_equal(n, "CI-42-1234567");
    /* the widest: a 19-digit seller and the last number fit */
    assert_int_equal(receipt_number(RECEIPT_COMMISSION_INVOICE, INT64_MAX, RECEIPT_SEQ_MAX, n),
                     BZ_OK);
    assert_string_equal(n, "CI-9223372036854775807-999999999");
    assert_int_equal(receipt_number(RECEIPT_RECEIPT, 42, 0, n), BZ_EVALIDATION);
    assert_int_equal(receipt_number(RECEIPT_RECEIPT, 42, RECEIPT_SEQ_MAX + 1, n), BZ_EVALIDATION);
    assert_int_equal(receipt_number(RECEIPT_RECEIPT, 0, 1, n), BZ_EVALIDATION);
    assert_int_equal(receipt_number(RECEIPT_KIND_NONE, 42, 1, n), BZ_EVALIDATION);
    assert_string_equal(n, "");

    receipt_record r = {.seller_id = 42, .number = "R-42-000007"};
    char key[RECEIPT_KEY_MAX];
    assert_int_equal(receipt_blob_key(&r, key), BZ_OK);
    assert_string_equal(key, "documents/42/R-42-000007.pdf");
    r.number = "";
    assert_int_equal(receipt_blob_key(&r, key), BZ_EVALIDATION);

    assert_string_equal(receipt_kind_name(RECEIPT_RECEIPT), "receipt");
    assert_string_equal(receipt_kind_name(RECEIPT_COMMISSION_INVOICE), "commission_invoice");
    assert_string_equal(receipt_kind_name(RECEIPT_KIND_NONE), "");
    assert_int_equal(receipt_kind_parse("commission_invoice"), RECEIPT_COMMISSION_INVOICE);
    assert_int_equal(receipt_kind_parse("receipt"), RECEIPT_RECEIPT);
    assert_int_equal(receipt_kind_parse("Receipt"), RECEIPT_KIND_NONE);
    assert_int_equal(receipt_kind_parse(NULL), RECEIPT_KIND_NONE);
}

UNIT_MAIN(cmocka_unit_test(samples_add_up), cmocka_unit_test(sums_that_do_not_add_up_are_refused),
          cmocka_unit_test(overflow_is_refused), cmocka_unit_test(negative_amounts_are_refused),
          cmocka_unit_test(counts_are_capped), cmocka_unit_test(texts_are_checked),
          cmocka_unit_test(head_is_checked), cmocka_unit_test(addresses_are_checked),
          cmocka_unit_test(addresses_print_malaysian_style), cmocka_unit_test(numbers_and_keys))
