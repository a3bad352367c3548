/*
 * api/share.h - server-rendered share pages (docs/share-pages.md).
 *
 * GET /s/{stream_id} and GET /p/{product_id} (api_routes_share, api/share.c) answer the
 * web app's index.html with the show's or product's <title>, description, Open Graph and
 * Twitter card tags in its <head>: a link pasted in a chat app shows a card, a browser gets
 * the single-page app, which routes /s/:id and /p/:id itself. Without an index.html (an
 * API-only deployment) the answer is a minimal page of our own with the same tags.
 *
 * The text functions below are pure (no I/O, no globals) and exposed for the unit tests;
 * every one appends to a bz_buf and returns BZ_OK or the buffer's error.
 *
 * Thread rules: the handlers run on worker threads and share one template cache (locked);
 * api_share_configure runs on the composition root's thread before the server starts and
 * after it stopped.
 */
#ifndef API_SHARE_H
#define API_SHARE_H

#include "base/buf.h"
#include "http/http.h"

#include <stdbool.h>
#include <stddef.h>

/* Description length in code points ("…" included) after clipping. */
#define HTTP_SHARE_DESC_MAX 200

/* Append `s` (len bytes) escaped for HTML text and for quoted attribute values: & < > " '
 * become entities, C0 controls other than tab, LF and CR become spaces (NUL included), and
 * each byte of invalid UTF-8 becomes U+FFFD. */
int api_html_escape(bz_buf *out, const char *s, size_t len);

/* Append `s` clipped for a description: whitespace runs become one space, ends are trimmed,
 * and text longer than max_cp code points is cut to at most max_cp code points including a
 * final "…" - at a word boundary when one is within the last 30 code points. Never splits a
 * UTF-8 sequence. Not escaped. */
int api_share_clip(bz_buf *out, const char *s, size_t len, size_t max_cp);

/* Prepare index.html as a template: copy `html` to `out` without the <head> tags the share
 * block replaces (<title>, <meta> named description or with a name or property starting
 * "og:", "twitter:" or "product:", <link rel="canonical">), and set *at to the offset in
 * `out` where the block goes: before </head> (or before <body> when </head> is missing, or
 * right after <head>/<html>/<!doctype> when neither is there). Contents of <script>,
 * <style>, <noscript>, <template> and comments are left alone. */
int api_share_tpl_prepare(bz_buf *out, const char *html, size_t len, size_t *at);

/* What a share page says. Strings are raw text (escaped on output); NULL = leave the tag out. */
typedef struct api_share_meta {
    const char *title;       /* <title> (required) */
    const char *og_title;    /* og:title (required) */
    const char *description; /* <meta name=description>, og:description (required, clipped) */
    const char *og_type;     /* "video.other" | "product" | "website" (required) */
    const char *url;         /* canonical absolute URL: og:url and <link rel=canonical> */
    const char *image;       /* absolute URL of og:image */
    const char *image_alt;   /* og:image:alt */
    int image_width;         /* og:image:width, 0 = unknown */
    int image_height;        /* og:image:height, 0 = unknown */
    const char *price;       /* product:price:amount ("1234.50"), with currency MYR */
    bool noindex;            /* <meta name=robots content=noindex> (not-found pages) */
} api_share_meta;

/* The tag block for <head>, one tag a line, each ending with a newline. twitter:card
 * is summary_large_image with an image, summary without. */
int api_share_head(bz_buf *out, const api_share_meta *m);

/* A whole page: template `tpl` (prepared, tpl_len bytes) with the block inserted at `at`, or
 * with tpl NULL a minimal HTML5 page of our own: the block, a heading, the description, the
 * image, the price, and a link to `link` (absolute URL) labelled `link_text`. */
int api_share_page(bz_buf *out, const char *tpl, size_t tpl_len, size_t at, const api_share_meta *m,
                   const char *link, const char *link_text);

/* The site's absolute base URL, without a trailing '/', into out[size]: `configured` when
 * non-empty; else "http://" + `host` (or "https://" when `https`) when `host` is a plain host
 * name or IPv4 address with an optional port; else "http://localhost:8080". */
void api_share_base_url(const char *configured, const char *host, bool https, char *out,
                        size_t size);

/* The site's base URL for links that leave it and come back (a provider's return URL), as
 * the share pages make theirs: api_share_base_url of the configured public URL and `req`'s
 * Host / X-Forwarded-Proto. */
void api_share_origin(http_req *req, char *out, size_t size);

/* Composition root: the directory holding index.html (NULL or "" = none) and the public base
 * URL (NULL or "" = from each request's Host). Both copied. BZ_OK or BZ_ENOMEM. Calling it
 * with (NULL, NULL) releases everything. */
int api_share_configure(const char *static_dir, const char *public_url);

#endif
