/* bench/load/scenario_idle.c - `idle`: N Socket.IO connections join a room and stay
 * idle (answering heartbeats) for the duration; the server's VmRSS before the first
 * connection and at the end gives the memory per connection, its CPU time over the
 * idle period what holding them costs. */
#include "scenario.h"
#include "viewers.h"

#include <stdio.h>
#include <string.h>

enum idle_phase { IDLE_JOINING, IDLE_HOLDING, IDLE_DONE };

typedef struct idle_run {
    const bench_opts *o;
    bench_env env;
    viewer_pool pool;
    uv_timer_t tick;
    enum idle_phase phase;
    uint64_t phase_at_us;
    server_sample before, joined, after;
} idle_run;

static void ignore_bid(viewer_pool *p, const char *auction_id, size_t id_len, int64_t amount,
                       uint64_t at_us, void *ud)
{
}

static void on_tick(uv_timer_t *t)
{
    idle_run *r = t->data;
    uint64_t now = now_us();
    if (r->phase == IDLE_JOINING &&
        (viewer_pool_settled(&r->pool) ||
         now - r->phase_at_us > (uint64_t)(r->o->join_timeout_s * 1e6))) {
        fprintf(stderr, "blytz-load: %u connections joined (%u failed), holding them %.0f s\n",
                r->pool.joined, r->pool.failed, r->o->duration_s);
        r->joined = server_sample_now(r->o);
        r->phase = IDLE_HOLDING;
        r->phase_at_us = now;
    } else if (r->phase == IDLE_HOLDING &&
               now - r->phase_at_us >= (uint64_t)(r->o->duration_s * 1e6)) {
        r->after = server_sample_now(r->o);
        r->phase = IDLE_DONE;
        uv_timer_stop(t);
        uv_close((uv_handle_t *)t, NULL);
        viewer_pool_close(&r->pool);
    }
}

static void report(const idle_run *r)
{
    const bench_opts *o = r->o;
    json_t *out = json_object();
    unsigned held = r->pool.joined - r->pool.dropped;
    json_object_set_new(out, "scenario", json_string("idle"));
    json_object_set_new(out, "connections", json_integer(o->viewers));
    json_object_set_new(out, "connections_joined", json_integer(r->pool.joined));
    json_object_set_new(out, "connections_failed", json_integer(r->pool.failed));
    json_object_set_new(out, "connections_dropped", json_integer(r->pool.dropped));
    json_object_set_new(out, "connect_s",
                        json_real((double)(r->joined.at_us - r->before.at_us) / 1e6));
    json_object_set_new(out, "idle_s", json_real((double)(r->after.at_us - r->joined.at_us) / 1e6));
    report_latency(out, "join", &r->pool.join_latency);
    if (r->before.ok && r->after.ok) {
        json_object_set_new(out, "server_rss_before",
                            json_integer((json_int_t)r->before.rss_bytes));
        json_object_set_new(out, "server_rss_joined",
                            json_integer((json_int_t)r->joined.rss_bytes));
        json_object_set_new(out, "server_rss_after", json_integer((json_int_t)r->after.rss_bytes));
        double grown = (double)r->after.rss_bytes - (double)r->before.rss_bytes;
        json_object_set_new(out, "server_bytes_per_connection", json_real(held ? grown / held : 0));
        double cpu_connect = server_cpu_between(&r->before, &r->joined);
        json_object_set_new(out, "server_cpu_connect_s", json_real(cpu_connect / 1e6));
    }
    report_server_cpu(out, &r->joined, &r->after, NULL, 0);
    report_print(out);
}

int scenario_idle(const bench_opts *o)
{
    static idle_run r;
    memset(&r, 0, sizeof r);
    r.o = o;
    if (!scenario_setup(o, 0, &r.env)) {
        return 1;
    }
    uv_loop_t *loop = uv_default_loop();
    r.before = server_sample_now(o);
    if (!viewer_pool_start(&r.pool, loop, &o->t, r.env.stream_id, o->viewers, o->connect_rate,
                           o->src_addrs, ignore_bid, &r)) {
        fprintf(stderr, "blytz-load: out of memory\n");
        return 1;
    }
    scenario_run(loop, &r.tick, &r, &r.phase_at_us, on_tick, 10);
    report(&r);
    return scenario_finish_viewers(&r.pool, &r.env, "connection");
}
