/*
 * Share pages (api/share.h, docs/share-pages.md): GET /s/{stream_id} and GET /p/{product_id}
 * render the web app's index.html with the show's or product's tags in its <head>. They run
 * on worker threads (the show and product come from the app layer's use cases) and share one
 * template cache, reloaded when index.html changes.
 */
#include "api/share.h"

#include "app/catalog.h"
#include "app/streams.h"
#include "base/err.h"
#include "base/log.h"
#include "base/time.h"
#include "domain/money.h"
#include "api/handlers.h"
#include "api/api.h"

#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TPL_MAX       (4u << 20) /* a bigger index.html is not a template: our own page */
#define BASE_URL_MAX  300
#define FALLBACK_IMG  "/og-image.png"
#define CACHE_CONTROL "public, max-age=60"

/* ---- the template cache -------------------------------------------------------- */

/* A prepared index.html; requests hold a reference while they render. */
typedef struct tpl {
    int refs;
    char *html;
    size_t len, at;
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
} tpl;

static struct {
    pthread_mutex_t mu;
    char *dir;        /* static dir, NULL = none */
    char *public_url; /* NULL = from the Host header */
    tpl *cur;         /* the template of the file as last seen, NULL = none */
} g = {.mu = PTHREAD_MUTEX_INITIALIZER};

static void tpl_unref(tpl *t)
{
    if (t && --t->refs == 0) {
        free(t->html);
        free(t);
    }
}

static bool same_file(const tpl *t, const struct stat *st)
{
    return t->dev == st->st_dev && t->ino == st->st_ino && t->size == st->st_size &&
           t->mtime.tv_sec == st->st_mtim.tv_sec && t->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

/* Read and prepare the open index.html; NULL when unreadable or too big (logged). */
static tpl *tpl_load(int fd, const struct stat *st)
{
    size_t size = (size_t)st->st_size;
    if (size > TPL_MAX) {
        bz_warn("share pages: index.html is over %u bytes, using our own page", TPL_MAX);
        return NULL;
    }
    char *raw = malloc(size ? size : 1);
    size_t got = 0;
    while (raw && got < size) {
        ssize_t n = pread(fd, raw + got, size - got, (off_t)got);
        if (n <= 0) {
            break;
        }
        got += (size_t)n;
    }
    tpl *t = raw && got == size ? calloc(1, sizeof(*t)) : NULL;
    bz_buf b;
    bz_buf_init(&b, 0);
    if (t && api_share_tpl_prepare(&b, raw, size, &t->at) == BZ_OK) {
        t->html = bz_buf_steal(&b, &t->len);
        t->refs = 1;
        t->dev = st->st_dev;
        t->ino = st->st_ino;
        t->size = st->st_size;
        t->mtime = st->st_mtim;
    } else {
        bz_buf_free(&b);
        free(t);
        t = NULL;
        bz_warn("share pages: cannot read index.html");
    }
    free(raw);
    return t;
}

/* The current template (a reference: tpl_release it) or NULL when there is no index.html.
 * *fallback_img is set when the static dir has FALLBACK_IMG. */
static tpl *tpl_acquire(bool *fallback_img)
{
    char path[1024];
    struct stat st;
    tpl *t = NULL;
    *fallback_img = false;
    pthread_mutex_lock(&g.mu);
    if (g.dir) {
        snprintf(path, sizeof(path), "%s%s", g.dir, FALLBACK_IMG);
        *fallback_img = stat(path, &st) == 0 && S_ISREG(st.st_mode);
        snprintf(path, sizeof(path), "%s/index.html", g.dir);
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
            if (!g.cur || !same_file(g.cur, &st)) {
                tpl_unref(g.cur);
                g.cur = tpl_load(fd, &st);
            }
            t = g.cur;
        } else if (g.cur) {
            tpl_unref(g.cur); /* index.html went away */
            g.cur = NULL;
        }
        if (fd >= 0) {
            close(fd);
        }
    }
    if (t) {
        t->refs++;
    }
    pthread_mutex_unlock(&g.mu);
    return t;
}

static void tpl_release(tpl *t)
{
    pthread_mutex_lock(&g.mu);
    tpl_unref(t);
    pthread_mutex_unlock(&g.mu);
}

int api_share_configure(const char *static_dir, const char *public_url)
{
    char *dir = static_dir && *static_dir ? strdup(static_dir) : NULL;
    char *url = public_url && *public_url ? strdup(public_url) : NULL;
    if ((static_dir && *static_dir && !dir) || (public_url && *public_url && !url)) {
        free(dir);
        free(url);
        return BZ_ENOMEM;
    }
    pthread_mutex_lock(&g.mu);
    free(g.dir);
    free(g.public_url);
    tpl_unref(g.cur);
    g.dir = dir;
    g.public_url = url;
    g.cur = NULL;
    pthread_mutex_unlock(&g.mu);
    return BZ_OK;
}

