/* integrations/pdf/pdf_layout.c - a receipt's or an invoice's pages (pdf_layout.h). */
#include "integrations/pdf/pdf_layout.h"

#include "base/time.h"
#include "domain/money.h"

#include <pango/pangocairo.h>

#include <inttypes.h>
#include <stdio.h>

#define MARGIN     48.0
#define CONTENT_W  (PDF_LAYOUT_PAGE_W - 2 * MARGIN)
#define FOOTER_TOP (PDF_LAYOUT_PAGE_H - MARGIN - 12.0) /* the footer's rule */
#define BOTTOM     (FOOTER_TOP - 12.0)                 /* where content must end */
#define GAP        12.0
#define PAD        4.0 /* around a table row's text, and between its cells */

/* The table's columns: the description takes what the numbers leave. */
#define QTY_W    36.0
#define UNIT_W   84.0
#define AMOUNT_W 84.0
#define DESC_W   (CONTENT_W - QTY_W - UNIT_W - AMOUNT_W - 5 * PAD)
#define TOTALS_W 260.0

/* Greys: text, secondary text, rules, the table head's shade. */
#define INK   0.10
#define MUTED 0.40
#define RULE  0.78
#define SHADE 0.94

typedef enum font { F_BODY, F_BOLD, F_SMALL, F_SMALL_BOLD, F_NAME, F_TITLE, F_TOTAL, F_COUNT } font;

static const struct {
    double size; /* points (the context is at 72 dpi) */
    bool bold;
} FONTS[F_COUNT] = {
    [F_BODY] = {9.0, false},      [F_BOLD] = {9.0, true},  [F_SMALL] = {7.5, false},
    [F_SMALL_BOLD] = {7.5, true}, [F_NAME] = {13.0, true}, [F_TITLE] = {22.0, true},
    [F_TOTAL] = {11.0, true},
};

typedef struct pen {
    cairo_t *cr;
    PangoLayout *layout;
    PangoFontDescription *fonts[F_COUNT];
    const receipt_doc *doc;
    const receipt_sums *sums;
    bool draw;     /* false: measure only */
    int page;      /* the page being laid out, from 1 */
    int pages;     /* how many there are (when drawing) */
    double y, top; /* where the next thing goes; where this page's content began */
} pen;

static bool has(const char *s)
{
    return s && *s;
}

static double max2(double a, double b)
{
    return a > b ? a : b;
}

/* Set `s` in font `f`, `w` points wide and aligned `al`, with its top left at (x, y), in grey
 * `ink`. Returns its height: every line it wraps into. */
static double text(pen *p, double x, double y, double w, const char *s, font f, PangoAlignment al,
                   double ink)
{
    pango_layout_set_font_description(p->layout, p->fonts[f]);
    pango_layout_set_width(p->layout, pango_units_from_double(w));
    pango_layout_set_alignment(p->layout, al);
    pango_layout_set_text(p->layout, s ? s : "", -1);
    if (p->draw) {
        cairo_set_source_rgb(p->cr, ink, ink, ink);
        cairo_move_to(p->cr, x, y);
        pango_cairo_show_layout(p->cr, p->layout);
    }
    int width, height;
    pango_layout_get_size(p->layout, &width, &height);
    return pango_units_to_double(height);
}

static void rule(pen *p, double y, double x, double w, double grey, double thickness)
{
    if (p->draw) {
        cairo_set_source_rgb(p->cr, grey, grey, grey);
        cairo_set_line_width(p->cr, thickness);
        cairo_move_to(p->cr, x, y);
        cairo_line_to(p->cr, x + w, y);
        cairo_stroke(p->cr);
    }
}

