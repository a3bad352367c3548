#include "http/static.h"

#include "base/err.h"
#include "base/log.h"
#include "base/str.h"
#include "http/internal.h"
#include "http/range.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define CACHE_FILE_MAX (1u << 20)
#define CACHE_SLOTS    1024

typedef struct entry {
    struct entry *next;
    char etag[48];
    char *data;
    size_t len;
    char *gz; /* NULL if not compressible or not smaller */
    size_t gzlen;
    char path[];
} entry;

struct http_static {
    int root_fd;
    char *cache_control;
    size_t cache_budget;
    size_t cache_used;
    pthread_mutex_t lock;
    entry *slots[CACHE_SLOTS];
    entry *retired; /* replaced entries: responses may still point at them */
};

static const struct {
    const char *ext;
    const char *type;
    bool compress;
} types[] = {
    {"html", "text/html; charset=utf-8", true},
    {"js", "text/javascript; charset=utf-8", true},
    {"mjs", "text/javascript; charset=utf-8", true},
    {"css", "text/css; charset=utf-8", true},
    {"json", "application/json", true},
    {"webmanifest", "application/manifest+json", true},
    {"map", "application/json", true},
    {"svg", "image/svg+xml", true},
    {"txt", "text/plain; charset=utf-8", true},
    {"xml", "application/xml", true},
    {"wasm", "application/wasm", true},
    {"ico", "image/x-icon", true},
    {"png", "image/png", false},
    {"jpg", "image/jpeg", false},
    {"jpeg", "image/jpeg", false},
    {"gif", "image/gif", false},
    {"webp", "image/webp", false},
    {"avif", "image/avif", false},
    {"woff2", "font/woff2", false},
    {"woff", "font/woff", false},
    {"mp4", "video/mp4", false},
    {"webm", "video/webm", false},
    {"opus", "audio/ogg", false}, /* Ogg Opus: a recording's sound (docs/video.md) */
    {"ogg", "audio/ogg", false},
    {"pdf", "application/pdf", false},
};

static void content_type(const char *path, const char **type, bool *compress)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    *type = "application/octet-stream";
    *compress = false;
    if (!dot) {
        return;
    }
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        if (strcasecmp(dot + 1, types[i].ext) == 0) {
            *type = types[i].type;
            *compress = types[i].compress;
            return;
        }
    }
}

http_static *http_static_new(const char *root, size_t cache_bytes, const char *cache_control)
{
    int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        bz_warn("static files: cannot open directory '%s'", root);
        return NULL;
    }
    http_static *s = calloc(1, sizeof(*s));
    if (!s || !(s->cache_control = strdup(cache_control))) {
        free(s);
        close(fd);
        return NULL;
    }
    s->root_fd = fd;
    s->cache_budget = cache_bytes;
    pthread_mutex_init(&s->lock, NULL);
    return s;
}

static void entry_free(entry *e)
{
    free(e->data);
    free(e->gz);
    free(e);
}

void http_static_free(http_static *s)
{
    if (!s) {
        return;
    }
    for (int i = 0; i < CACHE_SLOTS; i++) {
        for (entry *e = s->slots[i], *next; e; e = next) {
            next = e->next;
            entry_free(e);
        }
    }
    for (entry *e = s->retired, *next; e; e = next) {
        next = e->next;
        entry_free(e);
    }
    pthread_mutex_destroy(&s->lock);
    free(s->cache_control);
    close(s->root_fd);
    free(s);
}

/* Refuse empty, ".", ".." and dot-file segments (dot files are never part of a build). */
static bool safe_path(const char *p)
{
    if (p[0] != '/' || strchr(p, '\\')) {
        return false;
    }
    for (const char *seg = p + 1; *seg;) {
        const char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if ((len == 0 && end) || seg[0] == '.') {
            return false;
        }
        if (!end) {
            break;
        }
        seg = end + 1;
    }
    return true;
}

static uint32_t hash_path(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 16777619u;
    }
    return h;
}

