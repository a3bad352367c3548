/*
 * Share pages' text functions (api/share.h): HTML escaping of user input, description
 * clipping on UTF-8 boundaries, index.html template preparation and head injection, the
 * minimal page and the base URL.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/str.h"
#include "api/share.h"

/* ---- helpers ------------------------------------------------------------------------ */

static char got[65536];

static const char *escaped(const char *s, size_t len)
{
    bz_buf b;
    bz_buf_init(&b, 0);
    assert_int_equal(api_html_escape(&b, s, len), BZ_OK);
    snprintf(got, sizeof(got), "%s", b.data ? b.data : "");
    bz_buf_free(&b);
    return got;
}

static const char *clip(const char *s, size_t max_cp)
{
    bz_buf b;
    bz_buf_init(&b, 0);
    assert_int_equal(api_share_clip(&b, s, strlen(s), max_cp), BZ_OK);
    snprintf(got, sizeof(got), "%s", b.data ? b.data : "");
    bz_buf_free(&b);
    return got;
}

static const char *prepared(const char *html, size_t *at)
{
    bz_buf b;
    bz_buf_init(&b, 0);
    assert_int_equal(api_share_tpl_prepare(&b, html, strlen(html), at), BZ_OK);
    assert_true(*at <= b.len);
    snprintf(got, sizeof(got), "%s", b.data);
    bz_buf_free(&b);
    return got;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++) {
        n++;
    }
    return n;
}

static const api_share_meta product = {
    .title = "Kamera \"Yashica\" <script> | Blytz",
    .og_title = "\"><script>alert(1)</script>",
    .description = "Tom's & Jerry's camera",
    .og_type = "product",
    .url = "https://shop.example.my/p/42",
    .image = "https://shop.example.my/media/products/42/7-large.webp",
    .image_alt = "Kamera",
    .image_width = 1200,
    .image_height = 800,
    .price = "1234.50",
};

/* ---- escaping ----------------------------------------------------------------------- */