/* "Receipt R-42-000017 · Amounts in Malaysian ringgit (RM)", and "Page 1 of 2". */
static void footer(pen *p)
{
    char left[RECEIPT_NUMBER_MAX + 80], right[48];
    snprintf(left, sizeof left, "%s %s · Amounts in Malaysian ringgit (RM)",
             receipt_kind_title(p->doc->kind), p->doc->number);
    snprintf(right, sizeof right, "Page %d of %d", p->page, p->pages);
    rule(p, FOOTER_TOP, MARGIN, CONTENT_W, RULE, 0.5);
    text(p, MARGIN, FOOTER_TOP + 4, CONTENT_W * 0.75, left, F_SMALL, PANGO_ALIGN_LEFT, MUTED);
    text(p, MARGIN + CONTENT_W * 0.75, FOOTER_TOP + 4, CONTENT_W * 0.25, right, F_SMALL,
         PANGO_ALIGN_RIGHT, MUTED);
}

/* End this page and start the next with a line saying whose it is. */
static void next_page(pen *p)
{
    footer(p);
    if (p->draw) {
        cairo_show_page(p->cr);
    }
    p->page++;
    char line[RECEIPT_NUMBER_MAX + 40];
    snprintf(line, sizeof line, "%s %s (continued)", receipt_kind_title(p->doc->kind),
             p->doc->number);
    p->y = MARGIN + text(p, MARGIN, MARGIN, CONTENT_W, line, F_SMALL, PANGO_ALIGN_LEFT, MUTED);
    p->y += GAP;
    p->top = p->y;
}

/* A party at (x, y), `w` wide: its heading, name, phone, address, email and numbers. Returns
 * the bottom. */
static double party(pen *p, double x, double y, double w, const char *heading,
                    const receipt_party *who, font name_font)
{
    if (heading) {
        y += text(p, x, y, w, heading, F_SMALL_BOLD, PANGO_ALIGN_LEFT, MUTED) + 2;
    }
    y += text(p, x, y, w, who->name, name_font, PANGO_ALIGN_LEFT, INK) + 1;
    if (has(who->phone)) {
        y += text(p, x, y, w, who->phone, F_BODY, PANGO_ALIGN_LEFT, INK);
    }
    if (who->address) {
        char lines[RECEIPT_ADDRESS_LINES][RECEIPT_ADDRESS_BYTES];
        size_t n = receipt_address_lines(who->address, lines);
        for (size_t i = 0; i < n; i++) {
            y += text(p, x, y, w, lines[i], F_BODY, PANGO_ALIGN_LEFT, INK);
        }
    }
    if (has(who->email)) {
        y += text(p, x, y, w, who->email, F_BODY, PANGO_ALIGN_LEFT, INK);
    }
    char number[RECEIPT_TEXT_MAX * 4 + 16];
    if (has(who->registration_no)) {
        snprintf(number, sizeof number, "Reg. No. %s", who->registration_no);
        y += text(p, x, y, w, number, F_SMALL, PANGO_ALIGN_LEFT, MUTED);
    }
    if (has(who->sst_no)) {
        snprintf(number, sizeof number, "SST No. %s", who->sst_no);
        y += text(p, x, y, w, number, F_SMALL, PANGO_ALIGN_LEFT, MUTED);
    }
    return y;
}

/* The issuer at the left; the title, number, date and references at the right. */
static void header(pen *p)
{
    const receipt_doc *d = p->doc;
    double left_w = CONTENT_W * 0.55, right_x = MARGIN + left_w + GAP;
    double right_w = CONTENT_W - left_w - GAP;
    double yl = party(p, MARGIN, p->y, left_w, NULL, &d->issuer, F_NAME);

    double yr = p->y;
    yr += text(p, right_x, yr, right_w, receipt_kind_title(d->kind), F_TITLE, PANGO_ALIGN_RIGHT,
               INK) +
          4;
    char line[RECEIPT_TEXT_MAX * 8 + 8];
    snprintf(line, sizeof line, "No. %s", d->number);
    yr += text(p, right_x, yr, right_w, line, F_BOLD, PANGO_ALIGN_RIGHT, INK);
    char date[BZ_MYT_LEN];
    bz_time_format_myt(d->issued_at, date);
    yr += text(p, right_x, yr, right_w, date, F_BODY, PANGO_ALIGN_RIGHT, INK) + 2;
    for (size_t i = 0; i < d->n_refs; i++) {
        snprintf(line, sizeof line, "%s: %s", d->refs[i].label, d->refs[i].value);
        yr += text(p, right_x, yr, right_w, line, F_SMALL, PANGO_ALIGN_RIGHT, MUTED);
    }
    p->y = max2(yl, yr) + GAP;
    rule(p, p->y, MARGIN, CONTENT_W, RULE, 0.75);
    p->y += GAP;
}

