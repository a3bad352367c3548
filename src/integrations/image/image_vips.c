/*
 * integrations/image/image_vips.c - image intake with libvips (see image_vips.h).
 *
 * VipsImage objects are GObjects: every one created here is unreffed on every
 * path. Buffers libvips returns are g_malloc'd; the port promises malloc'd
 * memory, so they are copied out and g_free'd.
 */
#include "integrations/image/image_vips.h"

#include "base/err.h"
#include "base/log.h"
#include "integrations/image/webp_meta.h"

#include <vips/vips.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_PIXELS 40000000u
#define DEFAULT_MAX_INPUT  (10u * 1024 * 1024)
#define DEFAULT_QUALITY    80

typedef struct image_vips {
    imager base; /* first, so an imager * is an image_vips * */
    image_vips_config cfg;
} image_vips;

/* The only loaders intake accepts, by the class name vips_foreign_find_load_buffer returns. */
static const char *const allowed_loaders[] = {
    "VipsForeignLoadJpegBuffer",
    "VipsForeignLoadPngBuffer",
    "VipsForeignLoadWebpBuffer",
    "VipsForeignLoadNsgifBuffer",
};

/* Loader families unblocked again after blocking every loader (they cover the buffer,
 * source and file variants, which the buffer loaders use internally). */
static const char *const allowed_families[] = {
    "VipsForeignLoadJpeg",
    "VipsForeignLoadPng",
    "VipsForeignLoadWebp",
    "VipsForeignLoadNsgif",
};

static pthread_once_t vips_once = PTHREAD_ONCE_INIT;
static int vips_init_result = BZ_EINTERNAL;

/* libvips reports decoder complaints about junk uploads as GLib warnings on stderr; they are
 * routine for untrusted input, so they go to the debug log instead. */
static void vips_warning(const gchar *domain, GLogLevelFlags level, const gchar *message,
                         gpointer user_data)
{
    bz_debug("image: libvips: %.300s", message);
}

static void start_vips(void)
{
    if (VIPS_INIT("blytz") != 0) {
        bz_error("image: libvips failed to start: %s", vips_error_buffer());
        vips_error_clear();
        return;
    }
    /* The cache would keep decoded uploads alive and could hand one request's pixels to
     * another; intake is never repeated with identical inputs anyway. */
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_concurrency_set(1);
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    for (size_t i = 0; i < sizeof(allowed_families) / sizeof(allowed_families[0]); i++) {
        vips_operation_block_set(allowed_families[i], FALSE);
    }
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO,
                      vips_warning, NULL);
    vips_init_result = BZ_OK;
}

int image_vips_init(void)
{
    pthread_once(&vips_once, start_vips);
    return vips_init_result;
}

static bool loader_allowed(const char *name)
{
    for (size_t i = 0; i < sizeof(allowed_loaders) / sizeof(allowed_loaders[0]); i++) {
        if (strcmp(name, allowed_loaders[i]) == 0) {
            return true;
        }
    }
    return false;
}

/* Drop the message libvips queued for this failure; say why at debug level only, since
 * junk uploads are routine. */
static int bad_image(const char *step)
{
    bz_debug("image: %s failed: %.200s", step, vips_error_buffer());
    vips_error_clear();
    return BZ_EBADIMAGE;
}

/* What the header says about an input that passed the checks. */
typedef struct input_info {
    bool jpeg;
    int width, height;
} input_info;

/* Header-only look at the input: format allow-list and pixel budget. */
static int check_input(const image_vips *im, const void *data, size_t len, input_info *info)
{
    if (len == 0 || len > im->cfg.max_input_bytes) {
        return BZ_EBADIMAGE;
    }
    const char *loader = vips_foreign_find_load_buffer(data, len);
    if (!loader) {
        return bad_image("format sniffing");
    }
    if (!loader_allowed(loader)) {
        bz_debug("image: refused loader %s", loader);
        return BZ_EBADIMAGE;
    }
    VipsImage *header = vips_image_new_from_buffer(data, len, "", NULL);
    if (!header) {
        return bad_image("header");
    }
    info->jpeg = strcmp(loader, "VipsForeignLoadJpegBuffer") == 0;
    info->width = vips_image_get_width(header);
    info->height = vips_image_get_height(header);
    g_object_unref(header);
    uint64_t pixels = (uint64_t)info->width * (uint64_t)info->height;
    if (info->width <= 0 || info->height <= 0 || pixels > im->cfg.max_pixels) {
        bz_debug("image: refused %dx%d pixels", info->width, info->height);
        return BZ_EBADIMAGE;
    }
    return BZ_OK;
}

/* Decode, rotate upright, shrink to fit `edge` (square-cropped when asked) and render into
 * memory, so the variants do not decode the input again. The loader runs with
 * fail_on=error itself: vips_thumbnail_buffer in 8.14 lets a truncated JPEG through. */
