/*
 * integrations/pdf/pdf_documents.h - the documents port (app/ports/documents.h) on cairo's PDF
 * surface and pango (Debian's libcairo2 and libpango), laid out by pdf_layout.h.
 *
 * Fonts: the adapter loads exactly its font files into a fontconfig set of its own, so that a
 * receipt looks the same on every machine whatever else is installed: DejaVu Sans (Latin, so
 * Malay and English; fonts-dejavu-core, about 3 MB) and WenQuanYi Micro Hei (Chinese, also
 * kana and Hangul; fonts-wqy-microhei, about 5 MB). cairo embeds the subset of each font that a
 * document uses, with a ToUnicode map, so that a reader's copy and paste and pdftotext give the
 * text back (tests/unit/integrations/test_pdf.c checks it).
 *
 * Output is a function of the document alone (the PDF's creation date is the document's date
 * of issue), so a retried outbox row stores the same bytes again.
 *
 * Threads: render is thread-safe; renders take turns on one lock (pango's font map is not to
 * be shared between threads at once). A receipt renders in about 7 ms once the fonts are
 * loaded (the first render of a process, about 40 ms): the outbox worker does it inline.
 *
 * No fuzz target: documents come from our own database, never from the network, and are
 * checked by receipt_validate before anything is drawn.
 */
#ifndef INTEGRATIONS_PDF_PDF_DOCUMENTS_H
#define INTEGRATIONS_PDF_PDF_DOCUMENTS_H

#include "app/ports/documents.h"

#include <stddef.h>

#define PDF_FONT_LATIN      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define PDF_FONT_LATIN_BOLD "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
#define PDF_FONT_CJK        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
#define PDF_MAX_BYTES       (16u * 1024 * 1024) /* a larger PDF is a bug: BZ_EINTERNAL */

/* Open the renderer with the font files `fonts[0..n-1]` (NULL or n == 0: the three above).
 * On success *out is a documents the caller releases with (*out)->ops->close(*out).
 * BZ_EUNAVAILABLE when a font file cannot be read (logged, with the Debian packages that
 * bring the default ones), BZ_ENOMEM, BZ_EINTERNAL. */
int pdf_documents_open(const char *const *fonts, size_t n, documents **out);

#endif
