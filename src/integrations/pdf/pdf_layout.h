/*
 * integrations/pdf/pdf_layout.h - where each part of a receipt or an invoice goes on A4 pages
 * (pdf_documents.h renders with it):
 *
 *   issuer (name, address, email, registration and SST numbers)      Receipt / Invoice
 *                                                                    No., date, references
 *   ------------------------------------------------------------------------------------
 *   BILL TO (recipient)                      SHIP TO (a receipt's delivery address)
 *   Description                                     Qty      Unit price        Amount
 *   ... one row per line, wrapped; a page break repeats this header ...
 *                                                   Subtotal, Shipping, tax lines, Total
 *                                                   Paid with ...
 *   note
 *   ------------------------------------------------------------------------------------
 *   Receipt R-42-000017 · issuer                                          Page 1 of 2
 *
 * Text is set with pango from plain strings (never markup), so any UTF-8 a document holds is
 * drawn as it is, each character from the first font of PDF_LAYOUT_FAMILY that has it.
 * Amounts are money_format_myr's, the date bz_time_format_myt's.
 */
#ifndef INTEGRATIONS_PDF_PDF_LAYOUT_H
#define INTEGRATIONS_PDF_PDF_LAYOUT_H

#include "domain/receipt.h"

#include <cairo.h>
#include <pango/pango.h>

#include <stdbool.h>

#define PDF_LAYOUT_PAGE_W 595.28 /* A4 in points */
#define PDF_LAYOUT_PAGE_H 841.89
/* Latin (Malay, English) from DejaVu Sans; Chinese from WenQuanYi Micro Hei. */
#define PDF_LAYOUT_FAMILY "DejaVu Sans, WenQuanYi Micro Hei"

/* Lay `doc` (valid: receipt_validate gave `sums`) out on `cr`, a surface of A4 pages, with text
 * from `pango` (a context made for `cr`, at 72 dpi so that a point is a unit). With `draw`
 * false, only measure; with `draw` true, draw and end each page (cairo_show_page), numbering
 * them out of `pages`. Returns the number of pages it takes (>= 1). */
int pdf_layout(cairo_t *cr, PangoContext *pango, const receipt_doc *doc, const receipt_sums *sums,
               bool draw, int pages);

#endif
