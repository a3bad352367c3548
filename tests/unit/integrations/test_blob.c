/*
 * Blob adapters without a network: key rule, the local directory store
 * (put/get/del/url, atomic replace, refusals), BLYTZ_BLOB parsing and the
 * S3 adapter's configuration checks and URL forms.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"
#include "integrations/blob/blob_key.h"
#include "integrations/blob/blob_local.h"
#include "integrations/blob/blob_s3.h"
#include "integrations/blob/blob_open.h"

static void key_rule(void **state)
{
    assert_true(blob_key_valid("products/123/456-large.webp"));
    assert_true(blob_key_valid("a"));
    assert_true(blob_key_valid("A_b-c.d/e"));
    assert_false(blob_key_valid(NULL));
    assert_false(blob_key_valid(""));
    assert_false(blob_key_valid("/abs"));
    assert_false(blob_key_valid("a/../b"));
    assert_false(blob_key_valid("a..b"));
    assert_false(blob_key_valid(".hidden"));
    assert_false(blob_key_valid("a/.tmp-x"));
    assert_false(blob_key_valid("a//b"));
    assert_false(blob_key_valid("a/"));
    assert_false(blob_key_valid("a b"));
    assert_false(blob_key_valid("a\\b"));
    assert_false(blob_key_valid("caf\xc3\xa9"));
    char longkey[BLOB_KEY_MAX + 2];
    memset(longkey, 'k', sizeof(longkey));
    longkey[BLOB_KEY_MAX] = '\0';
    assert_true(blob_key_valid(longkey));
    longkey[BLOB_KEY_MAX] = 'k';
    longkey[BLOB_KEY_MAX + 1] = '\0';
    assert_false(blob_key_valid(longkey));
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        n += e->d_name[0] != '.' || strncmp(e->d_name, ".tmp-", 5) == 0;
    }
    if (d) {
        closedir(d);
    }
    return n;
}

static void local_roundtrip(void **state)
{
    char root[] = "/tmp/blytz-blob-XXXXXX";
    assert_non_null(mkdtemp(root));
    char dir[128];
    snprintf(dir, sizeof(dir), "%s/media/", root); /* created on open; trailing '/' ok */
    blob *b = NULL;
    assert_int_equal(blob_local_open(dir, &b), BZ_OK);

    const char *key = "products/1/2-large.webp";
    assert_int_equal(b->ops->put(b, key, "first", 5, "image/webp"), BZ_OK);
    assert_int_equal(b->ops->put(b, key, "second!", 7, "image/webp"), BZ_OK); /* replaces */
    void *data = NULL;
    size_t len = 0;
    assert_int_equal(b->ops->get(b, key, &data, &len), BZ_OK);
    assert_int_equal(len, 7);
    assert_memory_equal(data, "second!", 7);
    free(data);

    char path[256];
    snprintf(path, sizeof(path), "%s/media/products/1", root);
    assert_int_equal(count_entries(path), 1); /* no temporary file left behind */
    struct stat st;
    snprintf(path, sizeof(path), "%s/media/%s", root, key);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);

    assert_int_equal(b->ops->put(b, "empty", "", 0, NULL), BZ_OK);
    assert_int_equal(b->ops->get(b, "empty", &data, &len), BZ_OK);
    assert_int_equal(len, 0);
    free(data);

    char url[64];
    assert_int_equal(b->ops->url(b, key, 0, 60, url, sizeof(url)), BZ_OK);
    assert_string_equal(url, "/media/products/1/2-large.webp");
    assert_int_equal(b->ops->url(b, key, 0, 60, url, 10), BZ_EINTERNAL);

    assert_int_equal(b->ops->del(b, key), BZ_OK);
    assert_int_equal(b->ops->get(b, key, &data, &len), BZ_ENOTFOUND);
    assert_int_equal(b->ops->del(b, key), BZ_OK); /* missing is fine */
    assert_int_equal(b->ops->get(b, "nope/x", &data, &len), BZ_ENOTFOUND);
    assert_int_equal(b->ops->get(b, "empty/x", &data, &len), BZ_ENOTFOUND); /* file as dir */

    assert_int_equal(b->ops->put(b, "../escape", "x", 1, NULL), BZ_EVALIDATION);
    assert_int_equal(b->ops->get(b, "/etc/passwd", &data, &len), BZ_EVALIDATION);
    assert_int_equal(b->ops->del(b, "a/../../x"), BZ_EVALIDATION);
    assert_int_equal(b->ops->url(b, "a b", 0, 60, url, sizeof(url)), BZ_EVALIDATION);
    b->ops->close(b);

    char cmd[160];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

