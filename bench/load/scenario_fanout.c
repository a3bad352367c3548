/* bench/load/scenario_fanout.c - `fanout` and `max_deliveries`.
 *
 * N viewers join one stream room; bidders bid over HTTP (or the socket) at a paced
 * rate. Each viewer looks the decoded (auction_id, amount) up in the bid log to
 * get the latency from the moment the bid request was written to the moment the
 * viewer read the event. `max_deliveries` raises the rate step by step and keeps
 * the best deliveries/s. */
#include "scenario.h"
#include "viewers.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

enum fanout_phase { FANOUT_JOINING, FANOUT_BIDDING, FANOUT_DRAINING, FANOUT_DONE };

#define RAMP_STEPS_MAX 32

typedef struct ramp_step {
    double rate, bids_per_s, deliveries_per_s, cpu_us_per_delivery;
} ramp_step;

typedef struct fanout_run {
    const bench_opts *o;
    bool find_max;
    bench_env env;
    viewer_pool pool;
    bid_driver driver;
    uv_timer_t tick;
    enum fanout_phase phase;
    uint64_t phase_at_us;
    double rate;
    uint64_t scheduled; /* bids due so far in this step */
    uint64_t step_start_us;
    server_sample cpu_start, cpu_end, step_cpu;
    uint64_t delivered, unmatched, step_delivered_base, step_accepted_base;
    uint64_t delivered_at_stop;
    lat_hist latency;
    ramp_step steps[RAMP_STEPS_MAX];
    unsigned step_count, flat_steps;
    double peak_deliveries_per_s;
} fanout_run;

static void on_bid_event(viewer_pool *p, const char *auction_id, size_t id_len, int64_t amount,
                         uint64_t at_us, void *ud)
{
    fanout_run *r = ud;
    uint64_t written;
    if (!bid_driver_written_at(&r->driver, auction_id, id_len, amount, &written)) {
        r->unmatched++; /* a bid this run did not send, or from a forgotten auction */
        return;
    }
    r->delivered++;
    lat_hist_add(&r->latency, at_us > written ? at_us - written : 0);
}

static void begin_step(fanout_run *r, uint64_t now, double rate)
{
    r->rate = rate;
    r->scheduled = 0;
    r->step_start_us = now;
    r->step_delivered_base = r->delivered;
    r->step_accepted_base = r->driver.accepted;
    r->step_cpu = server_sample_now(r->o);
}

/* Ends a ramp step; returns false when deliveries/s stopped growing. */
static bool end_step(fanout_run *r, uint64_t now)
{
    double secs = (double)(now - r->step_start_us) / 1e6;
    server_sample cpu = server_sample_now(r->o);
    ramp_step *s = &r->steps[r->step_count++];
    uint64_t delivered = r->delivered - r->step_delivered_base;
    s->rate = r->rate;
    s->bids_per_s = (double)(r->driver.accepted - r->step_accepted_base) / secs;
    s->deliveries_per_s = (double)delivered / secs;
    double cpu_us = server_cpu_between(&r->step_cpu, &cpu);
    s->cpu_us_per_delivery = cpu_us >= 0 && delivered ? cpu_us / (double)delivered : -1;
    /* growth below 3% twice in a row counts as the plateau */
    if (s->deliveries_per_s > r->peak_deliveries_per_s * 1.03) {
        r->flat_steps = 0;
    } else {
        r->flat_steps++;
    }
    if (s->deliveries_per_s > r->peak_deliveries_per_s) {
        r->peak_deliveries_per_s = s->deliveries_per_s;
    }
    return r->flat_steps < 2 && r->step_count < RAMP_STEPS_MAX;
}

static void stop_bidding(fanout_run *r, uint64_t now)
{
    bid_driver_stop(&r->driver);
    r->phase = FANOUT_DRAINING;
    r->phase_at_us = now;
    r->delivered_at_stop = r->delivered;
}

static void pace_bids(fanout_run *r, uint64_t now)
{
    double elapsed = (double)(now - r->step_start_us) / 1e6;
    uint64_t due = (uint64_t)floor(elapsed * r->rate);
    if (due > r->scheduled) {
        r->scheduled += bid_driver_fill(&r->driver, (unsigned)(due - r->scheduled));
    }
    double total = (double)(now - r->phase_at_us) / 1e6;
    if (!r->find_max) {
        if (total >= r->o->duration_s) {
            stop_bidding(r, now);
        }
        return;
    }
    if (elapsed >= r->o->ramp_step_s) {
        if (!end_step(r, now) || total >= r->o->duration_s) {
            stop_bidding(r, now);
        } else {
            begin_step(r, now, r->rate * r->o->ramp_factor);
        }
    }
}

static uint64_t expected_deliveries(const fanout_run *r)
{
    return r->driver.accepted * (uint64_t)r->pool.joined;
}

