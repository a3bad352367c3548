/* bench/load/scenario.h - options shared by the scenarios, server sampling and the
 * one JSON line each scenario prints. */
#ifndef BENCH_LOAD_SCENARIO_H
#define BENCH_LOAD_SCENARIO_H

#include "driver.h"
#include "netutil.h"
#include "viewers.h"

#include <jansson.h>
#include <sys/types.h>

typedef struct bench_opts {
    const char *scenario;
    target t;
    unsigned viewers;
    double rate;       /* bids/s (fanout) or the first step's rate (max_deliveries) */
    double duration_s; /* bidding, idling or the whole ramp */
    unsigned bidders;
    bid_via via;
    pid_t server_pid; /* 0: no server figures */
    double connect_rate;
    unsigned src_addrs;
    double ramp_step_s, ramp_factor;
    double drain_s;        /* how long to wait for late deliveries after the last bid */
    double join_timeout_s; /* how long viewers may take to join */
    double rate_probe;     /* flood: REST reads per second measured beside the flood */
    int chatters;          /* flood: signed-in chat:message flooders (-1: the default) */
} bench_opts;

typedef struct server_sample {
    bool ok;
    uint64_t at_us, cpu_us, rss_bytes;
} server_sample;

/* CPU and RSS of the server now (ok = false without --server-pid or on error). */
server_sample server_sample_now(const bench_opts *o);

/* Server CPU µs between two samples, or -1 when unknown. */
double server_cpu_between(const server_sample *a, const server_sample *b);

/* Adds server_cpu_s and, when per > 0, "<per_name>" = CPU µs per unit. */
void report_server_cpu(json_t *out, const server_sample *a, const server_sample *b,
                       const char *per_name, uint64_t per);

/* Adds the latency percentiles of h in ms under prefix (prefix_p50_ms ...). */
void report_latency(json_t *out, const char *prefix, const lat_hist *h);

/* Adds the driver's bid counters (sent, accepted, refused by code, rotations ...). */
void report_bids(json_t *out, const bid_driver *d);

/* Prints out as one line on stdout (keys in insertion order) and frees it. */
void report_print(json_t *out);

/* Closes every handle still open on loop and runs it until they are gone (bounded). */
void loop_close_all(uv_loop_t *loop);

/* A scenario's main loop: sets *phase_at_us to now, fires on_tick (tick->data = data) every
 * every_ms until the scenario stops the loop, then closes every handle (loop_close_all). */
void scenario_run(uv_loop_t *loop, uv_timer_t *tick, void *data, uint64_t *phase_at_us,
                  uv_timer_cb on_tick, uint64_t every_ms);

/* Runs the setup with the given number of bidders; prints the reason on failure. */
bool scenario_setup(const bench_opts *o, unsigned bidders, bench_env *env);

/* The end of a scenario of viewers, after its report: prints the pool's first error (naming
 * what failed: "viewer", "connection"), frees the pool and the setup. The exit status: 0 once
 * any viewer joined. */
int scenario_finish_viewers(viewer_pool *pool, bench_env *env, const char *what);

int scenario_fanout(const bench_opts *o, bool find_max);
int scenario_idle(const bench_opts *o);
int scenario_bids(const bench_opts *o);
int scenario_flood(const bench_opts *o);

#endif
