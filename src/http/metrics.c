#include "http/metrics.h"

#include "base/check.h"
#include "base/err.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int statuses[] = {200, 201, 202, 204, 206, 301, 302, 304, 400, 401, 403, 404,
                               405, 408, 409, 413, 415, 422, 429, 431, 500, 502, 503, 504};
#define NSTATUS      ((int)(sizeof(statuses) / sizeof(statuses[0])))
#define OTHER_STATUS NSTATUS

/* Upper bounds in seconds; the +Inf bucket is implicit. */
static const double bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                0.1,    0.25,  0.5,    1,     2.5,  5};
#define NBUCKETS ((int)(sizeof(bounds) / sizeof(bounds[0])))

typedef struct histogram {
    uint64_t buckets[NBUCKETS + 1];
    uint64_t count;
    uint64_t sum_ns;
} histogram;

typedef struct slot {
    char method[12];
    char route[120];
    uint64_t by_status[NSTATUS + 1];
    histogram latency;
    bool used;
} slot;

struct http_metrics {
    int nslots;
    slot *slots;
    histogram handler;
    histogram store; /* per request that ran on a worker */
    int64_t open_conns;
    uint64_t conns_total;
    uint64_t refused_total;
};

http_metrics *http_metrics_new(int nslots)
{
    http_metrics *m = calloc(1, sizeof(*m));
    if (!m) {
        return NULL;
    }
    m->slots = calloc((size_t)nslots, sizeof(slot));
    if (!m->slots) {
        free(m);
        return NULL;
    }
    m->nslots = nslots;
    return m;
}

void http_metrics_free(http_metrics *m)
{
    if (m) {
        free(m->slots);
        free(m);
    }
}

void http_metrics_label(http_metrics *m, int i, const char *method, const char *route)
{
    if (i < 0 || i >= m->nslots) {
        return;
    }
    /* Label values are written unescaped, so keep only characters that need no escaping. */
    snprintf(m->slots[i].method, sizeof(m->slots[i].method), "%s", method);
    char *out = m->slots[i].route;
    size_t n = 0;
    for (const char *p = route; *p && n + 1 < sizeof(m->slots[i].route); p++) {
        out[n++] = (*p == '"' || *p == '\\' || *p == '\n') ? '_' : *p;
    }
    out[n] = '\0';
}

static int status_index(int status)
{
    for (int i = 0; i < NSTATUS; i++) {
        if (statuses[i] == status) {
            return i;
        }
    }
    return OTHER_STATUS;
}

static void observe(histogram *h, uint64_t ns)
{
    double s = (double)ns / 1e9;
    int b = 0;
    while (b < NBUCKETS && s > bounds[b]) {
        b++;
    }
    h->buckets[b]++;
    h->count++;
    h->sum_ns += ns;
}

void http_metrics_request(http_metrics *m, int i, int status, uint64_t total_ns,
                          uint64_t handler_ns, uint64_t store_ns)
{
    if (i < 0 || i >= m->nslots) {
        return;
    }
    slot *s = &m->slots[i];
    s->used = true;
    s->by_status[status_index(status)]++;
    observe(&s->latency, total_ns);
    if (handler_ns) {
        observe(&m->handler, handler_ns);
        observe(&m->store, store_ns);
    }
}

void http_metrics_conn(http_metrics *m, int delta)
{
    m->open_conns += delta;
    if (delta > 0) {
        m->conns_total += (uint64_t)delta;
    }
}

void http_metrics_refused(http_metrics *m)
{
    m->refused_total++;
}