/* Bill to, and ship to beside it on a receipt that ships. */
static void parties(pen *p)
{
    const receipt_doc *d = p->doc;
    double w = (CONTENT_W - GAP) / 2;
    double y1 = party(p, MARGIN, p->y, w, "BILL TO", &d->recipient, F_BOLD);
    double y2 = p->y;
    if (has(d->ship_to.name)) {
        y2 = party(p, MARGIN + w + GAP, p->y, w, "SHIP TO", &d->ship_to, F_BOLD);
    }
    p->y = max2(y1, y2) + 1.5 * GAP;
    p->top = p->y;
}

/* One row of the table at y: the description wraps, the numbers are right-aligned. Returns
 * its bottom. */
static double cells(pen *p, double y, const char *const c[4], font f, double ink)
{
    double x = MARGIN + PAD;
    double h = text(p, x, y + PAD, DESC_W, c[0], f, PANGO_ALIGN_LEFT, ink);
    x += DESC_W + PAD;
    h = max2(h, text(p, x, y + PAD, QTY_W, c[1], f, PANGO_ALIGN_RIGHT, ink));
    x += QTY_W + PAD;
    h = max2(h, text(p, x, y + PAD, UNIT_W, c[2], f, PANGO_ALIGN_RIGHT, ink));
    x += UNIT_W + PAD;
    h = max2(h, text(p, x, y + PAD, AMOUNT_W, c[3], f, PANGO_ALIGN_RIGHT, ink));
    return y + h + 2 * PAD;
}

static void table_head(pen *p)
{
    static const char *const head[4] = {"Description", "Qty", "Unit price", "Amount"};
    bool was = p->draw;
    p->draw = false;
    double bottom = cells(p, p->y, head, F_SMALL_BOLD, MUTED);
    p->draw = was;
    if (p->draw) {
        cairo_set_source_rgb(p->cr, SHADE, SHADE, SHADE);
        cairo_rectangle(p->cr, MARGIN, p->y, CONTENT_W, bottom - p->y);
        cairo_fill(p->cr);
    }
    p->y = cells(p, p->y, head, F_SMALL_BOLD, MUTED);
}

/* A part of the document laid out at y; returns its bottom. */
typedef double (*section)(pen *p, double y, const void *arg);

/* Lay a section out at p->y, or at the top of the next page when it does not fit here (under a
 * new table head when it is a table row). A section taller than a page is not broken. */
static void place(pen *p, section fn, const void *arg, bool table_row)
{
    bool was = p->draw;
    p->draw = false;
    double bottom = fn(p, p->y, arg);
    p->draw = was;
    if (bottom > BOTTOM && p->y > p->top) {
        next_page(p);
        if (table_row) {
            table_head(p);
        }
    }
    p->y = fn(p, p->y, arg);
}

static double line_row(pen *p, double y, const void *arg)
{
    const receipt_line *l = arg;
    char qty[24], unit[MONEY_FORMAT_MAX], amount[MONEY_FORMAT_MAX];
    snprintf(qty, sizeof qty, "%" PRId64, l->quantity);
    money_format_myr(l->unit_sen, unit, sizeof unit);
    money_format_myr(l->amount_sen, amount, sizeof amount);
    const char *const c[4] = {l->description, qty, unit, amount};
    y = cells(p, y, c, F_BODY, INK);
    rule(p, y, MARGIN, CONTENT_W, RULE, 0.5);
    return y;
}

