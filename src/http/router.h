/*
 * http/router.h - route matching on a segment trie, built once before serving.
 *
 * Patterns are "/"-separated literal segments and {name} parameters. Matching walks the raw
 * (still percent-encoded) path one segment at a time; a literal child wins over the parameter
 * child, with backtracking, so "/products/search" and "/products/{id}" coexist. HEAD falls
 * back to the GET route of the same path.
 *
 * Thread rules: build on one thread; once built, matching is read-only and thread-safe.
 */
#ifndef HTTP_ROUTER_H
#define HTTP_ROUTER_H

#include "http/http.h"

#include <stddef.h>

#define HTTP_MAX_PARAMS 8

typedef struct http_router http_router;

typedef struct http_param_span {
    const char *name;  /* the router's copy of the {name} */
    const char *value; /* points into the matched path, not NUL-terminated, still encoded */
    size_t len;
} http_param_span;

typedef struct http_match {
    int id; /* id given to http_router_add, or -1 */
    const http_route *route;
    unsigned allowed; /* methods the path accepts (bit 1 << HTTP_M_*); 0 = unknown path */
    int nparams;
    http_param_span params[HTTP_MAX_PARAMS];
} http_match;

http_router *http_router_new(void);
void http_router_free(http_router *r);

/* Add `route` (not copied: it must outlive the router) under caller id `id`. BZ_EVALIDATION
 * for a malformed pattern or a duplicate method+pattern, BZ_ENOMEM. */
int http_router_add(http_router *r, const http_route *route, int id);

/* Match `method` (enum http_method) and the raw path (no query string) of `len` bytes.
 * Returns 0 and fills m->id/route/params on a match; BZ_EMETHOD if the path exists with
 * other methods (m->allowed says which); BZ_ENOTFOUND otherwise. */
int http_router_match(const http_router *r, int method, const char *path, size_t len,
                      http_match *m);

/* "GET, HEAD, POST" for an allowed mask, into out (at least 64 bytes). */
void http_router_allow_header(unsigned allowed, char *out, size_t size);

#endif
