/*
 * cmd/outbox_worker.h - the thread that runs this node's outbox (app/outbox.h,
 * docs/outbox.md).
 *
 * One thread with its own store connection calls app_outbox_run whenever rows
 * are due: it sleeps until the next row's time, at most `idle_ms` (rows other
 * nodes add, or that its own sleep did not know of, are seen within that
 * time), and wakes at once when this process enqueues (outbox_worker_kick,
 * plugged into app_env as outbox_kick). It reads the counts /metrics shows
 * every `stats_ms`, deletes done rows older than `keep_done_ms` about
 * once an hour, and runs `chore` (when set) every `chore_ms` with its context: work
 * that is due by the clock rather than by a row (unpaid orders past their deadline). Several nodes
 * each run one: PostgreSQL hands each row to one of them (store_outbox_claim).
 *
 * Handlers are registered by the composition root before the thread starts;
 * each runs on the worker's thread with the worker's context. A row of a kind
 * nobody registered is parked (an operator requeues it once a node runs a
 * handler for it).
 *
 * Thread rules: new, register, start, stop and free on one thread (the
 * composition root's); kick and metrics from any thread.
 */
#ifndef CMD_OUTBOX_WORKER_H
#define CMD_OUTBOX_WORKER_H

#include "app/outbox.h"
#include "base/buf.h"

#include <stdint.h>

typedef struct outbox_worker outbox_worker;

typedef struct outbox_worker_config {
    const app_env *env;   /* the node's; outlives the worker */
    int batch;            /* rows per app_outbox_run (16) */
    uint32_t idle_ms;     /* the longest sleep (1000) */
    uint32_t stats_ms;    /* how often the counts are read (5000) */
    int64_t keep_done_ms; /* done rows are deleted after this (7 days) */
    /* Work due by the clock, on the worker's thread and connection, every chore_ms (30000);
     * NULL = none. Its failures are its own to log. */
    void (*chore)(app_ctx *c);
    uint32_t chore_ms;
} outbox_worker_config;

void outbox_worker_config_defaults(outbox_worker_config *cfg);

/* NULL on OOM. */
outbox_worker *outbox_worker_new(const outbox_worker_config *cfg);

/* Run rows of `kind` with `run(data, ...)`. Before start only. BZ_OK; BZ_ECONFLICT when the
 * kind has a handler already; BZ_EVALIDATION for a kind outbox_kind_ok refuses; BZ_ENOMEM;
 * BZ_EINTERNAL after start. */
int outbox_worker_register(outbox_worker *w, const char *kind, app_outbox_fn run, void *data);

/* Start the thread on connection `s`, which the worker owns from now on (closed by stop, or
 * here on failure). BZ_OK or BZ_ENOMEM / BZ_EINTERNAL. */
int outbox_worker_start(outbox_worker *w, store *s);

/* Wake the thread to look for due rows now (app_env's outbox_kick: `w` is the worker). */
void outbox_worker_kick(void *w);

/* Ask the thread to stop, wait until the row it runs (if any) is recorded and it has ended,
 * and close its connection. Again, or before start: nothing. */
void outbox_worker_stop(outbox_worker *w);

/* Stop, then free. NULL allowed. */
void outbox_worker_free(outbox_worker *w);

/* Append the outbox's gauges and counters in Prometheus text (http_server_on_metrics). */
void outbox_worker_metrics(void *w, bz_buf *out);

/* How many rows the thread ran since it started (tests, metrics). */
uint64_t outbox_worker_rows_run(const outbox_worker *w);

#endif
