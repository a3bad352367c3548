/*
 * Image intake on images made here with libvips: JPEG with EXIF orientation,
 * PNG with alpha, WebP, GIF, square crops, and everything that must be
 * refused (junk, truncated data, TIFF, too many pixels, too many bytes).
 * Every output must decode as WebP with the reported size and no metadata.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdlib.h>
#include <string.h>

#include <vips/vips.h>

#include "base/err.h"
#include "integrations/image/image_vips.h"

static imager *im;

static int setup(void **state)
{
    return image_vips_open(&im) == BZ_OK ? 0 : -1;
}

static int teardown(void **state)
{
    image_vips_close(im);
    return 0;
}

/* A w x h gradient with `bands` bands (3 = RGB, 4 = RGBA) encoded as `format` into g_malloc'd
 * memory. `orientation` > 1 is written as EXIF orientation (JPEG only). */
static void *make_image(int w, int h, int bands, const char *format, int orientation, size_t *len)
{
    VipsImage *xy = NULL, *scaled = NULL, *joined = NULL, *img = NULL;
    assert_int_equal(vips_xyz(&xy, w, h, NULL), 0); /* two bands: x and y */
    assert_int_equal(vips_linear1(xy, &scaled, 255.0 / (w > h ? w : h), 0, "uchar", TRUE, NULL), 0);
    VipsImage *twice[2] = {scaled, scaled};
    assert_int_equal(vips_bandjoin(twice, &joined, 2, NULL), 0); /* x, y, x, y */
    assert_int_equal(vips_extract_band(joined, &img, 0, "n", bands, NULL), 0);
    img->Type = VIPS_INTERPRETATION_sRGB;
    if (orientation > 1) {
        vips_image_set_int(img, VIPS_META_ORIENTATION, orientation);
    }
    void *buf = NULL;
    int rc;
    if (strcmp(format, "jpeg") == 0) {
        rc = vips_jpegsave_buffer(img, &buf, len, NULL);
    } else if (strcmp(format, "png") == 0) {
        rc = vips_pngsave_buffer(img, &buf, len, NULL);
    } else if (strcmp(format, "png-uncompressed") == 0) {
        rc = vips_pngsave_buffer(img, &buf, len, "compression", 0, NULL);
    } else if (strcmp(format, "webp") == 0) {
        rc = vips_webpsave_buffer(img, &buf, len, NULL);
    } else if (strcmp(format, "gif") == 0) {
        rc = vips_gifsave_buffer(img, &buf, len, NULL);
    } else {
        rc = vips_tiffsave_buffer(img, &buf, len, NULL);
    }
    assert_int_equal(rc, 0);
    g_object_unref(xy);
    g_object_unref(scaled);
    g_object_unref(joined);
    g_object_unref(img);
    return buf;
}

/* Each output is a WebP of the reported size without EXIF, XMP, IPTC or ICC data. */
static void check_variants(const image_variant v[IMAGE_NVARIANTS], const int expect[][2])
{
    for (int i = 0; i < IMAGE_NVARIANTS; i++) {
        assert_non_null(v[i].data);
        assert_true(v[i].len > 12);
        assert_memory_equal(v[i].data, "RIFF", 4);
        assert_memory_equal(v[i].data + 8, "WEBP", 4);
        assert_string_equal(vips_foreign_find_load_buffer(v[i].data, v[i].len),
                            "VipsForeignLoadWebpBuffer");
        VipsImage *out = vips_image_new_from_buffer(v[i].data, v[i].len, "", NULL);
        assert_non_null(out);
        assert_int_equal(vips_image_get_width(out), v[i].width);
        assert_int_equal(vips_image_get_height(out), v[i].height);
        assert_int_equal(v[i].width, expect[i][0]);
        assert_int_equal(v[i].height, expect[i][1]);
        assert_int_equal(vips_image_get_typeof(out, VIPS_META_EXIF_NAME), 0);
        assert_int_equal(vips_image_get_typeof(out, VIPS_META_XMP_NAME), 0);
        assert_int_equal(vips_image_get_typeof(out, VIPS_META_IPTC_NAME), 0);
        assert_int_equal(vips_image_get_typeof(out, VIPS_META_ICC_NAME), 0);
        g_object_unref(out);
    }
}

/* Processes the image into the variants at `edges` (square crops when `square`), checks them
 * against the expected sizes and frees them. */
static void process_and_check(const void *data, size_t len, const int edges[IMAGE_NVARIANTS],
                              int square, const int expect[][2])
{
    image_variant v[IMAGE_NVARIANTS];
    assert_int_equal(im->ops->process(im, data, len, edges, square, v), BZ_OK);
    check_variants(v, expect);
    image_variants_free(v);
    assert_null(v[0].data);
}

static void jpeg_with_exif_rotation(void **state)
{
    size_t len;
    void *jpeg = make_image(800, 400, 3, "jpeg", 6, &len); /* 6 = rotate 90 degrees */
    VipsImage *in = vips_image_new_from_buffer(jpeg, len, "", NULL);
    assert_non_null(in);
    assert_int_not_equal(vips_image_get_typeof(in, VIPS_META_EXIF_NAME), 0); /* meaningful */
    g_object_unref(in);

    const int edges[IMAGE_NVARIANTS] = {100, 300, 600};
    const int expect[][2] = {{50, 100}, {150, 300}, {300, 600}}; /* upright: portrait */
    process_and_check(jpeg, len, edges, 0, expect);
    g_free(jpeg);
}

