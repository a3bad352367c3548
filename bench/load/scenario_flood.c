/* bench/load/scenario_flood.c - `flood`: does a socket that floods the server with events
 * move the latency of ordinary REST reads? A prober sends GET /api/v1/products/{id} at
 * --probe-rate per second (open loop, over up to PROBES keep-alive connections) for
 * --duration seconds alone (the baseline), then for --duration seconds more while --viewers
 * anonymous sockets each send join:stream and --chatters signed-in sockets each send
 * chat:message, every one at --rate events per second, all with acks. A flooder that the
 * server disconnects comes back at once with a new connection, as an attacker would.
 * The prober has its own thread and loop, so the flood's traffic inside this process does
 * not delay its reads. Reports REST p50/p90/p99/max of both phases and their ratio, and
 * what the flood got (acks ok, rate_limited, other; server disconnects; reconnects). */
#include "httpc.h"
#include "jscan.h"
#include "scenario.h"
#include "setup.h"
#include "sioc.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PROBES = 16, FLOOD_TICK_MAX = 64 /* events per flooder per tick, after a stall */ };

enum flood_phase { FLOOD_BASELINE, FLOOD_CONNECTING, FLOOD_FLOODING, FLOOD_DONE };

/* The REST prober, on its own thread. */
typedef struct prober {
    uv_loop_t loop;
    uv_timer_t tick;
    uv_thread_t thread;
    const bench_opts *o;
    httpc *conn[PROBES];
    char path[160];
    uint64_t started_us, sent, skipped, failed;
    lat_hist rest[2];  /* baseline, flood */
    atomic_int phase;  /* 0 baseline, 1 flood, 2 stop: set by the main thread */
    atomic_bool ready; /* its loop is running */
} prober;

typedef struct flooder {
    sioc *c;
    unsigned index;
    bool chat;
    uint64_t sent;         /* events sent by this slot during the flood phase */
    uint64_t reconnect_at; /* when a closed slot connects again (0: it is open) */
    char auth[BENCH_TOKEN_MAX + 16];
} flooder;

typedef struct flood_run {
    const bench_opts *o;
    bench_env env;
    uv_loop_t *loop;
    uv_timer_t tick;
    enum flood_phase phase;
    uint64_t phase_at_us, flood_at_us;
    prober probe;
    flooder *fl;
    unsigned nfl;
    char join_args[256], chat_args[256];
    uint64_t ev_sent, ack_ok, ack_limited, ack_other, server_closes, reconnects;
    server_sample s0, s1, s2;
} flood_run;

static flood_run run; /* one per process: callbacks reach it directly */

/* ---- the REST prober (its own thread) ------------------------------------------------- */

static void on_probe_done(httpc *c, int status, const char *body, size_t len, void *ud)
{
    if (status == 200) {
        lat_hist_add(ud, now_us() - httpc_written_at(c));
    } else {
        run.probe.failed++;
    }
}

/* Requests due by now; one that finds every connection busy is counted as skipped (the
 * server is that slow), not queued. */
static void on_probe_tick(uv_timer_t *t)
{
    prober *p = t->data;
    int phase = atomic_load(&p->phase);
    if (phase >= 2) {
        uv_close((uv_handle_t *)t, NULL);
        for (unsigned i = 0; i < PROBES; i++) {
            httpc_free(p->conn[i]);
        }
        return;
    }
    double due = (double)(now_us() - p->started_us) / 1e6 * p->o->rate_probe;
    while ((double)p->sent < due) {
        p->sent++;
        httpc *idle = NULL;
        for (unsigned i = 0; i < PROBES && !idle; i++) {
            if (!httpc_busy(p->conn[i])) {
                idle = p->conn[i];
            }
        }
        if (!idle ||
            !httpc_request(idle, "GET", p->path, NULL, NULL, on_probe_done, &p->rest[phase])) {
            p->skipped++;
        }
    }
}

static void prober_main(void *arg)
{
    prober *p = arg;
    uv_timer_start(&p->tick, on_probe_tick, 1, 1);
    p->started_us = now_us();
    atomic_store(&p->ready, true);
    uv_run(&p->loop, UV_RUN_DEFAULT);
    loop_close_all(&p->loop);
    uv_loop_close(&p->loop);
}

static bool prober_start(prober *p, const bench_opts *o, const char *product_id)
{
    p->o = o;
    lat_hist_init(&p->rest[0]);
    lat_hist_init(&p->rest[1]);
    snprintf(p->path, sizeof p->path, "/api/v1/products/%s", product_id);
    if (uv_loop_init(&p->loop) != 0) {
        return false;
    }
    uv_timer_init(&p->loop, &p->tick);
    p->tick.data = p;
    for (unsigned i = 0; i < PROBES; i++) {
        if (!(p->conn[i] = httpc_new(&p->loop, &o->t, i, o->src_addrs))) {
            return false;
        }
    }
    return uv_thread_create(&p->thread, prober_main, p) == 0;
}