/* ---- what a page says -------------------------------------------------------------- */

enum kind { SHOW, PRODUCT };

typedef struct page {
    api_share_meta m;
    const char *link, *link_text; /* our own page's link */
    char base[BASE_URL_MAX];
    bool fallback_img;
} page;

/* An absolute URL for an image URL from the blob store ("/media/..." or already absolute). */
static const char *absolute(http_req *req, const page *pg, const char *url)
{
    if (!url) {
        return NULL;
    }
    if (!strncmp(url, "https://", 8) || !strncmp(url, "http://", 7)) {
        return url;
    }
    if (url[0] == '/' && url[1] != '/') {
        return bz_arena_printf(http_req_arena(req), "%s%s", pg->base, url);
    }
    return NULL;
}

static void set_image(http_req *req, page *pg, const app_image *img, const char *alt)
{
    pg->m.image = img ? absolute(req, pg, img->urls[IMAGE_LARGE]) : NULL;
    if (pg->m.image) {
        pg->m.image_width = img->width;
        pg->m.image_height = img->height;
        pg->m.image_alt = alt;
    } else if (pg->fallback_img) {
        pg->m.image = bz_arena_printf(http_req_arena(req), "%s%s", pg->base, FALLBACK_IMG);
        pg->m.image_alt = "Blytz";
    }
}

/* `text` clipped for a description, in the request's arena. */
static const char *clipped(http_req *req, const char *text)
{
    bz_buf b;
    bz_buf_init(&b, 0);
    const char *out = NULL;
    if (api_share_clip(&b, text, strlen(text), HTTP_SHARE_DESC_MAX) == BZ_OK) {
        out = bz_arena_strdup(http_req_arena(req), b.data);
    }
    bz_buf_free(&b);
    return out ? out : "";
}

/* What a page says of each kind of row, besides the row's own words. */
static const struct {
    const char *og_type, *share_path, *api_path, *link_text, *missing;
} kinds[] = {
    [SHOW] = {"video.other", "s", "streams", "This show in the Blytz API",
              "This show is not on Blytz."},
    [PRODUCT] = {"product", "p", "products", "This product in the Blytz API",
                 "This product is not on Blytz."},
};

/* The page of row `id` of kind `k`, with its title, description and image (may be NULL). */
static void row_page(http_req *req, page *pg, enum kind k, int64_t id, const char *title,
                     const char *desc, const app_image *img)
{
    bz_arena *a = http_req_arena(req);
    pg->m.og_type = kinds[k].og_type;
    pg->m.og_title = title;
    pg->m.title = bz_arena_printf(a, "%s | Blytz", title);
    pg->m.description = clipped(req, desc ? desc : "");
    pg->m.url = bz_arena_printf(a, "%s/%s/%" PRId64, pg->base, kinds[k].share_path, id);
    pg->link = bz_arena_printf(a, "%s/api/v1/%s/%" PRId64, pg->base, kinds[k].api_path, id);
    pg->link_text = kinds[k].link_text;
    set_image(req, pg, img, title);
}

/* "Fri 4 Dec 2026, 8:00 pm MYT" */
static const char *myt(http_req *req, int64_t ms)
{
    char out[BZ_MYT_LEN];
    bz_time_format_myt(ms, out);
    return bz_arena_strdup(http_req_arena(req), out);
}

static int show_page(http_req *req, int64_t id, page *pg)
{
    app_stream_view v;
    int rc = app_stream_get(http_req_app(req), id, &v);
    if (rc != BZ_OK) {
        return rc;
    }
    bz_arena *a = http_req_arena(req);
    const show_stream *st = &v.stream;
    const char *shop = st->shop_name && *st->shop_name ? st->shop_name : st->seller_username;
    shop = shop ? shop : "a Blytz seller";
    const char *desc = st->description;
    if (!desc || !*desc) {
        desc = !strcmp(st->status, "live") ? bz_arena_printf(a, "Live now on Blytz: %s.", shop)
               : !strcmp(st->status, "scheduled")
                   ? bz_arena_printf(a, "A live show by %s on Blytz, %s.", shop,
                                     myt(req, st->starts_at))
                   : bz_arena_printf(a, "A live show by %s on Blytz.", shop);
    }
    /* The show's cover, else the first lineup product with a photo. */
    const app_image *cover = v.cover;
    for (size_t i = 0; i < v.n_lineup && !cover; i++) {
        cover = v.lineup[i].image;
    }
    row_page(req, pg, SHOW, st->id, st->title, desc, cover);
    return BZ_OK;
}

