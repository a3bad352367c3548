#include "http/router.h"

#include "base/err.h"

#include <stdlib.h>
#include <string.h>

#define NMETHODS (HTTP_M_OTHER + 1)

typedef struct node node;
struct node {
    char *seg; /* literal segment (NULL for a parameter node) */
    size_t seglen;
    node **kids; /* literal children */
    int nkids;
    node *param; /* the {param} child */
    int ids[NMETHODS];
    const http_route *routes[NMETHODS];
    char *names[NMETHODS][HTTP_MAX_PARAMS];
    unsigned allowed;
};

struct http_router {
    node *root;
};

static node *node_new(const char *seg, size_t len)
{
    node *n = calloc(1, sizeof(*n));
    if (!n) {
        return NULL;
    }
    if (seg) {
        n->seg = strndup(seg, len);
        if (!n->seg) {
            free(n);
            return NULL;
        }
        n->seglen = len;
    }
    for (int i = 0; i < NMETHODS; i++) {
        n->ids[i] = -1;
    }
    return n;
}

static void node_free(node *n)
{
    if (!n) {
        return;
    }
    for (int i = 0; i < n->nkids; i++) {
        node_free(n->kids[i]);
    }
    free(n->kids);
    node_free(n->param);
    for (int m = 0; m < NMETHODS; m++) {
        for (int i = 0; i < HTTP_MAX_PARAMS; i++) {
            free(n->names[m][i]);
        }
    }
    free(n->seg);
    free(n);
}

http_router *http_router_new(void)
{
    http_router *r = calloc(1, sizeof(*r));
    if (r && !(r->root = node_new(NULL, 0))) {
        free(r);
        return NULL;
    }
    return r;
}

void http_router_free(http_router *r)
{
    if (r) {
        node_free(r->root);
        free(r);
    }
}

static node *literal_child(const node *n, const char *seg, size_t len)
{
    for (int i = 0; i < n->nkids; i++) {
        node *k = n->kids[i];
        if (k->seglen == len && memcmp(k->seg, seg, len) == 0) {
            return k;
        }
    }
    return NULL;
}

static node *add_literal(node *n, const char *seg, size_t len)
{
    node *k = literal_child(n, seg, len);
    if (k) {
        return k;
    }
    node **kids = realloc(n->kids, sizeof(*kids) * (size_t)(n->nkids + 1));
    if (!kids) {
        return NULL;
    }
    n->kids = kids;
    if (!(k = node_new(seg, len))) {
        return NULL;
    }
    n->kids[n->nkids++] = k;
    return k;
}

int http_router_add(http_router *r, const http_route *route, int id)
{
    const char *p = route->pattern;
    if (!p || p[0] != '/' || route->method < 0 || route->method >= NMETHODS) {
        return BZ_EVALIDATION;
    }
    node *n = r->root;
    char *names[HTTP_MAX_PARAMS] = {0};
    int nparams = 0;
    int rc = BZ_OK;
    p++;
    while (*p && rc == BZ_OK) {
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == 0) {
            rc = BZ_EVALIDATION;
        } else if (p[0] == '{') {
            if (len < 3 || p[len - 1] != '}' || nparams == HTTP_MAX_PARAMS) {
                rc = BZ_EVALIDATION;
            } else if (!n->param && !(n->param = node_new(NULL, 0))) {
                rc = BZ_ENOMEM;
            } else if (!(names[nparams++] = strndup(p + 1, len - 2))) {
                rc = BZ_ENOMEM;
            } else {
                n = n->param;
            }
        } else if (!(n = add_literal(n, p, len))) {
            rc = BZ_ENOMEM;
        }
        p += len;
        if (*p == '/') {
            p++;
            if (*p == '\0') {
                rc = BZ_EVALIDATION; /* no trailing slash in patterns */
            }
        }
    }
    if (rc == BZ_OK && n->ids[route->method] >= 0) {
        rc = BZ_EVALIDATION;
    }
    if (rc != BZ_OK) {
        for (int i = 0; i < nparams; i++) {
            free(names[i]);
        }
        return rc;
    }
    n->ids[route->method] = id;
    n->routes[route->method] = route;
    memcpy(n->names[route->method], names, sizeof(names));
    n->allowed |= 1u << route->method;
    if (route->method == HTTP_M_GET) {
        n->allowed |= 1u << HTTP_M_HEAD;
    }
    return BZ_OK;
}

/* Depth-first walk: literal first, then the parameter, so the most specific route wins. */
static const node *walk(const node *n, const char *p, const char *end, http_match *m)
{
    if (p == end) {
        return n->allowed ? n : NULL;
    }
    if (*p != '/') {
        return NULL;
    }
    p++;
    const char *seg_end = memchr(p, '/', (size_t)(end - p));
    if (!seg_end) {
        seg_end = end;
    }
    size_t len = (size_t)(seg_end - p);
    if (len == 0) {
        return NULL;
    }
    const node *k = literal_child(n, p, len);
    if (k) {
        const node *found = walk(k, seg_end, end, m);
        if (found) {
            return found;
        }
    }
    if (n->param && m->nparams < HTTP_MAX_PARAMS) {
        int slot = m->nparams++;
        m->params[slot].value = p;
        m->params[slot].len = len;
        const node *found = walk(n->param, seg_end, end, m);
        if (found) {
            return found;
        }
        m->nparams--;
    }
    return NULL;
}

int http_router_match(const http_router *r, int method, const char *path, size_t len, http_match *m)
{
    m->id = -1;
    m->route = NULL;
    m->allowed = 0;
    m->nparams = 0;
    if (len == 1 && path[0] == '/') {
        len = 0; /* the root node */
    }
    const node *n = walk(r->root, path, path + len, m);
    if (!n) {
        m->nparams = 0;
        return BZ_ENOTFOUND;
    }
    m->allowed = n->allowed;
    int use = method;
    if (method >= 0 && method < NMETHODS && n->ids[method] < 0 && method == HTTP_M_HEAD) {
        use = HTTP_M_GET;
    }
    if (use < 0 || use >= NMETHODS || n->ids[use] < 0) {
        m->nparams = 0;
        return BZ_EMETHOD;
    }
    m->id = n->ids[use];
    m->route = n->routes[use];
    for (int i = 0; i < m->nparams; i++) {
        m->params[i].name = n->names[use][i];
    }
    return BZ_OK;
}

void http_router_allow_header(unsigned allowed, char *out, size_t size)
{
    static const char *names[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    size_t used = 0;
    out[0] = '\0';
    allowed |= 1u << HTTP_M_OPTIONS;
    for (int i = 0; i < HTTP_M_OTHER; i++) {
        if (!(allowed & (1u << i))) {
            continue;
        }
        size_t need = strlen(names[i]) + (used ? 2 : 0);
        if (used + need + 1 > size) {
            break;
        }
        if (used) {
            memcpy(out + used, ", ", 2);
            used += 2;
        }
        memcpy(out + used, names[i], strlen(names[i]));
        used += strlen(names[i]);
        out[used] = '\0';
    }
}
