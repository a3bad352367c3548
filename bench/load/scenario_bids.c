/* bench/load/scenario_bids.c - `bids`: M bidders (HTTP keep-alive or Socket.IO) each
 * keep one bid in flight on the stream's auction for the duration; reports accepted
 * bids/s, refusals by code and the bid round-trip latency. */
#include "scenario.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

enum bids_phase { BIDS_CONNECTING, BIDS_RUNNING, BIDS_DRAINING, BIDS_DONE };

typedef struct bids_run {
    const bench_opts *o;
    bench_env env;
    bid_driver driver;
    uv_timer_t tick;
    enum bids_phase phase;
    uint64_t phase_at_us;
    server_sample start, stop;
    uint64_t accepted_at_stop;
} bids_run;

static void on_tick(uv_timer_t *t)
{
    bids_run *r = t->data;
    uint64_t now = now_us();
    switch (r->phase) {
    case BIDS_CONNECTING:
        if (bid_driver_ready(&r->driver)) {
            r->phase = BIDS_RUNNING;
            r->phase_at_us = now;
            r->start = server_sample_now(r->o);
            bid_driver_fill(&r->driver, UINT_MAX);
        } else if (now - r->phase_at_us > (uint64_t)(r->o->join_timeout_s * 1e6)) {
            fprintf(stderr, "blytz-load: bidders could not connect\n");
            r->phase = BIDS_DRAINING;
        }
        break;
    case BIDS_RUNNING:
        if (now - r->phase_at_us >= (uint64_t)(r->o->duration_s * 1e6)) {
            r->stop = server_sample_now(r->o);
            r->accepted_at_stop = r->driver.accepted;
            bid_driver_stop(&r->driver);
            r->phase = BIDS_DRAINING;
            r->phase_at_us = now;
        }
        break;
    case BIDS_DRAINING:
        if (r->driver.in_flight == 0 || now - r->phase_at_us > (uint64_t)(r->o->drain_s * 1e6)) {
            r->phase = BIDS_DONE;
            uv_timer_stop(t);
            uv_close((uv_handle_t *)t, NULL);
            bid_driver_close(&r->driver);
        }
        break;
    case BIDS_DONE:
        break;
    }
}

static void report(const bids_run *r)
{
    const bench_opts *o = r->o;
    double secs = (double)(r->stop.at_us - r->start.at_us) / 1e6;
    json_t *out = json_object();
    json_object_set_new(out, "scenario", json_string("bids"));
    json_object_set_new(out, "bidders", json_integer(o->bidders));
    json_object_set_new(out, "bid_via", json_string(o->via == BID_VIA_HTTP ? "http" : "socket"));
    json_object_set_new(out, "duration_s", json_real(secs));
    report_bids(out, &r->driver);
    json_object_set_new(out, "accepted_per_s",
                        json_real(secs > 0 ? (double)r->accepted_at_stop / secs : 0));
    json_object_set_new(out, "requests_per_s",
                        json_real(secs > 0 ? (double)r->driver.latency.total / secs : 0));
    report_latency(out, "latency", &r->driver.latency);
    report_server_cpu(out, &r->start, &r->stop, "server_cpu_us_per_accepted_bid",
                      r->accepted_at_stop);
    report_print(out);
}

int scenario_bids(const bench_opts *o)
{
    static bids_run r;
    memset(&r, 0, sizeof r);
    r.o = o;
    if (!scenario_setup(o, o->bidders, &r.env)) {
        return 1;
    }
    uv_loop_t *loop = uv_default_loop();
    if (!bid_driver_init(&r.driver, loop, &o->t, &r.env, o->via, true)) {
        fprintf(stderr, "blytz-load: out of memory\n");
        return 1;
    }
    scenario_run(loop, &r.tick, &r, &r.phase_at_us, on_tick, 1);
    if (!r.stop.at_us) {
        r.stop = server_sample_now(o);
    }
    report(&r);
    bid_driver_free(&r.driver);
    setup_free(&r.env);
    return r.driver.accepted ? 0 : 1;
}
