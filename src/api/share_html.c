/*
 * The pure half of the share pages (api/share.h): HTML escaping, description clipping,
 * index.html template preparation, the tag block and the page itself.
 */
#include "api/share.h"

#include "base/err.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- UTF-8 and escaping ------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at s (n bytes available), 0 if invalid there. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        return 1;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi) {
        return 0;
    }
    for (size_t i = 2; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return 0;
        }
    }
    return len;
}

int api_html_escape(bz_buf *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0; /* bytes [i - run, i) are copied as they are */
    int rc = BZ_OK;
    while (i < len && rc == BZ_OK) {
        const char *rep = NULL;
        size_t n = 1;
        switch (p[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r') || p[i] == 0x7F) {
                rep = " ";
            } else if ((n = utf8_seq(p + i, len - i)) == 0) {
                rep = "\xEF\xBF\xBD";
                n = 1;
            }
        }
        if (rep) {
            rc = bz_buf_append(out, s + i - run, run);
            if (rc == BZ_OK) {
                rc = bz_buf_puts(out, rep);
            }
            run = 0;
        } else {
            run += n;
        }
        i += n;
    }
    if (rc == BZ_OK && run) {
        rc = bz_buf_append(out, s + i - run, run);
    }
    return rc;
}

static int esc(bz_buf *out, const char *s)
{
    return api_html_escape(out, s, strlen(s));
}

/* ---- clipping ---------------------------------------------------------------- */

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int api_share_clip(bz_buf *out, const char *s, size_t len, size_t max_cp)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    const unsigned char *p = (const unsigned char *)s;
    size_t start = out->len;
    size_t cps = 0;       /* code points written */
    size_t cut = start;   /* out->len after at most max_cp - 1 code points */
    size_t word = 0;      /* out->len before the last space written (0 = none) */
    size_t word_cps = 0;  /* code points before that space */
    bool pending = false; /* a space is due before the next character */
    bool too_long = false;
    int rc = bz_buf_append(out, "", 0);
    for (size_t i = 0; i < len && rc == BZ_OK;) {
        if (is_space(p[i])) {
            pending = cps > 0;
            i++;
            continue;
        }
        size_t n = utf8_seq(p + i, len - i);
        n = n ? n : 1;
        if (cps + (pending ? 2 : 1) > max_cp) {
            too_long = true;
            break;
        }
        if (pending) {
            word = out->len;
            word_cps = cps;
            rc = bz_buf_putc(out, ' ');
            pending = false;
            if (++cps < max_cp) {
                cut = out->len;
            }
        }
        if (rc == BZ_OK) {
            rc = bz_buf_append(out, s + i, n);
        }
        if (++cps < max_cp) {
            cut = out->len;
        }
        i += n;
    }
    if (rc != BZ_OK || !too_long) {
        return rc;
    }
    /* Too long: keep max_cp - 1 code points, ending at the last space if it is close. */
    size_t end = cut;
    if (word > start && word <= cut && word_cps + 30 >= max_cp - 1) {
        end = word;
    }
    while (end > start && out->data[end - 1] == ' ') {
        end--;
    }
    out->len = end;
    out->data[end] = '\0';
    return max_cp ? bz_buf_append(out, ellipsis, sizeof(ellipsis) - 1) : BZ_OK;
}

/* ---- template preparation ------------------------------------------------------ */

/* ASCII case-insensitive: does [p, end) start with `lit`? */
static bool starts_ci(const char *p, const char *end, const char *lit)
{
    for (; *lit; p++, lit++) {
        if (p >= end) {
            return false;
        }
        char a = *p, b = *lit;
        if (a >= 'A' && a <= 'Z') {
            a = (char)(a - 'A' + 'a');
        }
        if (a != b) {
            return false;
        }
    }
    return true;
}

/* Is p ("<...") the tag `name` (lower case, "/head" for an end tag)? */
static bool tag_is(const char *p, const char *end, const char *name)
{
    size_t n = strlen(name);
    if (p + 1 + n > end || !starts_ci(p + 1, end, name)) {
        return false;
    }
    return p + 1 + n == end || is_space((unsigned char)p[1 + n]) || p[1 + n] == '>' ||
           p[1 + n] == '/';
}

/* Just past the '>' closing the tag at p, skipping quoted attribute values; NULL if none. */
static const char *tag_end(const char *p, const char *end)
{
    char quote = 0;
    for (p++; p < end; p++) {
        if (quote) {
            quote = *p == quote ? 0 : quote;
        } else if (*p == '"' || *p == '\'') {
            quote = *p;
        } else if (*p == '>') {
            return p + 1;
        }
    }
    return NULL;
}

