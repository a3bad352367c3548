/*
 * The PDF adapter (integrations/pdf) judged by poppler: a receipt with Malay, Chinese and
 * English lines and a commission invoice are rendered, and `pdftotext -layout` must give back
 * the number, the date, both parties (and the ship-to), every line's description (Chinese
 * included), every amount as money_format_myr writes it, the tax lines, the total and how it
 * was paid; `pdffonts` must list every font embedded with a ToUnicode map. Also: a long
 * receipt runs over pages with the table head repeated and "Page i of n"; the same document
 * gives the same bytes; renders from two threads at once; a document that does not add up and
 * a missing font are refused.
 *
 * pdftotext and pdffonts come from poppler-utils (scripts/deps.sh installs it): without them
 * the test fails and says so, it never skips. It prints the size of each PDF and how long a
 * render takes (no timed assertion: the lead judges whether the outbox worker renders inline).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "base/time.h"
#include "domain/money.h"
#include "integrations/pdf/pdf_documents.h"
#include "receipt_sample.h"

static documents *docs;

static int setup(void **state)
{
    (void)state;
    return pdf_documents_open(NULL, 0, &docs) == BZ_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    docs->ops->close(docs);
    return 0;
}

/* The full path of poppler's `tool`, found on PATH, into out; fails the test when missing. */
static void find_tool(const char *tool, char out[512])
{
    const char *path = getenv("PATH");
    char dirs[4096];
    snprintf(dirs, sizeof dirs, "%s", path && *path ? path : "/usr/bin:/bin");
    for (char *save = NULL, *dir = strtok_r(dirs, ":", &save); dir;
         dir = strtok_r(NULL, ":", &save)) {
        snprintf(out, 512, "%s/%s", dir, tool);
        if (access(out, X_OK) == 0) {
            return;
        }
    }
    fail_msg("%s is not installed: it comes with Debian's poppler-utils, which scripts/deps.sh "
             "installs (make deps)",
             tool);
}

/* What `tool args` prints for the PDF `pdf` (malloc'd, NUL-terminated). */
static char *run_tool(const char *tool, const char *args, const unsigned char *pdf, size_t len)
{
    char bin[512];
    find_tool(tool, bin);
    char file[] = "/tmp/blytz-test-pdf-XXXXXX";
    int fd = mkstemp(file);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, pdf, len), (ssize_t)len);
    close(fd);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "%s %s %s -", bin, args, file);
    if (strcmp(tool, "pdffonts") == 0) {
        snprintf(cmd, sizeof cmd, "%s %s %s", bin, args, file);
    }
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    size_t got;
    while ((got = fread(out + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            out = realloc(out, cap);
            assert_non_null(out);
        }
    }
    out[n] = '\0';
    int status = pclose(p);
    unlink(file);
    if (status != 0) {
        fail_msg("%s exited with %d", cmd, status);
    }
    return out;
}

/* Save a copy for a person to look at when BLYTZ_TEST_PDF_DIR names a folder. */
static void keep(const char *name, const unsigned char *pdf, size_t len)
{
    const char *dir = getenv("BLYTZ_TEST_PDF_DIR");
    if (!dir || !*dir) {
        return;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(pdf, 1, len, f), len);
    fclose(f);
}

static void contains(const char *text, const char *want)
{
    if (!strstr(text, want)) {
        fail_msg("the extracted text lacks \"%s\"; it is:\n%s", want, text);
    }
}

static void contains_amount(const char *text, int64_t sen)
{
    char amount[MONEY_FORMAT_MAX];
    money_format_myr(sen, amount, sizeof amount);
    contains(text, amount);
}

/* Render `doc`, print its size and the time it took, check the bytes are a PDF. */
static void render(const receipt_doc *doc, const char *name, unsigned char **pdf, size_t *len)
{
    uint64_t t0 = bz_mono_ns();
    assert_int_equal(docs->ops->render(docs, doc, pdf, len), BZ_OK);
    uint64_t ns = bz_mono_ns() - t0;
    printf("pdf: %s: %zu bytes, rendered in %.1f ms\n", name, *len, ns / 1e6);
    keep(name, *pdf, *len);
    assert_true(*len > 5);
    assert_memory_equal(*pdf, "%PDF-", 5);
    assert_true(*len > 2000 && *len < 400 * 1024); /* the fonts' subsets, not whole fonts */
    assert_non_null(memmem(*pdf, *len, "%%EOF", 5));
}