/* One line of the totals: the label at the left of the block, the amount at its right, under
 * the table's amounts. */
static double total_row(pen *p, double y, const char *label, int64_t sen, font f)
{
    double x = MARGIN + CONTENT_W - TOTALS_W;
    char amount[MONEY_FORMAT_MAX];
    money_format_myr(sen, amount, sizeof amount);
    double h = text(p, x + PAD, y, TOTALS_W - AMOUNT_W - 3 * PAD, label, f, PANGO_ALIGN_LEFT, INK);
    h = max2(
        h, text(p, x + TOTALS_W - AMOUNT_W - PAD, y, AMOUNT_W, amount, f, PANGO_ALIGN_RIGHT, INK));
    return y + h + 3;
}

static double totals(pen *p, double y, const void *arg)
{
    (void)arg;
    const receipt_doc *d = p->doc;
    double x = MARGIN + CONTENT_W - TOTALS_W;
    y = total_row(p, y + GAP, "Subtotal", p->sums->items, F_BODY);
    if (d->kind == RECEIPT_RECEIPT || d->shipping_sen != 0) {
        y = total_row(p, y, "Shipping", d->shipping_sen, F_BODY);
    }
    for (size_t i = 0; i < d->n_taxes; i++) {
        y = total_row(p, y, d->taxes[i].label, d->taxes[i].sen, F_BODY);
    }
    rule(p, y + 2, x, TOTALS_W, INK, 1.0);
    y = total_row(p, y + 6, "Total", d->total_sen, F_TOTAL);
    if (has(d->paid_with)) {
        char line[RECEIPT_TEXT_MAX * 4 + 16];
        snprintf(line, sizeof line, "%s %s",
                 d->kind == RECEIPT_RECEIPT ? "Paid with" : "Payment:", d->paid_with);
        y += text(p, x, y + 2, TOTALS_W - PAD, line, F_BODY, PANGO_ALIGN_RIGHT, MUTED) + 2;
    }
    return y;
}

static double note(pen *p, double y, const void *arg)
{
    (void)arg;
    return y + GAP +
           text(p, MARGIN, y + GAP, CONTENT_W, p->doc->note, F_BODY, PANGO_ALIGN_LEFT, MUTED);
}

int pdf_layout(cairo_t *cr, PangoContext *pango, const receipt_doc *doc, const receipt_sums *sums,
               bool draw, int pages)
{
    pen p = {.cr = cr, .doc = doc, .sums = sums, .draw = draw, .page = 1, .pages = pages};
    p.y = p.top = MARGIN;
    p.layout = pango_layout_new(pango);
    pango_layout_set_wrap(p.layout, PANGO_WRAP_WORD_CHAR);
    for (int f = 0; f < F_COUNT; f++) {
        p.fonts[f] = pango_font_description_from_string(PDF_LAYOUT_FAMILY);
        pango_font_description_set_size(p.fonts[f], (int)(FONTS[f].size * PANGO_SCALE));
        pango_font_description_set_weight(p.fonts[f],
                                          FONTS[f].bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    }

    header(&p);
    parties(&p);
    table_head(&p);
    for (size_t i = 0; i < doc->n_lines; i++) {
        place(&p, line_row, &doc->lines[i], true);
    }
    place(&p, totals, NULL, false);
    if (has(doc->note)) {
        place(&p, note, NULL, false);
    }
    footer(&p);
    if (draw) {
        cairo_show_page(cr);
    }

    for (int f = 0; f < F_COUNT; f++) {
        pango_font_description_free(p.fonts[f]);
    }
    g_object_unref(p.layout);
    return p.page;
}