/* First case-insensitive occurrence of `lit` in [p, end), or NULL. */
static const char *find_ci(const char *p, const char *end, const char *lit)
{
    for (; p < end; p++) {
        if (starts_ci(p, end, lit)) {
            return p;
        }
    }
    return NULL;
}

/* Just past the end tag "</name ...>" after p, or NULL. */
static const char *close_tag_end(const char *p, const char *end, const char *name)
{
    char lit[24];
    snprintf(lit, sizeof(lit), "</%s", name);
    for (;;) {
        const char *c = find_ci(p, end, lit);
        if (!c) {
            return NULL;
        }
        if (tag_is(c, end, lit + 1)) {
            return tag_end(c, end);
        }
        p = c + 1;
    }
}

/* The value of attribute `name` in the tag [p, tend), or false. */
static bool attr(const char *p, const char *tend, const char *name, const char **v, size_t *vlen)
{
    const char *end = tend - 1; /* the '>' */
    p++;
    while (p < end && !is_space((unsigned char)*p) && *p != '/') {
        p++; /* the tag name */
    }
    while (p < end) {
        while (p < end && (is_space((unsigned char)*p) || *p == '/')) {
            p++;
        }
        const char *an = p;
        while (p < end && !is_space((unsigned char)*p) && *p != '=' && *p != '/') {
            p++;
        }
        size_t alen = (size_t)(p - an);
        const char *val = p, *vend = p;
        while (p < end && is_space((unsigned char)*p)) {
            p++;
        }
        if (p < end && *p == '=') {
            p++;
            while (p < end && is_space((unsigned char)*p)) {
                p++;
            }
            if (p < end && (*p == '"' || *p == '\'')) {
                char q = *p++;
                val = p;
                while (p < end && *p != q) {
                    p++;
                }
                vend = p;
                p += p < end;
            } else {
                val = p;
                while (p < end && !is_space((unsigned char)*p)) {
                    p++;
                }
                vend = p;
            }
        }
        if (alen == strlen(name) && starts_ci(an, an + alen, name)) {
            *v = val;
            *vlen = (size_t)(vend - val);
            return true;
        }
        if (alen == 0 && p == an) {
            p++;
        }
    }
    return false;
}

static bool value_is(const char *v, size_t n, const char *lit)
{
    return n == strlen(lit) && starts_ci(v, v + n, lit);
}

static bool value_starts(const char *v, size_t n, const char *lit)
{
    return n >= strlen(lit) && starts_ci(v, v + n, lit);
}

static bool share_key(const char *v, size_t n)
{
    return value_starts(v, n, "og:") || value_starts(v, n, "twitter:") ||
           value_starts(v, n, "product:");
}

/* Is the <meta> or <link> tag [p, tend) one the share block replaces? */
static bool replaced_tag(const char *p, const char *tend, bool meta)
{
    const char *v;
    size_t n;
    if (!meta) {
        return attr(p, tend, "rel", &v, &n) && value_is(v, n, "canonical");
    }
    if (attr(p, tend, "name", &v, &n) && (value_is(v, n, "description") || share_key(v, n))) {
        return true;
    }
    return attr(p, tend, "property", &v, &n) && share_key(v, n);
}

/* Just past the comment, doctype or tag at p, or NULL when it does not end. */
static const char *skip_markup(const char *p, const char *end)
{
    if (starts_ci(p, end, "<!--")) {
        const char *c = find_ci(p + 4, end, "-->");
        return c ? c + 3 : NULL;
    }
    return tag_end(p, end);
}

/* Where the head's contents start: after <head ...>, or after the <html> or <!doctype> tag
 * before the first <body> (or anything else), or the start. */
static const char *head_start(const char *html, const char *end)
{
    const char *after = html;
    for (const char *p = html; (p = memchr(p, '<', (size_t)(end - p)));) {
        bool head = tag_is(p, end, "head");
        if (!head && !tag_is(p, end, "html") && !starts_ci(p, end, "<!doctype") &&
            !starts_ci(p, end, "<!--")) {
            break;
        }
        const char *e = skip_markup(p, end);
        if (!e) {
            break;
        }
        after = e;
        if (head) {
            break;
        }
        p = e;
    }
    return after;
}

/* The start of p's line when only blanks precede p on it (and none of them before `lo`),
 * else p. */
