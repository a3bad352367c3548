/* bench/load/viewers.c - see viewers.h. */
#include "viewers.h"

#include "jscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum viewer_state { VIEWER_IDLE, VIEWER_JOINING, VIEWER_JOINED, VIEWER_FAILED };

struct viewer {
    viewer_pool *p;
    sioc *c;
    uint64_t started_us;
    int64_t join_ack;
    enum viewer_state state;
};

static void note_error(viewer_pool *p, const char *why)
{
    if (!p->first_error[0]) {
        snprintf(p->first_error, sizeof p->first_error, "%s", why);
    }
}

static void on_ready(sioc *c, void *ud)
{
    viewer *v = ud;
    v->join_ack = sioc_emit(c, v->p->join_args, true);
    if (v->join_ack < 0) {
        sioc_close(c);
    }
}

/* The ack of join:stream: [{"ok":true, ...}] */
static bool join_accepted(const char *args, size_t len)
{
    js_span first, ok;
    return js_array_item(args, len, 0, &first) && js_object_get(first.p, first.len, "ok", &ok) &&
           ok.len == 4 && memcmp(ok.p, "true", 4) == 0;
}

static void on_ack(sioc *c, uint64_t ack_id, const char *args, size_t len, uint64_t at, void *ud)
{
    viewer *v = ud;
    viewer_pool *p = v->p;
    if (v->state != VIEWER_JOINING || (int64_t)ack_id != v->join_ack) {
        return;
    }
    if (!join_accepted(args, len)) {
        v->state = VIEWER_FAILED;
        p->failed++;
        note_error(p, "join:stream refused");
        sioc_close(c);
        return;
    }
    v->state = VIEWER_JOINED;
    p->joined++;
    lat_hist_add(&p->join_latency, at - v->started_us);
    if (viewer_pool_settled(p)) {
        p->all_settled_at_us = at;
    }
}

static void on_event(sioc *c, const char *args, size_t len, uint64_t at, void *ud)
{
    viewer_pool *p = ((viewer *)ud)->p;
    js_span name, data, id, amount_text, id_text;
    int64_t amount;
    if (!js_array_item(args, len, 0, &name) || !js_span_string_eq(name, "auction:bid")) {
        p->other_events++;
        return;
    }
    if (!js_array_item(args, len, 1, &data) ||
        !js_object_get(data.p, data.len, "auction_id", &id_text) ||
        !js_span_plain_string(id_text, &id) ||
        !js_object_get(data.p, data.len, "amount", &amount_text) ||
        !js_span_int(amount_text, &amount)) {
        p->undecodable++;
        return;
    }
    p->bid_events++;
    p->on_bid(p, id.p, id.len, amount, at, p->ud);
}

static void on_closed(sioc *c, const char *why, void *ud)
{
    viewer *v = ud;
    viewer_pool *p = v->p;
    v->c = NULL;
    p->open_now--;
    if (v->state == VIEWER_JOINING) {
        v->state = VIEWER_FAILED;
        p->failed++;
        note_error(p, why);
        if (viewer_pool_settled(p)) {
            p->all_settled_at_us = now_us();
        }
    } else if (v->state == VIEWER_JOINED && !p->closing) {
        p->dropped++;
        note_error(p, why);
    }
}

static const sioc_handlers viewer_handlers = {
    .on_ready = on_ready,
    .on_event = on_event,
    .on_ack = on_ack,
    .on_closed = on_closed,
};

static void start_one(viewer_pool *p)
{
    viewer *v = &p->viewers[p->started];
    v->p = p;
    v->state = VIEWER_JOINING;
    v->started_us = now_us();
    p->started++;
    p->open_now++;
    v->c = sioc_new(p->loop, p->t, p->started, p->src_count, NULL, &viewer_handlers, v);
    if (!v->c) {
        p->open_now--;
        v->state = VIEWER_FAILED;
        p->failed++;
        note_error(p, "out of memory");
        return;
    }
    sioc_start(v->c); /* on failure on_closed has counted it */
}

static void on_tick(uv_timer_t *t)
{
    viewer_pool *p = t->data;
    double elapsed_s = (double)(now_us() - p->started_at_us) / 1e6;
    double due = elapsed_s * p->connect_rate;
    unsigned in_handshake = p->started - p->joined - p->failed;
    while (p->started < p->count && p->started < due && in_handshake < p->handshakes_max) {
        start_one(p);
        in_handshake = p->started - p->joined - p->failed;
    }
    if (p->started == p->count) {
        uv_timer_stop(t);
    }
}

bool viewer_pool_start(viewer_pool *p, uv_loop_t *loop, const target *t, const char *stream_id,
                       unsigned count, double connect_rate, unsigned src_count,
                       viewer_bid_cb on_bid, void *ud)
{
    memset(p, 0, sizeof *p);
    p->loop = loop;
    p->t = t;
    p->count = count;
    p->connect_rate = connect_rate > 0 ? connect_rate : 1000;
    p->handshakes_max = 512;
    p->src_count = src_count ? src_count : 1;
    p->on_bid = on_bid;
    p->ud = ud;
    lat_hist_init(&p->join_latency);
    snprintf(p->join_args, sizeof p->join_args, "[\"join:stream\",{\"stream_id\":\"%s\"}]",
             stream_id);
    p->viewers = calloc(count ? count : 1, sizeof *p->viewers);
    if (!p->viewers) {
        return false;
    }
    p->started_at_us = now_us();
    uv_timer_init(loop, &p->tick);
    p->tick.data = p;
    p->tick_live = true;
    return uv_timer_start(&p->tick, on_tick, 0, 1) == 0;
}

bool viewer_pool_settled(const viewer_pool *p)
{
    return p->started == p->count && p->joined + p->failed == p->count;
}

void viewer_pool_close(viewer_pool *p)
{
    p->closing = true;
    if (p->tick_live) {
        uv_close((uv_handle_t *)&p->tick, NULL);
        p->tick_live = false;
    }
    for (unsigned i = 0; i < p->started; i++) {
        if (p->viewers[i].c) {
            sioc_close(p->viewers[i].c);
        }
    }
}

void viewer_pool_free(viewer_pool *p)
{
    free(p->viewers);
    p->viewers = NULL;
}
