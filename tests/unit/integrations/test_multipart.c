/*
 * multipart/form-data parser: boundaries from Content-Type, parts and their
 * headers, slices into the body, and every malformed shape it must refuse.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "http/multipart.h"

#define CT "multipart/form-data; boundary=XyZ"

static int parse(const char *ct, const char *body, multipart_part *parts, size_t cap, size_t *n)
{
    return multipart_parse(ct, strlen(ct), body, strlen(body), NULL, parts, cap, n);
}

static void slice_is(const char *p, size_t len, const char *want)
{
    assert_non_null(p);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(p, want, len);
}

static void boundary_forms(void **state)
{
    const char *b;
    size_t len;
    const char *ct = "Multipart/Form-Data ; charset=utf-8; BOUNDARY=\"a b'()+_,-./:=?\"";
    assert_int_equal(multipart_boundary(ct, strlen(ct), &b, &len), BZ_OK);
    slice_is(b, len, "a b'()+_,-./:=?");
    ct = "multipart/form-data;boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW";
    assert_int_equal(multipart_boundary(ct, strlen(ct), &b, &len), BZ_OK);
    slice_is(b, len, "----WebKitFormBoundary7MA4YWxkTrZu0gW");

    const char *media[] = {"image/png", "multipart/mixed; boundary=x", "", "multipart/form-datax"};
    for (size_t i = 0; i < sizeof(media) / sizeof(media[0]); i++) {
        assert_int_equal(multipart_boundary(media[i], strlen(media[i]), &b, &len), BZ_EMEDIATYPE);
    }
    assert_int_equal(multipart_boundary(NULL, 0, &b, &len), BZ_EMEDIATYPE);
    char long_ok[128], too_long[128];
    snprintf(long_ok, sizeof(long_ok), "multipart/form-data; boundary=%070d", 7);
    snprintf(too_long, sizeof(too_long), "multipart/form-data; boundary=%071d", 7);
    const char *bad[] = {
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=\"\"",
        "multipart/form-data; boundary=\"ends in space \"",
        "multipart/form-data; boundary=a; boundary=b",
        "multipart/form-data; boundary=\"a\\\"b\"",
        "multipart/form-data; boundary=\"unterminated",
        "multipart/form-data; boundary=a{b",
        "multipart/form-data; boundary",
        "multipart/form-data garbage",
        too_long,
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(multipart_boundary(bad[i], strlen(bad[i]), &b, &len), BZ_EBADREQUEST);
    }
    assert_int_equal(multipart_boundary(long_ok, strlen(long_ok), &b, &len), BZ_OK);
    assert_int_equal(len, 70);
}

static void typical_upload(void **state)
{
    const char *body =
        "preamble to ignore\r\n"
        "--XyZ\r\n"
        "Content-Disposition: form-data; name=\"title\"\r\n"
        "\r\n"
        "Red shoes\r\n"
        "--XyZ  \r\n" /* transport padding */
        "content-disposition: form-data; filename=\"a \\\"b\\\".jpg\"; name=image\r\n"
        "Content-Type:  image/jpeg \r\n"
        "X-Other: ignored\r\n"
        "\r\n"
        "\xff\xd8\r\n--XyZnot-a-delimiter-because-no-crlf?\r\n"
        "--XyZ\r\n"
        "Content-Disposition: form-data; name=\"empty\"\r\n"
        "\r\n"
        "\r\n"
        "--XyZ--\r\n"
        "epilogue to ignore";
    multipart_part parts[8];
    size_t n = 0;
    /* "--XyZnot..." inside a part is refused: a delimiter must end its line. */
    assert_int_equal(parse(CT, body, parts, 8, &n), BZ_EBADREQUEST);

    const char *good =
        "--XyZ\r\n"
        "Content-Disposition: form-data; name=\"title\"\r\n"
        "\r\n"
        "Red shoes\r\n"
        "--XyZ  \r\n"
        "content-disposition: form-data; filename=\"a \\\"b\\\".jpg\"; name=image\r\n"
        "Content-Type:  image/jpeg \r\n"
        "X-Other: ignored\r\n"
        "\r\n"
        "\xff\xd8\r\n-XyZ\r\n\r\n"
        "--XyZ\r\n"
        "Content-Disposition: form-data; name=\"empty\"\r\n"
        "\r\n"
        "\r\n"
        "--XyZ--";
    assert_int_equal(parse(CT, good, parts, 8, &n), BZ_OK);
    assert_int_equal(n, 3);
    slice_is(parts[0].name, parts[0].name_len, "title");
    assert_null(parts[0].filename);
    assert_null(parts[0].content_type);
    slice_is(parts[0].data, parts[0].len, "Red shoes");
    slice_is(parts[1].name, parts[1].name_len, "image");
    slice_is(parts[1].filename, parts[1].filename_len, "a \\\"b\\\".jpg");
    slice_is(parts[1].content_type, parts[1].content_type_len, "image/jpeg");
    slice_is(parts[1].data, parts[1].len, "\xff\xd8\r\n-XyZ\r\n");
    assert_true(parts[1].data > good && parts[1].data < good + strlen(good)); /* no copy */
    slice_is(parts[2].name, parts[2].name_len, "empty");
    assert_int_equal(parts[2].len, 0);
    assert_ptr_equal(multipart_find(parts, n, "image"), &parts[1]);
    assert_null(multipart_find(parts, n, "imag"));

    const char *with_preamble = "ignored\r\n--XyZ\r\nContent-Disposition: form-data; name=a\r\n"
                                "\r\nv\r\n--XyZ--\r\nepilogue";
    assert_int_equal(parse(CT, with_preamble, parts, 8, &n), BZ_OK);
    assert_int_equal(n, 1);
    slice_is(parts[0].data, parts[0].len, "v");

    assert_int_equal(parse(CT, "--XyZ--", parts, 8, &n), BZ_OK);
    assert_int_equal(n, 0);
}

