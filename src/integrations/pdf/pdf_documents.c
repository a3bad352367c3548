/* integrations/pdf/pdf_documents.c - receipts and invoices as PDF (pdf_documents.h). */
#include "integrations/pdf/pdf_documents.h"

#include "base/buf.h"
#include "base/err.h"
#include "base/log.h"
#include "integrations/pdf/pdf_layout.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct pdf_documents {
    documents base;       /* first, so a documents * is a pdf_documents * */
    pthread_mutex_t lock; /* renders take turns on the font map */
    FcConfig *fonts;      /* exactly the adapter's font files */
    PangoFontMap *font_map;
} pdf_documents;

/* The PDF as cairo writes it, in memory (a bz_buf capped at PDF_MAX_BYTES). */
typedef struct sink {
    bz_buf buf;
    int error; /* BZ_OK; BZ_ENOMEM; BZ_ETOOLARGE past PDF_MAX_BYTES */
} sink;

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int len)
{
    sink *s = closure;
    if (s->error == BZ_OK) {
        s->error = bz_buf_append(&s->buf, data, len);
    }
    return s->error == BZ_OK ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The document's title, author and date of issue in the PDF's information dictionary. */
static void set_metadata(cairo_surface_t *surface, const receipt_doc *doc)
{
    char title[RECEIPT_NUMBER_MAX + 16];
    snprintf(title, sizeof title, "%s %s", receipt_kind_title(doc->kind), doc->number);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc->issuer.name);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Blytz");
    time_t t = (time_t)(doc->issued_at / 1000);
    struct tm tm;
    char date[96]; /* wide enough for any int fields, so the compiler can prove no truncation */
    if (gmtime_r(&t, &tm)) {
        snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    }
}

/* Measure the pages, then draw them, into `s`. BZ_OK, BZ_ENOMEM or BZ_EINTERNAL. */
static int draw(pdf_documents *d, const receipt_doc *doc, const receipt_sums *sums, sink *s)
{
    cairo_surface_t *surface =
        cairo_pdf_surface_create_for_stream(sink_write, s, PDF_LAYOUT_PAGE_W, PDF_LAYOUT_PAGE_H);
    set_metadata(surface, doc);
    cairo_t *cr = cairo_create(surface);
    PangoContext *pango = pango_font_map_create_context(d->font_map);
    pango_cairo_update_context(cr, pango);
    pango_cairo_context_set_resolution(pango, 72.0); /* a point is a unit */
    /* Glyph positions as the font designs them, not snapped to a screen's pixels. */
    cairo_font_options_t *options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango, options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(pango, FALSE);

    int pages = pdf_layout(cr, pango, doc, sums, false, 0);
    pdf_layout(cr, pango, doc, sums, true, pages);

    g_object_unref(pango);
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS) {
        status = cairo_surface_status(surface);
    }
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        bz_error("pdf: cairo failed: %s%s", cairo_status_to_string(status),
                 s->error == BZ_ETOOLARGE ? " (the PDF is larger than PDF_MAX_BYTES)" : "");
        return s->error == BZ_ENOMEM ? BZ_ENOMEM : BZ_EINTERNAL;
    }
    return BZ_OK;
}

static int pdf_render(documents *base, const receipt_doc *doc, unsigned char **pdf, size_t *len)
{
    pdf_documents *d = (pdf_documents *)base;
    *pdf = NULL;
    *len = 0;
    receipt_sums sums;
    if (receipt_validate(doc, &sums, NULL) != BZ_OK) {
        return BZ_EVALIDATION;
    }
    sink s = {.error = BZ_OK};
    bz_buf_init(&s.buf, PDF_MAX_BYTES);
    pthread_mutex_lock(&d->lock);
    int rc = draw(d, doc, &sums, &s);
    pthread_mutex_unlock(&d->lock);
    if (rc != BZ_OK) {
        bz_buf_free(&s.buf);
        return rc;
    }
    *pdf = (unsigned char *)bz_buf_steal(&s.buf, len);
    return BZ_OK;
}

static void pdf_close(documents *base)
{
    pdf_documents *d = (pdf_documents *)base;
    if (!d) {
        return;
    }
    if (d->font_map) {
        /* pango 1.50 takes a reference to the config that finalizing the map never drops:
         * setting none drops it. */
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(d->font_map), NULL);
        g_object_unref(d->font_map);
    }
    if (d->fonts) {
        FcConfigDestroy(d->fonts);
    }
    pthread_mutex_destroy(&d->lock);
    free(d);
}

static const struct documents_ops pdf_ops = DOCUMENTS_OPS_OF(pdf);

/* A fontconfig set of exactly `fonts`. BZ_OK, BZ_EUNAVAILABLE or BZ_ENOMEM. */
static int load_fonts(const char *const *fonts, size_t n, FcConfig **out)
{
    FcConfig *config = FcConfigCreate();
    if (!config) {
        return BZ_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        if (access(fonts[i], R_OK) != 0 ||
            !FcConfigAppFontAddFile(config, (const FcChar8 *)fonts[i])) {
            bz_error("pdf: cannot load the font %s (Debian: fonts-dejavu-core, fonts-wqy-microhei)",
                     fonts[i]);
            FcConfigDestroy(config);
            return BZ_EUNAVAILABLE;
        }
    }
    *out = config;
    return BZ_OK;
}

int pdf_documents_open(const char *const *fonts, size_t n, documents **out)
{
    static const char *const defaults[] = {PDF_FONT_LATIN, PDF_FONT_LATIN_BOLD, PDF_FONT_CJK};
    if (!fonts || n == 0) {
        fonts = defaults;
        n = sizeof defaults / sizeof defaults[0];
    }
    pdf_documents *d = calloc(1, sizeof *d);
    if (!d) {
        return BZ_ENOMEM;
    }
    d->base.ops = &pdf_ops;
    pthread_mutex_init(&d->lock, NULL);
    int rc = load_fonts(fonts, n, &d->fonts);
    if (rc != BZ_OK) {
        pdf_close(&d->base);
        return rc;
    }
    d->font_map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!d->font_map) {
        pdf_close(&d->base);
        return BZ_EINTERNAL;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(d->font_map), d->fonts);
    *out = &d->base;
    return BZ_OK;
}