static const char *blank_before(const char *html, const char *lo, const char *p)
{
    const char *b = p;
    while (b > lo && (b[-1] == ' ' || b[-1] == '\t')) {
        b--;
    }
    return b == html || b[-1] == '\n' ? b : p;
}

int api_share_tpl_prepare(bz_buf *out, const char *html, size_t len, size_t *at)
{
    static const char *const raw[] = {"script", "style", "noscript", "template", "textarea"};
    const char *end = html + len;
    const char *start = head_start(html, end);
    const char *copied = html; /* bytes before this are in `out` or dropped */
    const char *insert = NULL;
    int rc = bz_buf_append(out, "", 0);
    size_t base = out->len;
    const char *p = start;
    while (rc == BZ_OK && !insert && (p = memchr(p, '<', (size_t)(end - p)))) {
        if (tag_is(p, end, "/head") || tag_is(p, end, "body")) {
            insert = p;
            break;
        }
        const char *e = skip_markup(p, end);
        if (!e) {
            break;
        }
        bool meta = tag_is(p, end, "meta");
        const char *drop_end = NULL;
        if (tag_is(p, end, "title")) {
            drop_end = close_tag_end(e, end, "title");
            e = drop_end ? drop_end : end;
        } else if ((meta || tag_is(p, end, "link")) && replaced_tag(p, e, meta)) {
            drop_end = e;
        } else {
            for (size_t i = 0; i < sizeof(raw) / sizeof(raw[0]); i++) {
                if (tag_is(p, end, raw[i])) {
                    const char *c = close_tag_end(e, end, raw[i]);
                    e = c ? c : end;
                    break;
                }
            }
        }
        if (drop_end) {
            /* A tag alone on its line goes with its indentation and line break. */
            const char *from = blank_before(html, copied, p);
            if (from == html || from[-1] == '\n') {
                drop_end += drop_end < end && *drop_end == '\r';
                drop_end += drop_end < end && *drop_end == '\n';
            }
            rc = bz_buf_append(out, copied, (size_t)(from - copied));
            copied = e = drop_end;
        }
        p = e;
    }
    const char *split = insert ? blank_before(html, copied, insert) : start;
    if (split < copied) {
        split = copied; /* a dropped tag ran past the head's start: insert after it */
    }
    if (rc == BZ_OK) {
        rc = bz_buf_append(out, copied, (size_t)(split - copied));
    }
    *at = out->len - base;
    if (rc == BZ_OK) {
        rc = bz_buf_append(out, split, (size_t)(end - split));
    }
    return rc;
}

/* ---- the tag block and the page ------------------------------------------------- */

static int tag(bz_buf *out, const char *attr_name, const char *key, const char *value)
{
    int rc = bz_buf_printf(out, "<meta %s=\"%s\" content=\"", attr_name, key);
    if (rc == BZ_OK) {
        rc = esc(out, value);
    }
    if (rc == BZ_OK) {
        rc = bz_buf_puts(out, "\">\n");
    }
    return rc;
}

static int og(bz_buf *out, const char *key, const char *value)
{
    return value ? tag(out, "property", key, value) : BZ_OK;
}