static char *gzip_bytes(const char *data, size_t len, size_t *out_len)
{
    z_stream z = {0};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return NULL;
    }
    size_t cap = deflateBound(&z, (uLong)len);
    char *out = malloc(cap);
    if (out) {
        z.next_in = (Bytef *)data;
        z.avail_in = (uInt)len;
        z.next_out = (Bytef *)out;
        z.avail_out = (uInt)cap;
        if (deflate(&z, Z_FINISH) != Z_STREAM_END || z.total_out >= len) {
            free(out);
            out = NULL; /* not worth it */
        } else {
            *out_len = z.total_out;
        }
    }
    deflateEnd(&z);
    return out;
}

/* len bytes of the file from byte `at`. */
static bool read_range(int fd, char *buf, size_t len, off_t at)
{
    size_t off = 0;
    while (off < len) {
        ssize_t n = pread(fd, buf + off, len - off, at + (off_t)off);
        if (n <= 0) {
            return false;
        }
        off += (size_t)n;
    }
    return true;
}

static bool read_all(int fd, char *buf, size_t len)
{
    return read_range(fd, buf, len, 0);
}

/* The cached entry for path+etag, loading (and gzipping) it when absent and within budget.
 * NULL when the file is not cacheable: the caller reads it itself. */
static entry *cached(http_static *s, const char *path, const char *etag, int fd, size_t size,
                     bool compress)
{
    uint32_t slot = hash_path(path) % CACHE_SLOTS;
    pthread_mutex_lock(&s->lock);
    entry **pp = &s->slots[slot];
    for (; *pp; pp = &(*pp)->next) {
        if (strcmp((*pp)->path, path) == 0) {
            break;
        }
    }
    entry *e = *pp;
    bool hit = e && strcmp(e->etag, etag) == 0;
    bool room = s->cache_used + size * 2 <= s->cache_budget;
    pthread_mutex_unlock(&s->lock);
    if (hit || size > CACHE_FILE_MAX || !room) {
        return hit ? e : NULL;
    }

    /* Load outside the lock; a concurrent loader of the same file just wastes one read. */
    entry *fresh = calloc(1, sizeof(*fresh) + strlen(path) + 1);
    if (!fresh || !(fresh->data = malloc(size ? size : 1)) || !read_all(fd, fresh->data, size)) {
        if (fresh) {
            entry_free(fresh);
        }
        return NULL;
    }
    strcpy(fresh->path, path);
    bz_strlcpy(fresh->etag, etag, sizeof(fresh->etag));
    fresh->len = size;
    if (compress && size >= 256) {
        fresh->gz = gzip_bytes(fresh->data, size, &fresh->gzlen);
    }

    pthread_mutex_lock(&s->lock);
    for (pp = &s->slots[slot]; *pp && strcmp((*pp)->path, path) != 0; pp = &(*pp)->next) {
    }
    if (*pp) {
        entry *old = *pp;
        *pp = old->next;
        old->next = s->retired;
        s->retired = old;
    }
    fresh->next = s->slots[slot];
    s->slots[slot] = fresh;
    s->cache_used += fresh->len + fresh->gzlen;
    pthread_mutex_unlock(&s->lock);
    return fresh;
}

static bool etag_matches(const char *if_none_match, const char *etag)
{
    return if_none_match && (strstr(if_none_match, etag) || strcmp(if_none_match, "*") == 0);
}

/* A Range request of the file (http/range.h), answered 206 or 416; false when there is none
 * to serve (then the whole file goes). At most RANGE_MAX bytes a response: a player asking
 * for "bytes=0-" of a long recording reads on with further ranges, and no response holds the
 * whole file in memory. An If-Range naming another version sends the whole (new) file. */