/* Each input format is read; variants never upscale; square crops (avatars) are square, even
 * from an image smaller than every edge. */
static void variants_of_each_input(void **state)
{
    static const struct {
        int width, height, bands;
        const char *format;
        int edges[IMAGE_NVARIANTS];
        int square;
        int expect[IMAGE_NVARIANTS][2];
    } cases[] = {
        {300, 200, 4, "png", {150, 300, 1200}, 0, {{150, 100}, {300, 200}, {300, 200}}},
        {64, 32, 3, "webp", {16, 32, 64}, 0, {{16, 8}, {32, 16}, {64, 32}}},
        {64, 32, 3, "gif", {16, 32, 64}, 0, {{16, 8}, {32, 16}, {64, 32}}},
        {400, 300, 3, "jpeg", {64, 128, 256}, 1, {{64, 64}, {128, 128}, {256, 256}}},
        {100, 50, 3, "png", {64, 128, 256}, 1, {{50, 50}, {50, 50}, {50, 50}}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len;
        void *data =
            make_image(cases[i].width, cases[i].height, cases[i].bands, cases[i].format, 0, &len);
        process_and_check(data, len, cases[i].edges, cases[i].square, cases[i].expect);
        g_free(data);
    }
}

static void refusals(void **state)
{
    const int edges[IMAGE_NVARIANTS] = {64, 128, 256};
    image_variant v[IMAGE_NVARIANTS];
    const char junk[] = "this is not an image, just text pretending";
    assert_int_equal(im->ops->process(im, junk, sizeof(junk), edges, 0, v), BZ_EBADIMAGE);
    assert_null(v[0].data);
    assert_int_equal(im->ops->process(im, junk, 0, edges, 0, v), BZ_EBADIMAGE);

    size_t len;
    void *jpeg = make_image(200, 200, 3, "jpeg", 0, &len);
    assert_int_equal(im->ops->process(im, jpeg, len / 2, edges, 0, v), BZ_EBADIMAGE); /* cut */
    assert_int_equal(im->ops->process(im, jpeg, len / 2, edges, 1, v), BZ_EBADIMAGE);
    size_t png_len;
    void *png = make_image(200, 200, 3, "png", 0, &png_len);
    assert_int_equal(im->ops->process(im, png, png_len - 20, edges, 0, v), BZ_EBADIMAGE);
    g_free(png);
    const int bad_edges[IMAGE_NVARIANTS] = {0, 128, 256};
    assert_int_equal(im->ops->process(im, jpeg, len, bad_edges, 0, v), BZ_EVALIDATION);
    g_free(jpeg);

    void *tiff = make_image(32, 32, 3, "tiff", 0, &len); /* a real image, not allowed */
    assert_int_equal(im->ops->process(im, tiff, len, edges, 0, v), BZ_EBADIMAGE);
    g_free(tiff);

    const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
    assert_int_equal(im->ops->process(im, svg, sizeof(svg) - 1, edges, 0, v), BZ_EBADIMAGE);
}

static void limits(void **state)
{
    const int edges[IMAGE_NVARIANTS] = {16, 32, 64};
    image_variant v[IMAGE_NVARIANTS];
    size_t len;

    imager *few_pixels = NULL;
    const image_vips_config pixel_cfg = {.max_pixels = 200 * 200};
    assert_int_equal(image_vips_open_config(&pixel_cfg, &few_pixels), BZ_OK);
    void *over = make_image(201, 200, 3, "png", 0, &len); /* one column over the budget */
    assert_int_equal(few_pixels->ops->process(few_pixels, over, len, edges, 0, v), BZ_EBADIMAGE);
    g_free(over);
    void *at = make_image(200, 200, 3, "png", 0, &len);
    assert_int_equal(few_pixels->ops->process(few_pixels, at, len, edges, 0, v), BZ_OK);
    image_variants_free(v);
    g_free(at);
    image_vips_close(few_pixels);

    imager *few_bytes = NULL;
    const image_vips_config byte_cfg = {.max_input_bytes = 10000};
    assert_int_equal(image_vips_open_config(&byte_cfg, &few_bytes), BZ_OK);
    void *heavy = make_image(100, 100, 3, "png-uncompressed", 0, &len);
    assert_true(len > 10000);
    assert_int_equal(few_bytes->ops->process(few_bytes, heavy, len, edges, 0, v), BZ_EBADIMAGE);
    g_free(heavy);
    void *light = make_image(20, 20, 3, "png", 0, &len);
    assert_true(len <= 10000);
    assert_int_equal(few_bytes->ops->process(few_bytes, light, len, edges, 0, v), BZ_OK);
    image_variants_free(v);
    g_free(light);
    image_vips_close(few_bytes);
}

UNIT_MAIN_GROUP(setup, teardown, cmocka_unit_test(jpeg_with_exif_rotation),
                cmocka_unit_test(variants_of_each_input), cmocka_unit_test(refusals),
                cmocka_unit_test(limits))