/* Every font pdffonts lists is embedded ("emb" yes) with a ToUnicode map ("uni" yes). */
static void fonts_embedded_with_unicode(const unsigned char *pdf, size_t len)
{
    char *out = run_tool("pdffonts", "", pdf, len);
    int fonts = 0;
    char *save = NULL;
    for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "name ", 5) == 0 || strncmp(line, "----", 4) == 0) {
            continue;
        }
        /* ... emb sub uni object ID: the three flags come before the last two numbers. */
        char emb[8], sub[8], uni[8];
        const char *tail = line + strlen(line);
        int fields = 0;
        while (tail > line && fields < 5) {
            tail--;
            if (*tail != ' ' && (tail == line || tail[-1] == ' ')) {
                fields++;
            }
        }
        assert_int_equal(sscanf(tail, "%7s %7s %7s", emb, sub, uni), 3);
        if (strcmp(emb, "yes") != 0 || strcmp(uni, "yes") != 0) {
            fail_msg("a font is not embedded with a ToUnicode map: %s", line);
        }
        fonts++;
    }
    printf("pdf: %d fonts, each embedded with a ToUnicode map\n", fonts);
    assert_true(fonts >= 2); /* DejaVu Sans (and Bold) and WenQuanYi Micro Hei */
    free(out);
}

/* Render `doc` (kept as `name`) and check that its text holds each of `wants`, the
 * description and the amounts of every line, each tax line, the total, and that every font is
 * embedded with a ToUnicode map. Returns the text (the caller frees it). */
static char *check_document(const receipt_doc *doc, const char *name, const char *const *wants,
                            size_t n)
{
    unsigned char *pdf;
    size_t len;
    render(doc, name, &pdf, &len);
    char *text = run_tool("pdftotext", "-layout -enc UTF-8", pdf, len);
    for (size_t i = 0; i < n; i++) {
        contains(text, wants[i]);
    }
    for (size_t i = 0; i < doc->n_lines; i++) {
        contains(text, doc->lines[i].description);
        contains_amount(text, doc->lines[i].unit_sen);
        contains_amount(text, doc->lines[i].amount_sen);
    }
    for (size_t i = 0; i < doc->n_taxes; i++) {
        contains(text, doc->taxes[i].label);
        contains_amount(text, doc->taxes[i].sen);
    }
    contains_amount(text, doc->total_sen);
    fonts_embedded_with_unicode(pdf, len);
    free(pdf);
    return text;
}

static void receipt_text_comes_back(void **state)
{
    (void)state;
    static const char *const wants[] = {
        "Receipt",
        "No. R-42-000017",
        "Fri 4 Dec 2026, 8:00 pm MYT",
        "Kedai Kuih Nyonya Melaka 娘惹糕点", /* the seller */
        "Reg. No. 202301012345 (1512345-X)",
        "SST No. M10-2301-32000123",
        "75200 Melaka",
        "BILL TO",
        "Tan Mei Ling 陈美玲", /* the buyer */
        "mei.ling@example.my",
        "SHIP TO",
        "+60123456789",
        "12, Jalan SS 2/24",
        "47300 Petaling Jaya",
        "Kuih lapis 千层糕 (Nyonya)",
        "RM 1,234.50",
        "Subtotal",
        "RM 1,346.10",
        "Shipping",
        "RM 8.50",
        "Total",
        "RM 1,355.11",
        "Paid with Visa •••• 4242",
        "Orders: #1001, #1002, #1003, #1004",
        "Payment: pi_3PqK9zLkdIwHu7ix0abc",
        "谢谢惠顾",
        "Page 1 of 1",
    };
    free(check_document(&sample_receipt, "receipt.pdf", wants, sizeof wants / sizeof wants[0]));
}

static void invoice_text_comes_back(void **state)
{
    (void)state;
    static const char *const wants[] = {
        "Invoice",
        "No. C-42-000009",
        "Blytz Sdn. Bhd.", /* the issuer */
        "Reg. No. 202401000001 (1550001-A)",
        "SST No. W10-2401-32000001",
        "50450 Kuala Lumpur",
        "W.P. Kuala Lumpur",
        "BILL TO",
        "Kedai Kuih Nyonya Melaka 娘惹糕点", /* the seller, billed */
        "SST No. M10-2301-32000123",
        "Commission 8% on order #1001: Kuih lapis 千层糕",
        "RM 108.82",
        "Payment: Deducted from your payout",
        "Receipt: R-42-000017",
    };
    char *text =
        check_document(&sample_invoice, "invoice.pdf", wants, sizeof wants / sizeof wants[0]);
    if (strstr(text, "SHIP TO") || strstr(text, "Shipping")) {
        fail_msg("an invoice for a service shows no shipping:\n%s", text);
    }
    free(text);
}

/* 100 lines run over pages: each page says which it is, the table head comes again, and the
 * last line and the total are there. */