static void escape_markup_and_quotes(void **state)
{
    const char *hostile = "\"><script>alert('x')</script>";
    assert_string_equal(escaped(hostile, strlen(hostile)),
                        "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assert_string_equal(escaped("Tom & Jerry", 11), "Tom &amp; Jerry");
    assert_string_equal(escaped("&amp;", 5), "&amp;amp;");
    assert_string_equal(escaped("", 0), "");
    assert_string_equal(escaped("plain text", 10), "plain text");
}

static void escape_controls_and_utf8(void **state)
{
    static const struct {
        const char *in;
        size_t len;
        const char *want;
    } cases[] = {
        /* Multi-byte characters pass through untouched. */
        {"Caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80", 17,
         "Caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80"},
        /* NUL and other C0 controls become spaces; tab and newline stay. */
        {"a\0b\x01"
         "c\td\ne\x7f",
         10, "a b c\td\ne "},
        /* Invalid UTF-8: a lone continuation, a truncated sequence, an overlong, a surrogate. */
        {"x\x80y", 3, "x\xEF\xBF\xBDy"},
        {"x\xE6\x97", 3, "x\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"\xC0\xAF", 2, "\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"\xED\xA0\x80", 3, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        /* A '<' right after a broken sequence is still escaped. */
        {"\xE6<", 2, "\xEF\xBF\xBD&lt;"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_string_equal(escaped(cases[i].in, cases[i].len), cases[i].want);
    }
}

/* Random bytes: the output never holds markup characters and is always valid UTF-8. */
static void escape_random_bytes(void **state)
{
    uint32_t x = 2463534242u;
    char in[64];
    for (int round = 0; round < 20000; round++) {
        size_t n = (size_t)(round % 64);
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            in[i] = round % 3 ? (char)(x & 0xFF) : "<>\"'&\xC3\xA9\xF0\x9F\x98\x80\x80"[x % 12];
        }
        const char *out = escaped(in, n);
        size_t len = strlen(out);
        assert_true(bz_utf8_valid(out, len));
        assert_null(strpbrk(out, "<>\"'"));
        /* Clipping the same bytes never grows past the limit nor splits a character. */
        bz_buf b;
        bz_buf_init(&b, 0);
        assert_int_equal(api_share_clip(&b, in, n, 16), BZ_OK);
        assert_true(b.len <= 16 * 4);
        assert_true(n > 16 || b.len <= n);
        bz_buf_free(&b);
    }
}

/* ---- clipping ------------------------------------------------------------------------ */

static void clip_short_text_is_kept_and_tidied(void **state)
{
    assert_string_equal(clip("Sealed box.", 200), "Sealed box.");
    assert_string_equal(clip("  Line one\n\n\tline  two \r\n", 200), "Line one line two");
    assert_string_equal(clip("   ", 200), "");
    assert_string_equal(clip("", 200), "");
    assert_string_equal(clip("abc", 0), "");
}

static void clip_exactly_at_the_limit(void **state)
{
    char s[201];
    memset(s, 'a', 200);
    s[200] = '\0';
    assert_string_equal(clip(s, 200), s); /* 200 fits */
    char t[202];
    memset(t, 'a', 201);
    t[201] = '\0';
    const char *c = clip(t, 200); /* 201 does not: 199 + "…" */
    assert_int_equal(bz_utf8_len(c, strlen(c)), 200);
    assert_int_equal(strlen(c), 199 + 3);
    assert_string_equal(c + 199, "\xE2\x80\xA6");
}

static void clip_at_a_word_boundary(void **state)
{
    char s[1024] = "";
    for (int i = 0; i < 60; i++) {
        strcat(s, "kamera ");
    }
    const char *c = clip(s, 200);
    size_t n = strlen(c);
    assert_true(bz_utf8_len(c, n) <= 200);
    assert_string_equal(c + n - 3, "\xE2\x80\xA6");
    assert_memory_equal(c + n - 9, "kamera", 6); /* whole words only, no trailing space */
}

static void clip_never_splits_a_character(void **state)
{
    /* 300 CJK characters (3 bytes each) and 300 emoji (4 bytes), no spaces. */
    char s[2048] = "";
    for (int i = 0; i < 300; i++) {
        strcat(s, "\xE6\x97\xA5");
    }
    const char *c = clip(s, 200);
    assert_true(bz_utf8_valid(c, strlen(c)));
    assert_int_equal(bz_utf8_len(c, strlen(c)), 200);
    assert_int_equal(strlen(c), 199 * 3 + 3);

    s[0] = '\0';
    for (int i = 0; i < 300; i++) {
        strcat(s, "\xF0\x9F\x98\x80");
    }
    c = clip(s, 200);
    assert_true(bz_utf8_valid(c, strlen(c)));
    assert_int_equal(bz_utf8_len(c, strlen(c)), 200);

    /* Mixed widths, a cut right after a 2-byte character. */
    s[0] = '\0';
    for (int i = 0; i < 250; i++) {
        strcat(s, i % 2 ? "\xC3\xA9" : "e");
    }
    c = clip(s, 10);
    assert_string_equal(c, "e\xC3\xA9"
                           "e\xC3\xA9"
                           "e\xC3\xA9"
                           "e\xC3\xA9"
                           "e\xE2\x80\xA6");
}

/* ---- template preparation and injection ----------------------------------------------- */

static void tpl_replaces_title_and_share_tags(void **state)
{
    const char *html = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<title>Blytz</title>\n"
                       "<meta name=\"description\" content=\"old\">\n"
                       "<META PROPERTY='og:title' CONTENT='old'>\n"
                       "<meta name=\"twitter:card\" content=\"summary\">\n"
                       "<meta property=\"product:price:amount\" content=\"1\">\n"
                       "<link rel=\"canonical\" href=\"/\">\n"
                       "<link rel=\"icon\" href=\"/favicon.svg\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width\">\n"
                       "<script type=\"module\" src=\"/assets/index-abc.js\"></script>\n"
                       "</head>\n<body><div id=\"app\"></div></body>\n</html>\n";
    size_t at;
    const char *t = prepared(html, &at);
    /* What the page describes is dropped; what makes it the app stays. */
    static const char *const dropped[] = {"<title>", "old", "twitter:", "product:", "canonical"};
    static const char *const kept[] = {
        "<meta charset=\"utf-8\">",
        "<link rel=\"icon\" href=\"/favicon.svg\">",
        "<meta name=\"viewport\"",
        "<script type=\"module\" src=\"/assets/index-abc.js\"></script>",
        "<div id=\"app\"></div>",
    };
    for (size_t i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++) {
        assert_null(strstr(t, dropped[i]));
    }
    for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
        assert_non_null(strstr(t, kept[i]));
    }
    assert_string_equal(t + at, "</head>\n<body><div id=\"app\"></div></body>\n</html>\n");
    assert_null(strstr(t, "\n\n")); /* dropped lines leave no blank lines */
}

static void tpl_drops_whole_lines_and_keeps_indentation(void **state)
{
    const char *html = "<html>\n  <head>\n    <meta charset=\"UTF-8\" />\n"
                       "    <title>Blytz</title>\r\n"
                       "    <meta name=\"description\" content=\"x\" />\n"
                       "\n"
                       "    <link rel=\"icon\" href=\"/i.svg\" /><title>two</title> <b>\n"
                       "  </head>\n</html>\n";
    size_t at;
    const char *t = prepared(html, &at);
    assert_string_equal(t, "<html>\n  <head>\n    <meta charset=\"UTF-8\" />\n"
                           "\n"
                           "    <link rel=\"icon\" href=\"/i.svg\" /> <b>\n"
                           "  </head>\n</html>\n");
    assert_string_equal(t + at, "  </head>\n</html>\n");
}

static void tpl_leaves_scripts_comments_and_body_alone(void **state)
{
    const char *html = "<html><HEAD>\n"
                       "<!-- <title>in a comment</title> </head> -->\n"
                       "<script>var s = '</head><title>x</title>';</script>\n"
                       "<style>head > title { color: red }</style>\n"
                       "<header-x></header-x>\n"
                       "</Head><body><header><title>svg</title></header></body></html>";
    size_t at;
    const char *t = prepared(html, &at);
    assert_int_equal(strlen(t), strlen(html)); /* nothing to drop */
    assert_string_equal(t + at, "</Head><body><header><title>svg</title></header></body></html>");
}

static void tpl_without_head_or_end_tag(void **state)
{
    size_t at;
    /* No </head>: the block goes before <body>. */
    const char *t = prepared("<!doctype html><html><head><title>x</title><body>hi</body>", &at);
    assert_string_equal(t, "<!doctype html><html><head><body>hi</body>");
    assert_string_equal(t + at, "<body>hi</body>");
    /* No head at all: after <html>. */
    t = prepared("<!DOCTYPE html>\n<html lang=en><p>hi</p>", &at);
    assert_string_equal(t + at, "<p>hi</p>");
    /* Not HTML at all: at the start. */
    t = prepared("just text", &at);
    assert_int_equal(at, 0);
    assert_string_equal(t, "just text");
    /* Empty. */
    t = prepared("", &at);
    assert_int_equal(at, 0);
    /* An unterminated tag stops the scan without losing bytes. */
    t = prepared("<html><head><meta name=\"description", &at);
    assert_string_equal(t, "<html><head><meta name=\"description");
}

static void head_block_escapes_every_value(void **state)
{
    bz_buf b;
    bz_buf_init(&b, 0);
    assert_int_equal(api_share_head(&b, &product), BZ_OK);
    const char *h = b.data;
    assert_null(strstr(h, "<script>"));
    assert_non_null(
        strstr(h, "<title>Kamera &quot;Yashica&quot; &lt;script&gt; | Blytz</title>\n"));
    assert_non_null(strstr(h, "<meta property=\"og:title\" content=\"&quot;&gt;&lt;script&gt;"
                              "alert(1)&lt;/script&gt;\">\n"));
    assert_non_null(
        strstr(h, "<meta name=\"description\" content=\"Tom&#39;s &amp; Jerry&#39;s camera\">"));
    assert_non_null(strstr(h, "<meta property=\"og:description\" content=\"Tom&#39;s &amp; "
                              "Jerry&#39;s camera\">"));
    assert_non_null(strstr(h, "<meta property=\"og:type\" content=\"product\">"));
    assert_non_null(strstr(h, "<meta property=\"og:site_name\" content=\"Blytz\">"));
    assert_non_null(
        strstr(h, "<meta property=\"og:url\" content=\"https://shop.example.my/p/42\">"));
    assert_non_null(strstr(h, "<link rel=\"canonical\" href=\"https://shop.example.my/p/42\">"));
    assert_non_null(strstr(h,
                           "<meta property=\"og:image\" "
                           "content=\"https://shop.example.my/media/products/42/7-large.webp\">"));
    assert_non_null(strstr(h, "<meta property=\"og:image:width\" content=\"1200\">"));
    assert_non_null(strstr(h, "<meta property=\"og:image:height\" content=\"800\">"));
    assert_non_null(strstr(h, "<meta property=\"product:price:amount\" content=\"1234.50\">"));
    assert_non_null(strstr(h, "<meta property=\"product:price:currency\" content=\"MYR\">"));
    assert_non_null(strstr(h, "<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert_null(strstr(h, "robots"));
    bz_buf_free(&b);

    api_share_meta bare = {.title = "Not found | Blytz",
                           .og_title = "Not found",
                           .description = "This show is not on Blytz.",
                           .og_type = "website",
                           .noindex = true};
    bz_buf_init(&b, 0);
    assert_int_equal(api_share_head(&b, &bare), BZ_OK);
    assert_non_null(strstr(b.data, "<meta name=\"twitter:card\" content=\"summary\">"));
    assert_non_null(strstr(b.data, "<meta name=\"robots\" content=\"noindex\">"));
    assert_null(strstr(b.data, "og:image"));
    assert_null(strstr(b.data, "og:url"));
    assert_null(strstr(b.data, "canonical"));
    assert_null(strstr(b.data, "product:"));
    bz_buf_free(&b);
}

static void page_injects_into_the_template(void **state)
{
    const char *html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Blytz</title>"
                       "</head><body><div id=\"app\"></div></body></html>";
    bz_buf tpl;
    size_t at;
    bz_buf_init(&tpl, 0);
    assert_int_equal(api_share_tpl_prepare(&tpl, html, strlen(html), &at), BZ_OK);
    bz_buf b;
    bz_buf_init(&b, 0);
    assert_int_equal(api_share_page(&b, tpl.data, tpl.len, at, &product, NULL, NULL), BZ_OK);
    const char *p = b.data;
    assert_int_equal(count(p, "<title>"), 1);
    assert_int_equal(count(p, "<head>"), 1);
    assert_int_equal(count(p, "</head>"), 1);
    const char *title = strstr(p, "<title>"), *end = strstr(p, "</head>");
    assert_true(strstr(p, "<meta charset=\"utf-8\">") < title);
    assert_true(title < end);
    assert_true(strstr(p, "twitter:card") < end);
    assert_non_null(strstr(p, "</head><body><div id=\"app\"></div></body></html>"));
    bz_buf_free(&b);
    bz_buf_free(&tpl);
}

static void minimal_page_without_a_template(void **state)
{
    bz_buf b;
    bz_buf_init(&b, 0);
    assert_int_equal(api_share_page(&b, NULL, 0, 0, &product,
                                    "https://shop.example.my/api/v1/products/42", "Details"),
                     BZ_OK);
    const char *p = b.data;
    assert_int_equal(
        strncmp(p, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">", 62), 0);
    assert_int_equal(count(p, "<title>"), 1);
    assert_non_null(strstr(p, "<meta property=\"og:type\" content=\"product\">"));
    assert_non_null(strstr(p, "<h1>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
    assert_non_null(
        strstr(p, "<a href=\"https://shop.example.my/api/v1/products/42\">Details</a>"));
    assert_non_null(
        strstr(p, "<img src=\"https://shop.example.my/media/products/42/7-large.webp\""));
    assert_null(strstr(p, "<script"));
    assert_true(strstr(p, "</head>\n<body>") != NULL);
    assert_string_equal(p + strlen(p) - 16, "</body>\n</html>\n");
    bz_buf_free(&b);
}

/* ---- base URL ------------------------------------------------------------------------- */

static const char *base(const char *configured, const char *host, bool https)
{
    api_share_base_url(configured, host, https, got, sizeof(got));
    return got;
}

static void base_url_configured_or_safe_host(void **state)
{
    assert_string_equal(base("https://shop.example.my/", "evil.example", false),
                        "https://shop.example.my");
    assert_string_equal(base("https://shop.example.my/blytz", NULL, false),
                        "https://shop.example.my/blytz");
    assert_string_equal(base("", "shop.example.my", false), "http://shop.example.my");
    assert_string_equal(base(NULL, "shop.example.my:8443", true), "https://shop.example.my:8443");
    assert_string_equal(base(NULL, "127.0.0.1:8080", false), "http://127.0.0.1:8080");
    assert_string_equal(base(NULL, "localhost", false), "http://localhost");
    const char *unsafe[] = {NULL,
                            "",
                            "evil\"host",
                            "a b",
                            "x.example/path",
                            "x.example?q",
                            "user@x.example",
                            "a..b",
                            "-x.example",
                            ".x.example",
                            "x.example:",
                            "x.example:123456",
                            "x.example:80:80",
                            "[::1]:8080",
                            "x.example\r\nSet-Cookie: a=b",
                            "<script>"};
    for (size_t i = 0; i < sizeof(unsafe) / sizeof(unsafe[0]); i++) {
        assert_string_equal(base(NULL, unsafe[i], false), "http://localhost:8080");
    }
    char long_host[300];
    memset(long_host, 'a', sizeof(long_host) - 1);
    long_host[sizeof(long_host) - 1] = '\0';
    assert_string_equal(base(NULL, long_host, false), "http://localhost:8080");
}

UNIT_MAIN(cmocka_unit_test(escape_markup_and_quotes), cmocka_unit_test(escape_controls_and_utf8),
          cmocka_unit_test(escape_random_bytes),
          cmocka_unit_test(clip_short_text_is_kept_and_tidied),
          cmocka_unit_test(clip_exactly_at_the_limit), cmocka_unit_test(clip_at_a_word_boundary),
          cmocka_unit_test(clip_never_splits_a_character),
          cmocka_unit_test(tpl_replaces_title_and_share_tags),
          cmocka_unit_test(tpl_drops_whole_lines_and_keeps_indentation),
          cmocka_unit_test(tpl_leaves_scripts_comments_and_body_alone),
          cmocka_unit_test(tpl_without_head_or_end_tag),
          cmocka_unit_test(head_block_escapes_every_value),
          cmocka_unit_test(page_injects_into_the_template),
          cmocka_unit_test(minimal_page_without_a_template),
          cmocka_unit_test(base_url_configured_or_safe_host))
