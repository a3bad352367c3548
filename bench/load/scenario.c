/* bench/load/scenario.c - see scenario.h. */
#include "scenario.h"

#include "procstat.h"

#include <stdio.h>
#include <stdlib.h>

server_sample server_sample_now(const bench_opts *o)
{
    server_sample s = {.at_us = now_us()};
    if (o->server_pid > 0) {
        s.ok = proc_cpu_us(o->server_pid, &s.cpu_us) && proc_rss_bytes(o->server_pid, &s.rss_bytes);
    }
    return s;
}

double server_cpu_between(const server_sample *a, const server_sample *b)
{
    if (!a->ok || !b->ok || b->cpu_us < a->cpu_us) {
        return -1;
    }
    return (double)(b->cpu_us - a->cpu_us);
}

void report_server_cpu(json_t *out, const server_sample *a, const server_sample *b,
                       const char *per_name, uint64_t per)
{
    double cpu = server_cpu_between(a, b);
    if (cpu < 0) {
        return;
    }
    double wall = (double)(b->at_us - a->at_us);
    json_object_set_new(out, "server_cpu_s", json_real(cpu / 1e6));
    json_object_set_new(out, "server_cpu_cores", json_real(wall > 0 ? cpu / wall : 0));
    if (per_name && per > 0) {
        json_object_set_new(out, per_name, json_real(cpu / (double)per));
    }
}

void report_latency(json_t *out, const char *prefix, const lat_hist *h)
{
    char key[64];
    static const struct {
        const char *name;
        double p;
    } points[] = {{"p50", 50}, {"p90", 90}, {"p99", 99}};
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        snprintf(key, sizeof key, "%s_%s_ms", prefix, points[i].name);
        json_object_set_new(out, key, json_real((double)lat_hist_percentile(h, points[i].p) / 1e3));
    }
    snprintf(key, sizeof key, "%s_max_ms", prefix);
    json_object_set_new(out, key, json_real((double)h->max_us / 1e3));
}

void report_bids(json_t *out, const bid_driver *d)
{
    json_object_set_new(out, "bids_sent", json_integer((json_int_t)d->sent));
    json_object_set_new(out, "bids_accepted", json_integer((json_int_t)d->accepted));
    json_object_set_new(out, "bids_refused", json_integer((json_int_t)d->refused));
    json_t *codes = json_object();
    for (unsigned i = 0; i < DRIVER_CODES_MAX && d->codes[i].code[0]; i++) {
        json_object_set_new(codes, d->codes[i].code, json_integer((json_int_t)d->codes[i].count));
    }
    json_object_set_new(out, "refused_by_code", codes);
    json_object_set_new(out, "auction_rotations", json_integer((json_int_t)d->rotations));
    if (d->rotation_failures) {
        json_object_set_new(out, "rotation_failures",
                            json_integer((json_int_t)d->rotation_failures));
    }
}

void report_print(json_t *out)
{
    char *text = json_dumps(out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    if (text) {
        printf("%s\n", text);
        fflush(stdout);
    }
    free(text);
    json_decref(out);
}

static void close_walk_cb(uv_handle_t *h, void *arg)
{
    if (!uv_is_closing(h)) {
        uv_close(h, NULL); /* only handles whose owner already forgot them remain */
    }
}

void loop_close_all(uv_loop_t *loop)
{
    for (int round = 0; round < 100 && uv_run(loop, UV_RUN_NOWAIT); round++) {
        ;
    }
    uv_walk(loop, close_walk_cb, NULL);
    for (int round = 0; round < 1000 && uv_run(loop, UV_RUN_NOWAIT); round++) {
        ;
    }
}

void scenario_run(uv_loop_t *loop, uv_timer_t *tick, void *data, uint64_t *phase_at_us,
                  uv_timer_cb on_tick, uint64_t every_ms)
{
    uv_timer_init(loop, tick);
    tick->data = data;
    *phase_at_us = now_us();
    uv_timer_start(tick, on_tick, every_ms, every_ms);
    uv_run(loop, UV_RUN_DEFAULT);
    loop_close_all(loop);
}

bool scenario_setup(const bench_opts *o, unsigned bidders, bench_env *env)
{
    char err[512] = "";
    if (setup_run(&o->t, bidders, env, err, sizeof err)) {
        return true;
    }
    fprintf(stderr, "blytz-load: setup failed: %s\n", err);
    return false;
}

int scenario_finish_viewers(viewer_pool *pool, bench_env *env, const char *what)
{
    if (pool->first_error[0]) {
        fprintf(stderr, "blytz-load: first %s error: %s\n", what, pool->first_error);
    }
    int status = pool->joined ? 0 : 1;
    viewer_pool_free(pool);
    setup_free(env);
    return status;
}