static void long_receipt_runs_over_pages(void **state)
{
    (void)state;
    static receipt_line lines[RECEIPT_LINES_MAX];
    static char descriptions[RECEIPT_LINES_MAX][64];
    for (size_t i = 0; i < RECEIPT_LINES_MAX; i++) {
        snprintf(descriptions[i], sizeof descriptions[i], "Lot %03zu: Kuih lapis 千层糕", i + 1);
        lines[i] = (receipt_line){descriptions[i], 1, 1000 + (int64_t)i, 1000 + (int64_t)i};
    }
    receipt_doc d = sample_receipt;
    d.lines = lines;
    d.n_lines = RECEIPT_LINES_MAX;
    d.total_sen = 100 * 1000 + 99 * 100 / 2 + d.shipping_sen + 51;
    unsigned char *pdf;
    size_t len;
    render(&d, "receipt-100-lines.pdf", &pdf, &len);
    char *text = run_tool("pdftotext", "-layout -enc UTF-8", pdf, len);
    contains(text, "Lot 001: Kuih lapis 千层糕");
    contains(text, "Lot 100: Kuih lapis 千层糕");
    const char *first = strstr(text, "Page 1 of ");
    assert_non_null(first);
    int pages = atoi(first + strlen("Page 1 of "));
    printf("pdf: 100 lines take %d pages\n", pages);
    assert_true(pages >= 2);
    char last[32];
    snprintf(last, sizeof last, "Page %d of %d", pages, pages);
    contains(text, last);
    contains(text, "Receipt R-42-000017 (continued)");
    contains_amount(text, d.total_sen);
    /* the table head once per page */
    int heads = 0;
    for (const char *s = text; (s = strstr(s, "Unit price")); s++) {
        heads++;
    }
    assert_int_equal(heads, pages);
    free(text);
    free(pdf);
}

/* The same document gives the same bytes (a retried outbox row stores the same PDF); print how
 * long a render takes once the fonts are warm. */
static void same_document_same_bytes(void **state)
{
    (void)state;
    unsigned char *a, *b;
    size_t alen, blen;
    assert_int_equal(docs->ops->render(docs, &sample_receipt, &a, &alen), BZ_OK);
    enum { RUNS = 10 };
    uint64_t t0 = bz_mono_ns();
    for (int i = 0; i < RUNS; i++) {
        assert_int_equal(docs->ops->render(docs, &sample_receipt, &b, &blen), BZ_OK);
        assert_int_equal(blen, alen);
        assert_memory_equal(a, b, alen);
        free(b);
    }
    printf("pdf: a receipt renders in %.1f ms (mean of %d, fonts loaded)\n",
           (bz_mono_ns() - t0) / 1e6 / RUNS, RUNS);
    free(a);
}

static void *render_invoices(void *arg)
{
    (void)arg;
    for (int i = 0; i < 5; i++) {
        unsigned char *pdf;
        size_t len;
        if (docs->ops->render(docs, &sample_invoice, &pdf, &len) != BZ_OK) {
            return (void *)1;
        }
        free(pdf);
    }
    return NULL;
}

static void renders_from_two_threads(void **state)
{
    (void)state;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, render_invoices, NULL), 0);
    void *mine = render_invoices(NULL), *theirs;
    assert_int_equal(pthread_join(t, &theirs), 0);
    assert_null(mine);
    assert_null(theirs);
}

static void refuses_what_does_not_add_up(void **state)
{
    (void)state;
    receipt_doc d = sample_receipt;
    d.total_sen += 1;
    unsigned char *pdf = (unsigned char *)"x";
    size_t len = 7;
    assert_int_equal(docs->ops->render(docs, &d, &pdf, &len), BZ_EVALIDATION);
    assert_null(pdf);
    assert_int_equal(len, 0);
}

static void refuses_a_missing_font(void **state)
{
    (void)state;
    const char *fonts[] = {PDF_FONT_LATIN, "/nonexistent/font.ttf"};
    documents *d = NULL;
    assert_int_equal(pdf_documents_open(fonts, 2, &d), BZ_EUNAVAILABLE);
    assert_null(d);
}

UNIT_MAIN_GROUP(setup, teardown, cmocka_unit_test(receipt_text_comes_back),
                cmocka_unit_test(invoice_text_comes_back),
                cmocka_unit_test(long_receipt_runs_over_pages),
                cmocka_unit_test(same_document_same_bytes),
                cmocka_unit_test(renders_from_two_threads),
                cmocka_unit_test(refuses_what_does_not_add_up),
                cmocka_unit_test(refuses_a_missing_font))