static void render_histogram(bz_buf *out, const char *name, const char *labels, const histogram *h)
{
    uint64_t cumulative = 0;
    const char *sep = labels[0] ? "," : "";
    for (int b = 0; b <= NBUCKETS; b++) {
        cumulative += h->buckets[b];
        if (b < NBUCKETS) {
            bz_buf_printf(out, "%s_bucket{%s%sle=\"%g\"} %llu\n", name, labels, sep, bounds[b],
                          (unsigned long long)cumulative);
        } else {
            bz_buf_printf(out, "%s_bucket{%s%sle=\"+Inf\"} %llu\n", name, labels, sep,
                          (unsigned long long)cumulative);
        }
    }
    const char *open = labels[0] ? "{" : "";
    const char *close = labels[0] ? "}" : "";
    bz_buf_printf(out, "%s_sum%s%s%s %.6f\n", name, open, labels, close, (double)h->sum_ns / 1e9);
    bz_buf_printf(out, "%s_count%s%s%s %llu\n", name, open, labels, close,
                  (unsigned long long)h->count);
}

int http_metrics_render(const http_metrics *m, bz_buf *out)
{
    bz_buf_puts(out, "# HELP blytz_http_requests_total HTTP requests by route and status.\n"
                     "# TYPE blytz_http_requests_total counter\n");
    for (int i = 0; i < m->nslots; i++) {
        const slot *s = &m->slots[i];
        for (int k = 0; s->used && k <= NSTATUS; k++) {
            if (!s->by_status[k]) {
                continue;
            }
            char status[8];
            snprintf(status, sizeof(status), "%d", k < NSTATUS ? statuses[k] : 0);
            bz_buf_printf(out,
                          "blytz_http_requests_total{method=\"%s\",route=\"%s\",status=\"%s\"} "
                          "%llu\n",
                          s->method, s->route, k < NSTATUS ? status : "other",
                          (unsigned long long)s->by_status[k]);
        }
    }
    bz_buf_puts(out, "# HELP blytz_http_request_duration_seconds Time from a request's first "
                     "byte to its response being queued.\n"
                     "# TYPE blytz_http_request_duration_seconds histogram\n");
    for (int i = 0; i < m->nslots; i++) {
        const slot *s = &m->slots[i];
        if (!s->used) {
            continue;
        }
        char labels[160];
        snprintf(labels, sizeof(labels), "method=\"%s\",route=\"%s\"", s->method, s->route);
        render_histogram(out, "blytz_http_request_duration_seconds", labels, &s->latency);
    }
    bz_buf_puts(out, "# HELP blytz_http_handler_duration_seconds Time spent in handlers on "
                     "worker threads (store and use cases).\n"
                     "# TYPE blytz_http_handler_duration_seconds histogram\n");
    render_histogram(out, "blytz_http_handler_duration_seconds", "", &m->handler);
    bz_buf_puts(out, "# HELP blytz_store_duration_seconds Time each worker request spent in "
                     "database calls.\n"
                     "# TYPE blytz_store_duration_seconds histogram\n");
    render_histogram(out, "blytz_store_duration_seconds", "", &m->store);
    bz_buf_printf(out,
                  "# HELP blytz_http_open_connections Open HTTP connections.\n"
                  "# TYPE blytz_http_open_connections gauge\n"
                  "blytz_http_open_connections %lld\n"
                  "# HELP blytz_http_connections_total Accepted HTTP connections.\n"
                  "# TYPE blytz_http_connections_total counter\n"
                  "blytz_http_connections_total %llu\n"
                  "# HELP blytz_http_refused_connections_total Connections closed at accept: "
                  "their address held too many.\n"
                  "# TYPE blytz_http_refused_connections_total counter\n"
                  "blytz_http_refused_connections_total %llu\n"
                  "# HELP blytz_invariant_failures_total Internal contracts found broken "
                  "(base/check.h): a bug; the log names each site.\n"
                  "# TYPE blytz_invariant_failures_total counter\n"
                  "blytz_invariant_failures_total %llu\n",
                  (long long)m->open_conns, (unsigned long long)m->conns_total,
                  (unsigned long long)m->refused_total, (unsigned long long)bz_check_failures());
    return out->data ? BZ_OK : BZ_ENOMEM;
}
