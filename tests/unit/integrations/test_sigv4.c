/*
 * SigV4 against the official vectors of docs (integrations.md section 4.3):
 * the AWS test suite's get-vanilla (header and query forms) and the two S3
 * documentation examples, byte for byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>
#include <time.h>

#include "base/err.h"
#include "base/str.h"
#include "integrations/blob/sigv4.h"

#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static const sigv4_key vanilla_key = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                      "us-east-1", "service"};
static const sigv4_key s3_key = {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                 "us-east-1", "s3"};

static int64_t utc(int y, int mo, int d, int h, int mi, int s)
{
    struct tm tm = {.tm_year = y - 1900,
                    .tm_mon = mo - 1,
                    .tm_mday = d,
                    .tm_hour = h,
                    .tm_min = mi,
                    .tm_sec = s};
    return (int64_t)timegm(&tm);
}

static void amz_date_format(void **state)
{
    char d[SIGV4_AMZ_DATE_LEN];
    sigv4_amz_date(utc(2015, 8, 30, 12, 36, 0), d);
    assert_string_equal(d, "20150830T123600Z");
}

/* The day's signing key of `k` is `want` (hex). */
static void signing_key_is(const sigv4_key *k, const char *datestamp, const char *want)
{
    unsigned char key[32];
    char hex[65];
    assert_int_equal(sigv4_signing_key(k, datestamp, key), BZ_OK);
    bz_hex_encode(key, 32, hex);
    assert_string_equal(hex, want);
}