/* ---- the flooders --------------------------------------------------------------------- */

static void on_ready(sioc *c, void *ud) {}

/* [{"ok":true,...}] or [{"ok":false,"error":{"code":"rate_limited",...}}] */
static void on_ack(sioc *c, uint64_t id, const char *args, size_t len, uint64_t at, void *ud)
{
    js_span first, ok, err, code;
    if (js_array_item(args, len, 0, &first) && js_object_get(first.p, first.len, "ok", &ok) &&
        ok.len == 4 && memcmp(ok.p, "true", 4) == 0) {
        run.ack_ok++;
    } else if (js_object_get(first.p, first.len, "error", &err) &&
               js_object_get(err.p, err.len, "code", &code) &&
               js_span_string_eq(code, "rate_limited")) {
        run.ack_limited++;
    } else {
        run.ack_other++;
    }
}

static void on_closed(sioc *c, const char *why, void *ud)
{
    flooder *f = ud;
    f->c = NULL;
    if (run.phase == FLOOD_CONNECTING || run.phase == FLOOD_FLOODING) {
        run.server_closes++;
        f->reconnect_at = now_us() + 1000; /* back at once (1 ms: no spin on a refusal) */
    }
}

static const sioc_handlers flooder_handlers = {
    .on_ready = on_ready,
    .on_ack = on_ack,
    .on_closed = on_closed,
};

static void flooder_start(flooder *f)
{
    f->reconnect_at = 0;
    f->c = sioc_new(run.loop, &run.o->t, f->index, run.o->src_addrs, f->chat ? f->auth : NULL,
                    &flooder_handlers, f);
    if (f->c) {
        sioc_start(f->c); /* on failure on_closed schedules a retry */
    } else {
        f->reconnect_at = now_us() + 100000;
    }
}

static void reconnect_tick(uint64_t now)
{
    for (unsigned i = 0; i < run.nfl; i++) {
        flooder *f = &run.fl[i];
        if (!f->c && f->reconnect_at && now >= f->reconnect_at) {
            run.reconnects++;
            flooder_start(f);
        }
    }
}

static void flood_tick(uint64_t now)
{
    double due = (double)(now - run.flood_at_us) / 1e6 * run.o->rate;
    reconnect_tick(now);
    for (unsigned i = 0; i < run.nfl; i++) {
        flooder *f = &run.fl[i];
        if (!f->c) {
            continue;
        }
        const char *args = f->chat ? run.chat_args : run.join_args;
        for (int n = 0; n < FLOOD_TICK_MAX && (double)f->sent < due && f->c && sioc_ready(f->c);
             n++) {
            if (sioc_emit(f->c, args, true) < 0) {
                break;
            }
            f->sent++;
            run.ev_sent++;
        }
        if ((double)f->sent < due - FLOOD_TICK_MAX) {
            f->sent = (uint64_t)due - FLOOD_TICK_MAX; /* a stalled or reconnecting slot does
                                                         not save up a burst */
        }
    }
}

static bool all_ready(void)
{
    for (unsigned i = 0; i < run.nfl; i++) {
        if (!run.fl[i].c || !sioc_ready(run.fl[i].c)) {
            return false;
        }
    }
    return true;
}

static void close_all(void)
{
    uv_timer_stop(&run.tick);
    uv_close((uv_handle_t *)&run.tick, NULL);
    for (unsigned i = 0; i < run.nfl; i++) {
        if (run.fl[i].c) {
            sioc_close(run.fl[i].c);
        }
    }
}

static void on_tick(uv_timer_t *t)
{
    uint64_t now = now_us();
    double phase_s = (double)(now - run.phase_at_us) / 1e6;
    switch (run.phase) {
    case FLOOD_BASELINE:
        if (phase_s >= run.o->duration_s) {
            run.s1 = server_sample_now(run.o);
            atomic_store(&run.probe.phase, 1);
            run.phase = FLOOD_CONNECTING;
            run.phase_at_us = now;
            for (unsigned i = 0; i < run.nfl; i++) {
                flooder_start(&run.fl[i]);
            }
        }
        break;
    case FLOOD_CONNECTING:
        reconnect_tick(now);
        if (all_ready() || phase_s > run.o->join_timeout_s) {
            fprintf(stderr, "blytz-load: %u flooders connected, flooding %.0f s\n", run.nfl,
                    run.o->duration_s);
            run.phase = FLOOD_FLOODING;
            run.phase_at_us = run.flood_at_us = now;
        }
        break;
    case FLOOD_FLOODING:
        flood_tick(now);
        if (phase_s >= run.o->duration_s) {
            run.s2 = server_sample_now(run.o);
            atomic_store(&run.probe.phase, 2);
            run.phase = FLOOD_DONE;
            close_all();
        }
        break;
    case FLOOD_DONE:
        break;
    }
}