/* Markup and escaped values, alternating (parts[0] is markup). */
static int html_parts(bz_buf *out, const char *const *parts, size_t n)
{
    int rc = BZ_OK;
    for (size_t i = 0; i < n && rc == BZ_OK; i++) {
        rc = i % 2 ? esc(out, parts[i]) : bz_buf_puts(out, parts[i]);
    }
    return rc;
}
#define HTML_PARTS(out, ...)                                                                       \
    html_parts((out), (const char *const[]){__VA_ARGS__},                                          \
               sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

int api_share_head(bz_buf *out, const api_share_meta *m)
{
    int rc = HTML_PARTS(out, "<title>", m->title, "</title>\n");
    if (rc == BZ_OK) {
        rc = tag(out, "name", "description", m->description);
    }
    if (rc == BZ_OK && m->noindex) {
        rc = tag(out, "name", "robots", "noindex");
    }
    if (rc == BZ_OK && m->url) {
        rc = HTML_PARTS(out, "<link rel=\"canonical\" href=\"", m->url, "\">\n");
    }
    /* Open Graph, in this order; a NULL value leaves its tag out. */
    char width[16], height[16];
    snprintf(width, sizeof(width), "%d", m->image_width);
    snprintf(height, sizeof(height), "%d", m->image_height);
    const char *image = m->image;
    const struct {
        const char *key, *value;
    } props[] = {
        {"og:site_name", "Blytz"},
        {"og:type", m->og_type},
        {"og:title", m->og_title},
        {"og:description", m->description},
        {"og:url", m->url},
        {"og:image", image},
        {"og:image:width", image && m->image_width > 0 ? width : NULL},
        {"og:image:height", image && m->image_height > 0 ? height : NULL},
        {"og:image:alt", image ? m->image_alt : NULL},
        {"product:price:amount", m->price},
        {"product:price:currency", m->price ? "MYR" : NULL},
    };
    for (size_t i = 0; i < sizeof(props) / sizeof(props[0]) && rc == BZ_OK; i++) {
        rc = og(out, props[i].key, props[i].value);
    }
    if (rc == BZ_OK) {
        rc = tag(out, "name", "twitter:card", m->image ? "summary_large_image" : "summary");
    }
    return rc;
}

/* Our own page when there is no index.html: plain, valid HTML5, no script. */
static int minimal_page(bz_buf *out, const api_share_meta *m, const char *link,
                        const char *link_text)
{
    int rc = bz_buf_puts(out, "<!doctype html>\n<html lang=\"en\">\n<head>\n"
                              "<meta charset=\"utf-8\">\n"
                              "<meta name=\"viewport\" content=\"width=device-width, "
                              "initial-scale=1\">\n");
    if (rc == BZ_OK) {
        rc = api_share_head(out, m);
    }
    if (rc == BZ_OK) {
        rc = HTML_PARTS(out, "</head>\n<body>\n<main>\n<h1>", m->og_title, "</h1>\n<p>",
                        m->description, "</p>\n");
    }
    if (rc == BZ_OK && m->price) {
        rc = HTML_PARTS(out, "<p>RM ", m->price, "</p>\n");
    }
    if (rc == BZ_OK && m->image) {
        rc = HTML_PARTS(out, "<p><img src=\"", m->image, "\" alt=\"",
                        m->image_alt ? m->image_alt : "",
                        "\" style=\"max-width:100%;height:auto\"></p>\n");
    }
    if (rc == BZ_OK && link) {
        rc = HTML_PARTS(out, "<p><a href=\"", link, "\">", link_text ? link_text : link,
                        "</a></p>\n");
    }
    if (rc == BZ_OK) {
        rc = bz_buf_puts(out, "</main>\n</body>\n</html>\n");
    }
    return rc;
}

int api_share_page(bz_buf *out, const char *tpl, size_t tpl_len, size_t at, const api_share_meta *m,
                   const char *link, const char *link_text)
{
    if (!tpl) {
        return minimal_page(out, m, link, link_text);
    }
    if (at > tpl_len) {
        at = tpl_len;
    }
    int rc = bz_buf_append(out, tpl, at);
    if (rc == BZ_OK) {
        rc = api_share_head(out, m);
    }
    if (rc == BZ_OK) {
        rc = bz_buf_append(out, tpl + at, tpl_len - at);
    }
    return rc;
}

/* ---- base URL ---------------------------------------------------------------------- */

/* A host name or IPv4 address ([A-Za-z0-9.-], starting with a letter or digit, no empty
 * label) with an optional ":port" of 1-5 digits. */
static bool safe_host(const char *h)
{
    size_t n = 0;
    if (!h || !((h[0] >= 'a' && h[0] <= 'z') || (h[0] >= 'A' && h[0] <= 'Z') ||
                (h[0] >= '0' && h[0] <= '9'))) {
        return false;
    }
    for (; h[n] && h[n] != ':'; n++) {
        char c = h[n];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || (c == '.' && h[n - 1] != '.');
        if (!ok || n >= 253) {
            return false;
        }
    }
    if (h[n] == ':') {
        size_t digits = 0;
        for (n++; h[n]; n++, digits++) {
            if (h[n] < '0' || h[n] > '9' || digits >= 5) {
                return false;
            }
        }
        return digits > 0;
    }
    return true;
}

void api_share_base_url(const char *configured, const char *host, bool https, char *out,
                        size_t size)
{
    if (configured && *configured) {
        snprintf(out, size, "%s", configured);
    } else if (safe_host(host)) {
        snprintf(out, size, "%s://%s", https ? "https" : "http", host);
    } else {
        snprintf(out, size, "http://localhost:8080");
    }
    size_t n = strlen(out);
    while (n > 0 && out[n - 1] == '/') {
        out[--n] = '\0';
    }
}