static void get_vanilla_header(void **state)
{
    const int64_t t = utc(2015, 8, 30, 12, 36, 0);
    const sigv4_pair headers[] = {{"Host", "example.amazonaws.com"},
                                  {"X-Amz-Date", "20150830T123600Z"}};
    const sigv4_request r = {.method = "GET",
                             .path = "/",
                             .headers = headers,
                             .nheaders = 2,
                             .payload_hash = EMPTY_SHA256};
    bz_buf creq;
    bz_buf_init(&creq, 0);
    assert_int_equal(sigv4_canonical_request(&r, &creq), BZ_OK);
    assert_string_equal(creq.data, "GET\n/\n\nhost:example.amazonaws.com\n"
                                   "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" EMPTY_SHA256);
    bz_buf_free(&creq);

    signing_key_is(&vanilla_key, "20150830",
                   "938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75");

    sigv4_signature sig;
    assert_int_equal(sigv4_sign(&vanilla_key, t, &r, &sig), BZ_OK);
    assert_string_equal(sig.canonical_request_hash,
                        "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
    assert_string_equal(sig.scope, "20150830/us-east-1/service/aws4_request");
    assert_string_equal(sig.signed_headers, "host;x-amz-date");
    assert_string_equal(sig.signature,
                        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

    bz_buf auth;
    bz_buf_init(&auth, 0);
    assert_int_equal(sigv4_authorization(&vanilla_key, &sig, &auth), BZ_OK);
    assert_string_equal(
        auth.data, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                   "aws4_request, SignedHeaders=host;x-amz-date, "
                   "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    bz_buf_free(&auth);
}

static void get_vanilla_query(void **state)
{
    const int64_t t = utc(2015, 8, 30, 12, 36, 0);
    bz_buf q;
    bz_buf_init(&q, 0);
    sigv4_signature sig;
    assert_int_equal(sigv4_presign(&vanilla_key, t, 3600, "GET", "example.amazonaws.com", "/",
                                   EMPTY_SHA256, &q, &sig),
                     BZ_OK);
    assert_string_equal(sig.canonical_request_hash,
                        "bb7705b4aa3cb8e8f5e1e0b3d4c0b64030797a313c8ceee43e33117cc43eadc5");
    assert_string_equal(sig.signature,
                        "e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d");
    assert_string_equal(
        q.data, "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2F"
                "us-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600"
                "&X-Amz-SignedHeaders=host&X-Amz-Signature="
                "e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d");
    bz_buf_free(&q);
}

static void s3_presigned_get(void **state)
{
    const int64_t t = utc(2013, 5, 24, 0, 0, 0);
    signing_key_is(&s3_key, "20130524",
                   "dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378");

    bz_buf q;
    bz_buf_init(&q, 0);
    sigv4_signature sig;
    assert_int_equal(sigv4_presign(&s3_key, t, 86400, "GET", "examplebucket.s3.amazonaws.com",
                                   "/test.txt", SIGV4_UNSIGNED_PAYLOAD, &q, &sig),
                     BZ_OK);
    assert_string_equal(sig.canonical_request_hash,
                        "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");
    assert_string_equal(sig.signature,
                        "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    assert_non_null(strstr(q.data, "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f99533"));
    bz_buf_free(&q);
}

static void s3_header_get_range(void **state)
{
    const int64_t t = utc(2013, 5, 24, 0, 0, 0);
    /* Deliberately unsorted, mixed case and padded: canonicalisation must fix all three. */
    const sigv4_pair headers[] = {
        {"x-amz-date", "20130524T000000Z"},
        {"Range", "  bytes=0-9 "},
        {"x-amz-content-sha256", EMPTY_SHA256},
        {"Host", "examplebucket.s3.amazonaws.com"},
    };
    const sigv4_request r = {.method = "GET",
                             .path = "/test.txt",
                             .headers = headers,
                             .nheaders = 4,
                             .payload_hash = EMPTY_SHA256};
    sigv4_signature sig;
    assert_int_equal(sigv4_sign(&s3_key, t, &r, &sig), BZ_OK);
    assert_string_equal(sig.signed_headers, "host;range;x-amz-content-sha256;x-amz-date");
    assert_string_equal(sig.canonical_request_hash,
                        "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
    assert_string_equal(sig.signature,
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

static void canonical_query_and_path(void **state)
{
    const sigv4_pair query[] = {{"b", "x y"}, {"a", "2/3"}, {"a", "1"}, {"empty", NULL}};
    const sigv4_pair headers[] = {{"host", "h"}, {"x-amz-meta", "a   b\t c"}};
    const sigv4_request r = {.method = "PUT",
                             .path = "/bucket/dir/a b+c~.txt",
                             .query = query,
                             .nquery = 4,
                             .headers = headers,
                             .nheaders = 2,
                             .payload_hash = "UNSIGNED-PAYLOAD"};
    bz_buf creq;
    bz_buf_init(&creq, 0);
    assert_int_equal(sigv4_canonical_request(&r, &creq), BZ_OK);
    assert_string_equal(creq.data, "PUT\n/bucket/dir/a%20b%2Bc~.txt\na=1&a=2%2F3&b=x%20y&empty=\n"
                                   "host:h\nx-amz-meta:a b c\n\nhost;x-amz-meta\nUNSIGNED-PAYLOAD");
    bz_buf_free(&creq);
}

static void refuses_bad_input(void **state)
{
    bz_buf q;
    bz_buf_init(&q, 0);
    assert_int_equal(
        sigv4_presign(&s3_key, 0, 604801, "GET", "h", "/k", "UNSIGNED-PAYLOAD", &q, NULL),
        BZ_EVALIDATION);
    assert_int_equal(sigv4_presign(&s3_key, 0, 0, "GET", "h", "/k", "UNSIGNED-PAYLOAD", &q, NULL),
                     BZ_EVALIDATION);
    const sigv4_request no_headers = {.method = "GET", .path = "/", .payload_hash = "x"};
    assert_int_equal(sigv4_canonical_request(&no_headers, &q), BZ_EVALIDATION);
    bz_buf_free(&q);
}

static void sha256_hex(void **state)
{
    char hex[SIGV4_HEX_LEN];
    assert_int_equal(sigv4_sha256_hex("", 0, hex), BZ_OK);
    assert_string_equal(hex, EMPTY_SHA256);
}

UNIT_MAIN(cmocka_unit_test(amz_date_format), cmocka_unit_test(get_vanilla_header),
          cmocka_unit_test(get_vanilla_query), cmocka_unit_test(s3_presigned_get),
          cmocka_unit_test(s3_header_get_range), cmocka_unit_test(canonical_query_and_path),
          cmocka_unit_test(refuses_bad_input), cmocka_unit_test(sha256_hex))