static void local_open_errors(void **state)
{
    blob *b = NULL;
    assert_int_equal(blob_local_open("", &b), BZ_EVALIDATION);
    assert_int_equal(blob_local_open("/proc/version/x", &b), BZ_EUNAVAILABLE);
}

static void url_parsing(void **state)
{
    blob_s3_config c;
    char why[200];
    assert_int_equal(blob_s3_parse_url("s3://media?endpoint=http%3A%2F%2F127.0.0.1%3A4569"
                                       "&region=us-east-1&timeout_ms=2000",
                                       "AK", "SK", &c, NULL, 0),
                     BZ_OK);
    assert_string_equal(c.bucket, "media");
    assert_string_equal(c.endpoint, "http://127.0.0.1:4569");
    assert_string_equal(c.region, "us-east-1");
    assert_string_equal(c.access_key_id, "AK");
    assert_string_equal(c.secret_access_key, "SK");
    assert_int_equal(c.timeout_ms, 2000);

    assert_int_equal(blob_s3_parse_url("s3://media/?endpoint=https://acct.r2.cloudflarestorage.com"
                                       "&public_url=https://img.example.com",
                                       NULL, NULL, &c, NULL, 0),
                     BZ_OK);
    assert_string_equal(c.endpoint, "https://acct.r2.cloudflarestorage.com");
    assert_string_equal(c.public_base_url, "https://img.example.com");
    assert_string_equal(c.region, ""); /* blob_s3_open makes it "auto" */

    assert_int_equal(blob_s3_parse_url("s3://media?region=eu-west-1", "a", "b", &c, NULL, 0),
                     BZ_OK);
    assert_string_equal(c.endpoint, "https://s3.eu-west-1.amazonaws.com");

    assert_int_equal(blob_s3_parse_url("s3://media", "a", "b", &c, NULL, 0), BZ_EVALIDATION);
    assert_int_equal(blob_s3_parse_url("s3://media?region=auto", "a", "b", &c, NULL, 0),
                     BZ_EVALIDATION);
    assert_int_equal(
        blob_s3_parse_url("s3://media?endpont=http://x", "a", "b", &c, why, sizeof(why)),
        BZ_EVALIDATION);
    assert_string_equal(why, "bad or unknown parameter \"endpont\"");
    assert_int_equal(
        blob_s3_parse_url("s3://media/prefix?endpoint=http://x", "a", "b", &c, NULL, 0),
        BZ_EVALIDATION);
    assert_int_equal(blob_s3_parse_url("s3://media?endpoint=%zz", "a", "b", &c, NULL, 0),
                     BZ_EVALIDATION);
    assert_int_equal(blob_s3_parse_url("s3://media?endpoint", "a", "b", &c, NULL, 0),
                     BZ_EVALIDATION);
    assert_int_equal(
        blob_s3_parse_url("s3://media?timeout_ms=-1&endpoint=http://x", "a", "b", &c, NULL, 0),
        BZ_EVALIDATION);
    assert_int_equal(blob_s3_parse_url("http://media", "a", "b", &c, NULL, 0), BZ_EVALIDATION);

    blob *b = NULL;
    assert_int_equal(blob_open_url("ftp://x", NULL, NULL, &b, why, sizeof(why)), BZ_EVALIDATION);
    assert_non_null(strstr(why, "file:DIR"));
    assert_int_equal(
        blob_open_url("s3://media?endpoint=http://127.0.0.1:1", NULL, NULL, &b, why, sizeof(why)),
        BZ_EVALIDATION); /* no credentials */
    assert_int_equal(
        blob_open_url("s3://media?endpoint=http://127.0.0.1:1", "AK", "SK", &b, why, sizeof(why)),
        BZ_OK);
    b->ops->close(b);

    char root[] = "/tmp/blytz-blob-XXXXXX";
    assert_non_null(mkdtemp(root));
    char url[64];
    snprintf(url, sizeof(url), "file:%s", root);
    assert_int_equal(blob_open_url(url, NULL, NULL, &b, why, sizeof(why)), BZ_OK);
    assert_int_equal(b->ops->url(b, "k", 0, 1, url, sizeof(url)), BZ_OK);
    assert_string_equal(url, "/media/k");
    b->ops->close(b);
    rmdir(root);
}

static blob_s3_config s3_config(const char *endpoint, const char *bucket)
{
    blob_s3_config c;
    memset(&c, 0, sizeof(c));
    snprintf(c.endpoint, sizeof(c.endpoint), "%s", endpoint);
    snprintf(c.bucket, sizeof(c.bucket), "%s", bucket);
    snprintf(c.access_key_id, sizeof(c.access_key_id), "AKID");
    snprintf(c.secret_access_key, sizeof(c.secret_access_key), "secret");
    return c;
}