static void binary_data_with_nul(void **state)
{
    const char body[] = "--XyZ\r\nContent-Disposition: form-data; name=f; filename=x.bin\r\n\r\n"
                        "a\0b\r\n--XyZ--\r\n";
    multipart_part part;
    size_t n = 0;
    assert_int_equal(multipart_parse(CT, strlen(CT), body, sizeof(body) - 1, NULL, &part, 1, &n),
                     BZ_OK);
    assert_int_equal(n, 1);
    assert_int_equal(part.len, 3);
    assert_memory_equal(part.data, "a\0b", 3);
}

static void refusals(void **state)
{
    const char *bad[] = {
        "",
        "no delimiter at all",
        "--XyZ", /* nothing after the first delimiter */
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nno close",
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ",
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZjunk\r\n",
        "--XyZ\nContent-Disposition: form-data; name=a\n\nv\n--XyZ--", /* bare LF */
        "--XyZ\r\n\r\nno headers\r\n--XyZ--",
        "--XyZ\r\nContent-Type: text/plain\r\n\r\nno disposition\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nv\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: form-data; "
        "name=b\r\n\r\nv\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\nContent-Type: a\r\nContent-Type: "
        "b\r\n\r\nv\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\nv\r\n--XyZ--", /* folded */
        "--XyZ\r\nNo colon here\r\n\r\nv\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=a\x01\r\n\r\nv\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\nbad\x7fheader: x\r\n\r\nv\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n", /* headers never end */
    };
    multipart_part parts[4];
    size_t n = 0;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(parse(CT, bad[i], parts, 4, &n), BZ_EBADREQUEST);
    }
    assert_int_equal(parse("text/plain", "--XyZ--", parts, 4, &n), BZ_EMEDIATYPE);
    assert_int_equal(multipart_parse(CT, strlen(CT), NULL, 0, NULL, parts, 4, &n), BZ_EBADREQUEST);
}

static void limits(void **state)
{
    const char *three = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
                        "--XyZ\r\nContent-Disposition: form-data; name=b\r\n\r\n2\r\n"
                        "--XyZ\r\nContent-Disposition: form-data; name=c\r\n\r\n3\r\n--XyZ--";
    multipart_part parts[4];
    size_t n = 0;
    const multipart_limits two = {.max_parts = 2};
    assert_int_equal(multipart_parse(CT, strlen(CT), three, strlen(three), &two, parts, 4, &n),
                     BZ_EBADREQUEST);
    assert_int_equal(parse(CT, three, parts, 2, &n), BZ_EBADREQUEST); /* cap of the array */
    assert_int_equal(parse(CT, three, parts, 3, &n), BZ_OK);
    assert_int_equal(n, 3);

    const char *body = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ--";
    size_t header_len = strlen("Content-Disposition: form-data; name=a");
    const multipart_limits exact = {.max_header_bytes = header_len};
    const multipart_limits short_by_one = {.max_header_bytes = header_len - 1};
    assert_int_equal(multipart_parse(CT, strlen(CT), body, strlen(body), &exact, parts, 4, &n),
                     BZ_OK);
    assert_int_equal(
        multipart_parse(CT, strlen(CT), body, strlen(body), &short_by_one, parts, 4, &n),
        BZ_EBADREQUEST);
}

UNIT_MAIN(cmocka_unit_test(boundary_forms), cmocka_unit_test(typical_upload),
          cmocka_unit_test(binary_data_with_nul), cmocka_unit_test(refusals),
          cmocka_unit_test(limits))