/* ---- report --------------------------------------------------------------------------- */

static void report_phase(json_t *out, const char *name, const lat_hist *h, const server_sample *a,
                         const server_sample *b)
{
    char key[64];
    snprintf(key, sizeof key, "rest_%s", name);
    report_latency(out, key, h);
    snprintf(key, sizeof key, "rest_%s_requests", name);
    json_object_set_new(out, key, json_integer((json_int_t)h->total));
    double cpu = server_cpu_between(a, b);
    if (cpu >= 0) {
        snprintf(key, sizeof key, "server_cpu_cores_%s", name);
        json_object_set_new(out, key, json_real(cpu / (double)(b->at_us - a->at_us)));
    }
}

static void report(void)
{
    const bench_opts *o = run.o;
    json_t *out = json_object();
    unsigned chat = (unsigned)o->chatters;
    json_object_set_new(out, "scenario", json_string("flood"));
    json_object_set_new(out, "join_flooders", json_integer(run.nfl - chat));
    json_object_set_new(out, "chat_flooders", json_integer(chat));
    json_object_set_new(out, "events_per_s_per_socket", json_real(o->rate));
    json_object_set_new(out, "rest_probe_per_s", json_real(o->rate_probe));
    json_object_set_new(out, "duration_s", json_real(o->duration_s));
    const lat_hist *rest = run.probe.rest;
    report_phase(out, "baseline", &rest[0], &run.s0, &run.s1);
    report_phase(out, "flood", &rest[1], &run.s1, &run.s2);
    double b99 = (double)lat_hist_percentile(&rest[0], 99);
    double f99 = (double)lat_hist_percentile(&rest[1], 99);
    double b50 = (double)lat_hist_percentile(&rest[0], 50);
    double f50 = (double)lat_hist_percentile(&rest[1], 50);
    json_object_set_new(out, "rest_p50_ratio", json_real(b50 > 0 ? f50 / b50 : 0));
    json_object_set_new(out, "rest_p99_ratio", json_real(b99 > 0 ? f99 / b99 : 0));
    json_object_set_new(out, "rest_skipped", json_integer((json_int_t)run.probe.skipped));
    json_object_set_new(out, "rest_failed", json_integer((json_int_t)run.probe.failed));
    json_object_set_new(out, "events_sent", json_integer((json_int_t)run.ev_sent));
    json_object_set_new(out, "acks_ok", json_integer((json_int_t)run.ack_ok));
    json_object_set_new(out, "acks_rate_limited", json_integer((json_int_t)run.ack_limited));
    json_object_set_new(out, "acks_other", json_integer((json_int_t)run.ack_other));
    json_object_set_new(out, "server_disconnects", json_integer((json_int_t)run.server_closes));
    json_object_set_new(out, "reconnects", json_integer((json_int_t)run.reconnects));
    report_print(out);
}

int scenario_flood(const bench_opts *o)
{
    memset(&run, 0, sizeof run);
    run.o = o;
    unsigned chat = (unsigned)o->chatters;
    if (!scenario_setup(o, chat, &run.env)) {
        return 1;
    }
    run.loop = uv_default_loop();
    snprintf(run.join_args, sizeof run.join_args, "[\"join:stream\",{\"stream_id\":\"%s\"}]",
             run.env.stream_id);
    snprintf(run.chat_args, sizeof run.chat_args,
             "[\"chat:message\",{\"stream_id\":\"%s\",\"text\":\"flood\"}]", run.env.stream_id);
    run.nfl = o->viewers + chat;
    run.fl = calloc(run.nfl, sizeof *run.fl);
    if (!run.fl || !prober_start(&run.probe, o, run.env.product_id)) {
        fprintf(stderr, "blytz-load: cannot start the flood scenario\n");
        return 1;
    }
    for (unsigned i = 0; i < run.nfl; i++) {
        flooder *f = &run.fl[i];
        f->index = PROBES + i;
        f->chat = i >= o->viewers;
        if (f->chat) {
            snprintf(f->auth, sizeof f->auth, "{\"token\":\"%s\"}",
                     run.env.bidders[i - o->viewers].token);
        }
    }
    while (!atomic_load(&run.probe.ready)) {
        uv_sleep(1);
    }
    run.s0 = server_sample_now(o);
    scenario_run(run.loop, &run.tick, &run, &run.phase_at_us, on_tick, 1);
    uv_thread_join(&run.probe.thread);
    report();
    free(run.fl);
    setup_free(&run.env);
    return run.probe.rest[1].total ? 0 : 1;
}
