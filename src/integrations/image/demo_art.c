#include "integrations/image/demo_art.h"

#include "base/err.h"

#include <stdlib.h>
#include <string.h>
#include <vips/vips.h>

/* Pleasant pairs of colours (top-left, bottom-right), picked by seed. */
static const double palette[][6] = {
    {255, 183, 77, 229, 57, 53},  {129, 212, 250, 57, 73, 171}, {165, 214, 167, 46, 125, 50},
    {248, 187, 208, 173, 20, 87}, {255, 224, 130, 245, 124, 0}, {179, 157, 219, 69, 39, 160},
    {128, 203, 196, 0, 105, 92},  {188, 170, 164, 93, 64, 55},
};

/* Diagonal gradient: each band is c0 + (c1 - c0) * (x + y) / (w + h). */
static VipsImage *gradient(VipsObject *scope, const double *c, int w, int h)
{
    VipsImage **t = (VipsImage **)vips_object_local_array(scope, 4);
    if (vips_xyz(&t[0], w, h, NULL) || vips_bandmean(t[0], &t[1], NULL)) {
        return NULL;
    }
    double a[3], b[3];
    for (int i = 0; i < 3; i++) {
        a[i] = (c[3 + i] - c[i]) / ((w + h) / 2.0); /* bandmean is (x + y) / 2 */
        b[i] = c[i];
    }
    VipsImage *three[3] = {t[1], t[1], t[1]};
    if (vips_bandjoin(three, &t[2], 3, NULL) ||
        vips_linear(t[2], &t[3], a, b, 3, "uchar", TRUE, NULL)) {
        return NULL;
    }
    return t[3];
}

/* White title text, centred in the lower third, blended onto `base`. */
static VipsImage *with_title(VipsObject *scope, VipsImage *base, const char *title)
{
    VipsImage **t = (VipsImage **)vips_object_local_array(scope, 4);
    int width = base->Xsize, height = base->Ysize;
    char *escaped = g_markup_escape_text(title, -1);
    int rc = vips_text(&t[0], escaped, "font", "Sans Bold 56", "width", width - 160, "align",
                       VIPS_ALIGN_CENTRE, "dpi", 72, NULL);
    g_free(escaped);
    if (rc) {
        return NULL;
    }
    int w = t[0]->Xsize, h = t[0]->Ysize;
    int left = (width - w) / 2, top = height - 120 - h;
    if (vips_embed(t[0], &t[1], left, top > 0 ? top : 0, width, height, NULL)) {
        return NULL;
    }
    double white[3] = {255, 255, 255};
    if (!(t[2] = vips_image_new_from_image(base, white, 3)) ||
        vips_ifthenelse(t[1], t[2], base, &t[3], "blend", TRUE, NULL)) {
        return NULL;
    }
    return t[3];
}

/* Positions are in thousandths of the picture, so every size looks alike. */
static int disc(VipsImage *img, unsigned seed)
{
    int w = img->Xsize, h = img->Ysize, r = (w < h ? w : h) / 5;
    double ink[3] = {255, 255, 255};
    int cx = w * (300 + (int)(seed * 37 % 400)) / 1000;
    int cy = h * (330 + (int)(seed * 53 % 120)) / 1000;
    /* A translucent look without alpha: a lighter ring and a solid core. */
    double ring[3] = {240, 240, 240};
    return vips_draw_circle(img, ring, 3, cx, cy, r + r / 7, "fill", TRUE, NULL) ||
           vips_draw_circle(img, ink, 3, cx, cy, r, "fill", TRUE, NULL);
}

int demo_art_render_sized(const char *title, unsigned seed, int width, int height, void **jpeg_out,
                          size_t *len_out)
{
    VipsObject *scope = VIPS_OBJECT(vips_image_new());
    int rc = BZ_EINTERNAL;
    const double *colours = palette[seed % (sizeof(palette) / sizeof(palette[0]))];
    VipsImage *bg = gradient(scope, colours, width, height);
    VipsImage *canvas = bg ? vips_image_copy_memory(bg) : NULL;
    if (canvas && !disc(canvas, seed)) {
        VipsImage *final = with_title(scope, canvas, title);
        void *buf = NULL;
        size_t len = 0;
        if (final && !vips_jpegsave_buffer(final, &buf, &len, "Q", 85, NULL)) {
            *jpeg_out = malloc(len);
            if (*jpeg_out) {
                memcpy(*jpeg_out, buf, len);
                *len_out = len;
                rc = BZ_OK;
            } else {
                rc = BZ_ENOMEM;
            }
            g_free(buf);
        }
    }
    if (canvas) {
        g_object_unref(canvas);
    }
    g_object_unref(scope);
    if (rc == BZ_EINTERNAL) {
        vips_error_clear();
    }
    return rc;
}