static void s3_config_checks(void **state)
{
    blob *b = NULL;
    const char *bad_endpoints[] = {"127.0.0.1:4569", "ftp://h",    "http://",   "http://h/path",
                                   "http://u@h",     "http://h?x", "http://h h"};
    for (size_t i = 0; i < sizeof(bad_endpoints) / sizeof(bad_endpoints[0]); i++) {
        blob_s3_config c = s3_config(bad_endpoints[i], "media");
        assert_int_equal(blob_s3_open(&c, &b), BZ_EVALIDATION);
    }
    const char *bad_buckets[] = {"", "ab", "Media", "me_dia", "a/b"};
    for (size_t i = 0; i < sizeof(bad_buckets) / sizeof(bad_buckets[0]); i++) {
        blob_s3_config c = s3_config("http://h", bad_buckets[i]);
        assert_int_equal(blob_s3_open(&c, &b), BZ_EVALIDATION);
    }
}

static void s3_urls(void **state)
{
    blob *b = NULL;
    blob_s3_config c = s3_config("https://acct.r2.cloudflarestorage.com:443/", "media");
    assert_int_equal(blob_s3_open(&c, &b), BZ_OK);
    char url[1024], again[1024];
    const int64_t now_ms = 1700000000123LL;
    assert_int_equal(b->ops->url(b, "p/1.webp", now_ms, 3600, url, sizeof(url)), BZ_OK);
    /* Path-style on the endpoint, region "auto", default port dropped from the signed host. */
    const char *prefix = "https://acct.r2.cloudflarestorage.com:443/media/p/1.webp?"
                         "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20231114%2F"
                         "auto%2Fs3%2Faws4_request&X-Amz-Date=20231114T220000Z&X-Amz-Expires=7200"
                         "&X-Amz-SignedHeaders=host&X-Amz-Signature=";
    assert_memory_equal(url, prefix, strlen(prefix));
    assert_int_equal(strlen(url), strlen(prefix) + 64);
    /* Same window, same URL: cacheable by browsers and CDNs. */
    assert_int_equal(b->ops->url(b, "p/1.webp", now_ms + 1000000, 3600, again, sizeof(again)),
                     BZ_OK);
    assert_string_equal(url, again);
    /* A week-long TTL cannot span two windows: signed from now. */
    assert_int_equal(b->ops->url(b, "p/1.webp", now_ms, 604800, url, sizeof(url)), BZ_OK);
    assert_non_null(strstr(url, "X-Amz-Date=20231114T221320Z&X-Amz-Expires=604800&"));
    assert_int_equal(b->ops->url(b, "p/1.webp", now_ms, 604801, url, sizeof(url)), BZ_EVALIDATION);
    assert_int_equal(b->ops->url(b, "p/1.webp", now_ms, 3600, url, 40), BZ_EINTERNAL);
    assert_int_equal(b->ops->url(b, "../x", now_ms, 3600, url, sizeof(url)), BZ_EVALIDATION);
    b->ops->close(b);

    c = s3_config("http://127.0.0.1:4569", "media");
    snprintf(c.public_base_url, sizeof(c.public_base_url), "https://img.example.com/");
    assert_int_equal(blob_s3_open(&c, &b), BZ_OK);
    assert_int_equal(b->ops->url(b, "p/1.webp", now_ms, 3600, url, sizeof(url)), BZ_OK);
    assert_string_equal(url, "https://img.example.com/p/1.webp");
    b->ops->close(b);
}

static void s3_unreachable(void **state)
{
    blob *b = NULL;
    blob_s3_config c = s3_config("http://127.0.0.1:1", "media"); /* nothing listens on port 1 */
    c.connect_timeout_ms = 500;
    c.timeout_ms = 1000;
    assert_int_equal(blob_s3_open(&c, &b), BZ_OK);
    void *data = NULL;
    size_t len = 0;
    assert_int_equal(b->ops->put(b, "k", "x", 1, NULL), BZ_EUNAVAILABLE);
    assert_int_equal(b->ops->get(b, "k", &data, &len), BZ_EUNAVAILABLE);
    assert_int_equal(b->ops->del(b, "k"), BZ_EUNAVAILABLE);
    assert_int_equal(b->ops->put(b, "bad key", "x", 1, NULL), BZ_EVALIDATION);
    b->ops->close(b);
}

UNIT_MAIN(cmocka_unit_test(key_rule), cmocka_unit_test(local_roundtrip),
          cmocka_unit_test(local_open_errors), cmocka_unit_test(url_parsing),
          cmocka_unit_test(s3_config_checks), cmocka_unit_test(s3_urls),
          cmocka_unit_test(s3_unreachable))
