/*
 * http/metrics.h - request counters and histograms, rendered in Prometheus text format.
 *
 * Every update happens on the loop thread (handler times are measured on the worker and
 * recorded when the completion reaches the loop), so the counters are plain integers: no
 * atomics, no locks. Series are per route slot: one per registered route plus a few pseudo
 * routes (static files, unmatched, CORS preflight).
 */
#ifndef HTTP_METRICS_H
#define HTTP_METRICS_H

#include "base/buf.h"

#include <stdint.h>

typedef struct http_metrics http_metrics;

/* `nslots` route slots; label each with http_metrics_label before use. NULL on OOM. */
http_metrics *http_metrics_new(int nslots);
void http_metrics_free(http_metrics *m);

/* Set the labels of `slot` (copied). */
void http_metrics_label(http_metrics *m, int slot, const char *method, const char *route);

/* One request finished with `status` after `total_ns` (first byte to response queued), of
 * which `handler_ns` were spent in the handler (0 if it ran on the loop) and `store_ns` of
 * those in store calls. */
void http_metrics_request(http_metrics *m, int slot, int status, uint64_t total_ns,
                          uint64_t handler_ns, uint64_t store_ns);

/* Open connections gauge. */
void http_metrics_conn(http_metrics *m, int delta);

/* A connection was closed at accept (its address held too many). */
void http_metrics_refused(http_metrics *m);

/* Append the exposition text. BZ_OK or BZ_ENOMEM. */
int http_metrics_render(const http_metrics *m, bz_buf *out);

#endif