static void on_tick(uv_timer_t *t)
{
    fanout_run *r = t->data;
    uint64_t now = now_us();
    switch (r->phase) {
    case FANOUT_JOINING:
        if ((viewer_pool_settled(&r->pool) && bid_driver_ready(&r->driver)) ||
            now - r->phase_at_us > (uint64_t)(r->o->join_timeout_s * 1e6)) {
            fprintf(stderr, "blytz-load: %u viewers joined (%u failed), bidding\n", r->pool.joined,
                    r->pool.failed);
            r->phase = FANOUT_BIDDING;
            r->phase_at_us = now;
            r->cpu_start = server_sample_now(r->o);
            begin_step(r, now, r->rate);
        }
        break;
    case FANOUT_BIDDING:
        pace_bids(r, now);
        break;
    case FANOUT_DRAINING:
        if ((r->driver.in_flight == 0 && r->delivered >= expected_deliveries(r)) ||
            now - r->phase_at_us > (uint64_t)(r->o->drain_s * 1e6)) {
            r->cpu_end = server_sample_now(r->o);
            r->phase = FANOUT_DONE;
            uv_timer_stop(t);
            uv_close((uv_handle_t *)t, NULL);
            viewer_pool_close(&r->pool);
            bid_driver_close(&r->driver);
        }
        break;
    case FANOUT_DONE:
        break;
    }
}

static json_t *ramp_steps_json(const fanout_run *r)
{
    json_t *steps = json_array();
    for (unsigned i = 0; i < r->step_count; i++) {
        const ramp_step *s = &r->steps[i];
        json_t *step = json_pack("{s:f,s:f,s:f}", "rate", s->rate, "bids_per_s", s->bids_per_s,
                                 "deliveries_per_s", s->deliveries_per_s);
        if (s->cpu_us_per_delivery >= 0) {
            json_object_set_new(step, "server_cpu_us_per_delivery",
                                json_real(s->cpu_us_per_delivery));
        }
        json_array_append_new(steps, step);
    }
    return steps;
}

static void report(const fanout_run *r)
{
    const bench_opts *o = r->o;
    double secs = (double)(r->cpu_end.at_us - r->cpu_start.at_us) / 1e6;
    uint64_t expected = expected_deliveries(r);
    json_t *out = json_object();
    json_object_set_new(out, "scenario", json_string(r->find_max ? "max_deliveries" : "fanout"));
    json_object_set_new(out, "viewers", json_integer(o->viewers));
    json_object_set_new(out, "viewers_joined", json_integer(r->pool.joined));
    json_object_set_new(out, "viewers_failed", json_integer(r->pool.failed));
    json_object_set_new(out, "viewers_dropped", json_integer(r->pool.dropped));
    json_object_set_new(out, "bid_via", json_string(o->via == BID_VIA_HTTP ? "http" : "socket"));
    json_object_set_new(out, "bidders", json_integer(o->bidders));
    if (!r->find_max) {
        json_object_set_new(out, "target_bids_per_s", json_real(o->rate));
    }
    json_object_set_new(out, "duration_s", json_real(secs));
    report_bids(out, &r->driver);
    json_object_set_new(out, "bids_per_s", json_real((double)r->driver.accepted / secs));
    json_object_set_new(out, "deliveries_expected", json_integer((json_int_t)expected));
    json_object_set_new(out, "deliveries_received", json_integer((json_int_t)r->delivered));
    json_object_set_new(
        out, "deliveries_lost",
        json_integer(expected > r->delivered ? (json_int_t)(expected - r->delivered) : 0));
    json_object_set_new(out, "unmatched_events", json_integer((json_int_t)r->unmatched));
    json_object_set_new(out, "deliveries_per_s", json_real((double)r->delivered / secs));
    if (r->find_max) {
        json_object_set_new(out, "peak_deliveries_per_s", json_real(r->peak_deliveries_per_s));
        json_object_set_new(out, "steps", ramp_steps_json(r));
    }
    report_latency(out, "latency", &r->latency);
    report_server_cpu(out, &r->cpu_start, &r->cpu_end, "server_cpu_us_per_delivery", r->delivered);
    report_print(out);
}

int scenario_fanout(const bench_opts *o, bool find_max)
{
    static fanout_run r; /* large (histograms); one run per process */
    memset(&r, 0, sizeof r);
    r.o = o;
    r.find_max = find_max;
    r.rate = o->rate;
    lat_hist_init(&r.latency);
    if (!scenario_setup(o, o->bidders, &r.env)) {
        return 1;
    }
    uv_loop_t *loop = uv_default_loop();
    if (!bid_driver_init(&r.driver, loop, &o->t, &r.env, o->via, false) ||
        !viewer_pool_start(&r.pool, loop, &o->t, r.env.stream_id, o->viewers, o->connect_rate,
                           o->src_addrs, on_bid_event, &r)) {
        fprintf(stderr, "blytz-load: out of memory\n");
        return 1;
    }
    scenario_run(loop, &r.tick, &r, &r.phase_at_us, on_tick, 1);
    report(&r);
    bid_driver_free(&r.driver);
    return scenario_finish_viewers(&r.pool, &r.env, "viewer");
}