static int product_page(http_req *req, int64_t id, page *pg)
{
    app_product_view v;
    int rc = app_catalog_product_get(http_req_app(req), id, &v);
    if (rc != BZ_OK) {
        return rc;
    }
    bz_arena *a = http_req_arena(req);
    const catalog_product *p = &v.product;
    char price[MONEY_FORMAT_MAX], plain[MONEY_FORMAT_MAX];
    const char *desc = p->description && *p->description ? p->description : NULL;
    if (p->buy_now_price > 0) {
        money_format_myr(p->buy_now_price, price, sizeof(price));
        money_format_plain(p->buy_now_price, plain, sizeof(plain));
        pg->m.price = bz_arena_strdup(a, plain);
        desc = desc ? bz_arena_printf(a, "%s · %s", price, desc)
                    : bz_arena_printf(a, "%s, %s on Blytz.", p->title, price);
    } else if (!desc) {
        desc = bz_arena_printf(a, "%s on Blytz.", p->title);
    }
    row_page(req, pg, PRODUCT, p->id, p->title, desc, v.n_images ? &v.images[0] : NULL);
    return BZ_OK;
}

/* A page that names nothing of any row: not found, or the store failed. */
static void generic_page(http_req *req, page *pg, enum kind k, int status)
{
    memset(&pg->m, 0, sizeof(pg->m));
    bool missing = status == 404;
    pg->m.og_type = "website";
    pg->m.og_title = missing ? "Not found" : "Blytz";
    pg->m.title = missing ? "Not found | Blytz" : "Blytz";
    pg->m.description =
        missing ? kinds[k].missing : "Live-stream shopping and auctions in Malaysia.";
    pg->m.noindex = true;
    pg->link = bz_arena_printf(http_req_arena(req), "%s/api/openapi.json", pg->base);
    pg->link_text = "The Blytz API";
    set_image(req, pg, NULL, NULL);
}

/* ---- the handlers -------------------------------------------------------------------- */

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    }
    return h;
}

static bool etag_matches(const char *if_none_match, const char *etag)
{
    return if_none_match && (strstr(if_none_match, etag) || !strcmp(if_none_match, "*"));
}

static void send(http_req *req, http_res *res, int status, const bz_buf *body)
{
    static const char type[] = "text/html; charset=utf-8";
    if (status != 200) {
        http_res_header(res, "Cache-Control", "no-cache");
        http_res_bytes(res, status, type, body->data, body->len);
        return;
    }
    char etag[32];
    snprintf(etag, sizeof(etag), "\"sh-%016" PRIx64 "\"", fnv1a(body->data, body->len));
    http_res_header(res, "ETag", etag);
    http_res_header(res, "Cache-Control", CACHE_CONTROL);
    if (etag_matches(http_req_header(req, "If-None-Match"), etag)) {
        http_res_empty(res, 304);
        return;
    }
    http_res_bytes(res, 200, type, body->data, body->len);
}

void api_share_origin(http_req *req, char *out, size_t size)
{
    const char *proto = http_req_header(req, "X-Forwarded-Proto");
    pthread_mutex_lock(&g.mu);
    api_share_base_url(g.public_url, http_req_header(req, "Host"), proto && !strcmp(proto, "https"),
                       out, size);
    pthread_mutex_unlock(&g.mu);
}

static void share(http_req *req, http_res *res, enum kind k)
{
    page pg;
    memset(&pg, 0, sizeof(pg));
    tpl *t = tpl_acquire(&pg.fallback_img);
    const char *proto = http_req_header(req, "X-Forwarded-Proto");
    pthread_mutex_lock(&g.mu);
    api_share_base_url(g.public_url, http_req_header(req, "Host"), proto && !strcmp(proto, "https"),
                       pg.base, sizeof(pg.base));
    pthread_mutex_unlock(&g.mu);

    int64_t id;
    int rc = api_param_id(req, "id", &id);
    if (rc == BZ_OK) {
        rc = k == SHOW ? show_page(req, id, &pg) : product_page(req, id, &pg);
    }
    int status = 200;
    if (rc != BZ_OK) {
        status = bz_err_http_status(rc);
        generic_page(req, &pg, k, status);
    }
    bz_buf body;
    bz_buf_init(&body, 0);
    rc = api_share_page(&body, t ? t->html : NULL, t ? t->len : 0, t ? t->at : 0, &pg.m, pg.link,
                        pg.link_text);
    if (t) {
        tpl_release(t);
    }
    if (rc == BZ_OK) {
        send(req, res, status, &body);
    } else {
        http_res_error(res, rc, NULL, NULL);
    }
    bz_buf_free(&body);
}

static void h_show(http_req *req, http_res *res)
{
    share(req, res, SHOW);
}

static void h_product(http_req *req, http_res *res)
{
    share(req, res, PRODUCT);
}

const api_route api_routes_share[] = {
    API_OWN(HTTP_M_GET, "/s/{id}", h_show, 0),
    API_OWN(HTTP_M_GET, "/p/{id}", h_product, 0),
    API_END,
};
