/* bench/load/synchttp.h - a blocking HTTP/1.1 request for the setup step, which runs
 * before the event loop and needs no speed (one connection per request). */
#ifndef BENCH_LOAD_SYNCHTTP_H
#define BENCH_LOAD_SYNCHTTP_H

#include "netutil.h"

#include <jansson.h>

/* Sends the request and parses the JSON answer. Returns the HTTP status (the answer,
 * possibly NULL when it is not JSON, in *out, owned by the caller) or -1 on a
 * transport error or a 10 s timeout. */
int sync_http_json(const target *t, const char *method, const char *path, const char *token,
                   json_t *body, json_t **out);

#endif
