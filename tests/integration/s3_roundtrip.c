/*
 * s3_roundtrip - drives blob_s3 against a live S3-compatible endpoint for
 * tests/integration/s3.test.mjs:
 *
 *   S3_ACCESS_KEY_ID=... S3_SECRET_ACCESS_KEY=... s3_roundtrip ENDPOINT BUCKET PREFIX
 *
 * (credentials from the environment so they never show in `ps`). It PUTs,
 * GETs and DELETEs PREFIX/scratch.bin (binary, 200 KB), checks the size cap
 * of GET and the not-found paths, leaves PREFIX/kept.txt in place and prints
 *   kept=<key>
 *   presigned=<URL for kept.txt>
 * for the test to check with the AWS SDK and plain fetch(). Exit 0 = pass.
 */
#include "base/err.h"
#include "integrations/blob/blob_open.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define KEPT_TEXT "hello from blytz\n"

static int failures;

static void expect(int got, int want, const char *what)
{
    if (got != want) {
        fprintf(stderr, "s3_roundtrip: %s: got %d (%s), want %d\n", what, got, bz_err_code(got),
                want);
        failures++;
    }
}

static blob *open_store(const char *endpoint, const char *bucket, const char *extra)
{
    char url[1024];
    snprintf(url, sizeof(url), "s3://%s?endpoint=%s&region=auto&timeout_ms=10000%s", bucket,
             endpoint, extra);
    blob *b = NULL;
    char why[200];
    int rc = blob_open_url(url, getenv("S3_ACCESS_KEY_ID"), getenv("S3_SECRET_ACCESS_KEY"), &b, why,
                           sizeof(why));
    if (rc) {
        fprintf(stderr, "s3_roundtrip: open: %s\n", why);
    }
    expect(rc, BZ_OK, "open");
    return rc ? NULL : b;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: s3_roundtrip ENDPOINT BUCKET PREFIX\n");
        return 2;
    }
    const char *endpoint = argv[1], *bucket = argv[2], *prefix = argv[3];
    blob *b = open_store(endpoint, bucket, "");
    blob *capped = open_store(endpoint, bucket, "&max_get_bytes=1000");
    if (!b || !capped) {
        return 1;
    }
    char scratch[256], kept[256], missing[256];
    snprintf(scratch, sizeof(scratch), "%s/scratch.bin", prefix);
    snprintf(kept, sizeof(kept), "%s/kept.txt", prefix);
    snprintf(missing, sizeof(missing), "%s/missing", prefix);

    size_t len = 200 * 1000;
    unsigned char *data = malloc(len);
    for (size_t i = 0; i < len; i++) {
        data[i] = (unsigned char)(i * 131 + (i >> 8)); /* every byte value, NULs included */
    }
    expect(b->ops->put(b, scratch, data, len, "application/octet-stream"), BZ_OK, "put scratch");
    void *got = NULL;
    size_t got_len = 0;
    expect(b->ops->get(b, scratch, &got, &got_len), BZ_OK, "get scratch");
    if (got && (got_len != len || memcmp(got, data, len) != 0)) {
        fprintf(stderr, "s3_roundtrip: scratch came back different (%zu bytes)\n", got_len);
        failures++;
    }
    free(got);
    got = NULL;
    expect(capped->ops->get(capped, scratch, &got, &got_len), BZ_ETOOLARGE, "capped get");
    free(got);
    got = NULL;
    expect(b->ops->put(b, scratch, "v2", 2, NULL), BZ_OK, "overwrite scratch");
    expect(b->ops->get(b, scratch, &got, &got_len), BZ_OK, "get overwritten");
    if (got && (got_len != 2 || memcmp(got, "v2", 2) != 0)) {
        fprintf(stderr, "s3_roundtrip: overwrite not visible\n");
        failures++;
    }
    free(got);
    got = NULL;
    expect(b->ops->del(b, scratch), BZ_OK, "delete scratch");
    expect(b->ops->get(b, scratch, &got, &got_len), BZ_ENOTFOUND, "get deleted");
    expect(b->ops->del(b, scratch), BZ_OK, "delete again");
    expect(b->ops->get(b, missing, &got, &got_len), BZ_ENOTFOUND, "get missing");

    expect(b->ops->put(b, kept, KEPT_TEXT, strlen(KEPT_TEXT), "text/plain"), BZ_OK, "put kept");
    char url[2048];
    expect(b->ops->url(b, kept, (int64_t)time(NULL) * 1000, 600, url, sizeof(url)), BZ_OK,
           "presign");
    printf("kept=%s\npresigned=%s\n", kept, url);

    free(data);
    b->ops->close(b);
    capped->ops->close(capped);
    return failures ? 1 : 0;
}