#define RANGE_MAX (4u << 20)
static bool serve_range(http_req *req, http_res *res, const char *type, const entry *e, int fd,
                        size_t size, const char *etag)
{
    const char *if_range = http_req_header(req, "If-Range");
    uint64_t first = 0, last = 0;
    http_range_kind k = if_range && strcmp(if_range, etag) != 0
                            ? HTTP_RANGE_NONE
                            : http_range_parse(http_req_header(req, "Range"), size, &first, &last);
    char cr[80];
    if (k == HTTP_RANGE_UNSATISFIABLE) {
        snprintf(cr, sizeof(cr), "bytes */%zu", size);
        http_res_header(res, "Content-Range", cr);
        http_res_empty(res, 416);
        return true;
    }
    if (k != HTTP_RANGE_OK) {
        return false;
    }
    if (last - first >= RANGE_MAX) {
        last = first + RANGE_MAX - 1;
    }
    size_t len = (size_t)(last - first + 1);
    const char *data = e ? e->data + first : NULL;
    if (!data) {
        char *buf = bz_arena_alloc(http_req_arena(req), len);
        if (!buf || !read_range(fd, buf, len, (off_t)first)) {
            http_res_error(res, BZ_EINTERNAL, NULL, NULL);
            return true;
        }
        data = buf;
    }
    snprintf(cr, sizeof(cr), "bytes %llu-%llu/%zu", (unsigned long long)first,
             (unsigned long long)last, size);
    http_res_header(res, "Content-Range", cr);
    http_res_ext(res, 206, type, data, len);
    return true;
}

static bool accepts_gzip(http_req *req)
{
    const char *ae = http_req_header(req, "Accept-Encoding");
    return ae && strstr(ae, "gzip");
}

static void serve_open_file(http_static *s, http_req *req, http_res *res, const char *path, int fd,
                            const struct stat *st)
{
    char etag[48];
    snprintf(etag, sizeof(etag), "\"%llx-%llx\"", (unsigned long long)st->st_size,
             (unsigned long long)st->st_mtim.tv_sec * 1000000000ull +
                 (unsigned long long)st->st_mtim.tv_nsec);
    const char *type;
    bool compress;
    content_type(path, &type, &compress);
    bool html = strncmp(type, "text/html", 9) == 0;
    /* The service worker runs under the CSP its script was served with, so it gets the page's
     * policy (the API's default-src 'none' would forbid every fetch it makes); like the page
     * and the manifest it must be revalidated, or an update could take an hour to land. */
    bool worker = strcmp(path, "/sw.js") == 0;
    bool revalidate = html || worker || strcmp(path, "/manifest.webmanifest") == 0;
    const char *cc = revalidate                          ? "no-cache"
                     : strncmp(path, "/assets/", 8) == 0 ? "public, max-age=31536000, immutable"
                                                         : s->cache_control;
    http_res_header(res, "ETag", etag);
    http_res_header(res, "Cache-Control", cc);
    if (compress) {
        http_res_header(res, "Vary", "Accept-Encoding");
    }
    if (etag_matches(http_req_header(req, "If-None-Match"), etag)) {
        http_res_empty(res, 304);
        return;
    }
    http_res_header(res, "Accept-Ranges", "bytes");
    size_t size = (size_t)st->st_size;
    entry *e = cached(s, path, etag, fd, size, compress);
    if (serve_range(req, res, type, e, fd, size, etag)) {
        /* answered: 206 or 416 */
    } else if (e && e->gz && accepts_gzip(req)) {
        http_res_header(res, "Content-Encoding", "gzip");
        http_res_ext(res, 200, type, e->gz, e->gzlen);
    } else if (e) {
        http_res_ext(res, 200, type, e->data, e->len);
    } else {
        char *buf = size ? bz_arena_alloc(http_req_arena(req), size) : NULL;
        if (size && (!buf || !read_all(fd, buf, size))) {
            http_res_error(res, BZ_EINTERNAL, NULL, NULL);
            return;
        }
        http_res_ext(res, 200, type, buf ? buf : "", size);
    }
    res->html = html || worker; /* which CSP the middleware writes */
}

int http_static_serve(http_static *s, http_req *req, http_res *res, const char *relpath)
{
    char path[1024];
    size_t n = bz_strlcpy(path, relpath, sizeof(path));
    if (n >= sizeof(path) - 16 || !safe_path(path)) {
        return BZ_ENOTFOUND;
    }
    if (path[n - 1] == '/') {
        strcat(path, "index.html");
    }
    int fd = openat(s->root_fd, path + 1, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        return BZ_ENOTFOUND;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return BZ_ENOTFOUND;
    }
    serve_open_file(s, req, res, path, fd, &st);
    close(fd);
    return BZ_OK;
}