static int decode_base(const void *data, size_t len, const input_info *info, int edge, int square,
                       VipsImage **out)
{
    VipsImage *loaded;
    if (info->jpeg) {
        /* libjpeg can decode at 1/2, 1/4 or 1/8 size: far less work for big photos. The
         * side that ends up limiting the size must stay at least `edge` long. */
        int basis = square ? (info->width < info->height ? info->width : info->height)
                           : (info->width > info->height ? info->width : info->height);
        int shrink = 1;
        while (shrink < 8 && basis / (shrink * 2) >= edge) {
            shrink *= 2;
        }
        loaded = vips_image_new_from_buffer(data, len, "", "access", VIPS_ACCESS_SEQUENTIAL,
                                            "fail_on", VIPS_FAIL_ON_ERROR, "shrink", shrink, NULL);
    } else {
        loaded = vips_image_new_from_buffer(data, len, "", "access", VIPS_ACCESS_SEQUENTIAL,
                                            "fail_on", VIPS_FAIL_ON_ERROR, NULL);
    }
    if (!loaded) {
        return bad_image("load");
    }
    VipsImage *thumb = NULL;
    int rc =
        vips_thumbnail_image(loaded, &thumb, edge, "height", edge, "size", VIPS_SIZE_DOWN, "crop",
                             square ? VIPS_INTERESTING_ATTENTION : VIPS_INTERESTING_NONE,
                             "export_profile", "srgb", NULL);
    g_object_unref(loaded);
    if (rc) {
        return bad_image("decode");
    }
    /* Smaller than `edge` on both sides means no shrink and so no crop happened. */
    int w = vips_image_get_width(thumb), h = vips_image_get_height(thumb);
    if (square && w != h) {
        VipsImage *memory = vips_image_copy_memory(thumb); /* smartcrop reads twice */
        g_object_unref(thumb);
        if (!memory) {
            return bad_image("render");
        }
        int side = w < h ? w : h;
        rc = vips_smartcrop(memory, &thumb, side, side, "interesting", VIPS_INTERESTING_ATTENTION,
                            NULL);
        g_object_unref(memory);
        if (rc) {
            return bad_image("crop");
        }
    }
    VipsImage *memory = vips_image_copy_memory(thumb);
    g_object_unref(thumb);
    if (!memory) {
        return bad_image("render");
    }
    *out = memory;
    return BZ_OK;
}

static int encode_variant(const image_vips *im, VipsImage *base, int edge, image_variant *out)
{
    VipsImage *sized = NULL;
    int w = vips_image_get_width(base), h = vips_image_get_height(base);
    if (w <= edge && h <= edge) {
        sized = base;
        g_object_ref(sized);
    } else if (vips_thumbnail_image(base, &sized, edge, "height", edge, "size", VIPS_SIZE_DOWN,
                                    NULL)) {
        return bad_image("resize");
    }
    void *webp = NULL;
    size_t webp_len = 0;
    int rc = vips_webpsave_buffer(sized, &webp, &webp_len, "Q", im->cfg.webp_quality, "strip", TRUE,
                                  NULL);
    out->width = vips_image_get_width(sized);
    out->height = vips_image_get_height(sized);
    g_object_unref(sized);
    if (rc) {
        return bad_image("encode");
    }
    out->data = malloc(webp_len ? webp_len : 1);
    if (!out->data) {
        g_free(webp);
        return BZ_ENOMEM;
    }
    memcpy(out->data, webp, webp_len);
    g_free(webp);
    /* strip=TRUE still leaves an EXIF chunk in 8.14: take metadata out of the container. */
    out->len = webp_strip_metadata(out->data, webp_len);
    if (!out->len) {
        bz_error("image: libvips wrote a WebP that is not a RIFF container");
        return BZ_EINTERNAL;
    }
    return BZ_OK;
}

static int vips_process(imager *base, const void *data, size_t len,
                        const int max_edge[IMAGE_NVARIANTS], int square,
                        image_variant out[IMAGE_NVARIANTS])
{
    image_vips *im = (image_vips *)base;
    memset(out, 0, sizeof(image_variant) * IMAGE_NVARIANTS);
    int largest = 0;
    for (int i = 0; i < IMAGE_NVARIANTS; i++) {
        if (max_edge[i] < 1 || max_edge[i] > IMAGE_VIPS_MAX_EDGE) {
            return BZ_EVALIDATION;
        }
        largest = max_edge[i] > largest ? max_edge[i] : largest;
    }
    input_info info;
    int rc = check_input(im, data, len, &info);
    VipsImage *decoded = NULL;
    if (!rc) {
        rc = decode_base(data, len, &info, largest, square, &decoded);
    }
    for (int i = 0; i < IMAGE_NVARIANTS && !rc; i++) {
        rc = encode_variant(im, decoded, max_edge[i], &out[i]);
    }
    if (decoded) {
        g_object_unref(decoded);
    }
    if (rc) {
        image_variants_free(out);
    }
    return rc;
}

static const struct imager_ops vips_ops = {.process = vips_process};

int image_vips_open(imager **out)
{
    return image_vips_open_config(NULL, out);
}

int image_vips_open_config(const image_vips_config *cfg, imager **out)
{
    int rc = image_vips_init();
    if (rc) {
        return rc;
    }
    image_vips *im = calloc(1, sizeof(*im));
    if (!im) {
        return BZ_ENOMEM;
    }
    if (cfg) {
        im->cfg = *cfg;
    }
    if (!im->cfg.max_pixels) {
        im->cfg.max_pixels = DEFAULT_MAX_PIXELS;
    }
    if (!im->cfg.max_input_bytes) {
        im->cfg.max_input_bytes = DEFAULT_MAX_INPUT;
    }
    if (im->cfg.webp_quality < 1 || im->cfg.webp_quality > 100) {
        im->cfg.webp_quality = DEFAULT_QUALITY;
    }
    im->base.ops = &vips_ops;
    *out = &im->base;
    return BZ_OK;
}

void image_vips_close(imager *im)
{
    free(im);
}

void image_variants_free(image_variant v[IMAGE_NVARIANTS])
{
    for (int i = 0; i < IMAGE_NVARIANTS; i++) {
        free(v[i].data);
        v[i].data = NULL;
        v[i].len = 0;
        v[i].width = v[i].height = 0;
    }
}
