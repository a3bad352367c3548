/*
 * Gateway lifecycle, HTTP mounts, the session table (sid -> session) and the flush list.
 *
 * Output produced while handling one loop iteration (a broadcast, a reply, a ping) is
 * queued on the session and the session goes on the flush list; a uv_check handle (after
 * the poll phase) flushes every dirty session once, so one iteration's packets leave in
 * one write per connection (or one polling response). Output made by timers (pings) is
 * flushed by a uv_prepare handle before the loop blocks in poll; output made by I/O is
 * flushed by a uv_check handle right after the poll phase.
 */
#include "base/err.h"
#include "base/log.h"
#include "realtime/gateway/gw_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gw_config_defaults(gw_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->path = "/socket.io";
    cfg->ping_interval_ms = 25000;
    cfg->ping_timeout_ms = 20000;
    cfg->connect_timeout_ms = 45000;
    cfg->upgrade_timeout_ms = 10000;
    cfg->max_payload = 1000000;
    cfg->max_write_queue = 4u * 1024 * 1024;
    cfg->recovery_ms = 120000;
    cfg->room_history = 8192;
    cfg->max_sessions_per_addr = 1024;
    cfg->sessions_per_addr_per_min = 1200;
    cfg->session_burst = 200;
}

/* ---- message queue -------------------------------------------------------------------- */

int gw_msgq_push(gw_msgq *q, ws_msg *m)
{
    if (!m) {
        return BZ_ENOMEM;
    }
    if (q->len == q->cap) {
        uint32_t cap = q->cap ? q->cap * 2 : 4;
        ws_msg **items = realloc(q->items, sizeof(*items) * cap);
        if (!items) {
            ws_msg_unref(m);
            return BZ_ENOMEM;
        }
        q->items = items;
        q->cap = cap;
    }
    q->items[q->len++] = m;
    return BZ_OK;
}

void gw_msgq_clear(gw_msgq *q)
{
    for (uint32_t i = 0; i < q->len; i++) {
        ws_msg_unref(q->items[i]);
    }
    free(q->items);
    q->items = NULL;
    q->len = q->cap = 0;
}

/* ---- session table -------------------------------------------------------------------- */

static uint32_t sid_hash(const char *sid)
{
    uint32_t h = 2166136261u; /* FNV-1a: sids are random already */
    for (; *sid; sid++) {
        h = (h ^ (unsigned char)*sid) * 16777619u;
    }
    return h;
}

static int table_grow(gateway *gw)
{
    uint32_t cap = gw->table_cap ? gw->table_cap * 2 : 1024;
    gw_conn **t = calloc(cap, sizeof(*t));
    if (!t) {
        return BZ_ENOMEM;
    }
    for (uint32_t i = 0; i < gw->table_cap; i++) {
        for (gw_conn *c = gw->table[i], *next; c; c = next) {
            next = c->hnext;
            c->hnext = t[c->hash & (cap - 1)];
            t[c->hash & (cap - 1)] = c;
        }
    }
    free(gw->table);
    gw->table = t;
    gw->table_cap = cap;
    return BZ_OK;
}

gw_conn *gw_conn_find(gateway *gw, const char *sid)
{
    if (!gw->table_cap) {
        return NULL;
    }
    uint32_t h = sid_hash(sid);
    for (gw_conn *c = gw->table[h & (gw->table_cap - 1)]; c; c = c->hnext) {
        if (c->hash == h && strcmp(c->sid, sid) == 0) {
            return c;
        }
    }
    return NULL;
}

void gw_conn_insert(gateway *gw, gw_conn *c)
{
    if (gw->nconns + 1 > gw->table_cap / 2 && table_grow(gw) != BZ_OK && !gw->table_cap) {
        return;
    }
    c->hash = sid_hash(c->sid);
    gw_conn **slot = &gw->table[c->hash & (gw->table_cap - 1)];
    c->hnext = *slot;
    *slot = c;
    gw->nconns++;
}

/* ---- admission per client address ------------------------------------------------------ */

static int admission_init(gateway *gw)
{
    const gw_config *cfg = &gw->cfg;
    net_addr_limits lim = {.max_open = cfg->max_sessions_per_addr};
    if (cfg->sessions_per_addr_per_min && cfg->session_burst) {
        lim.rate_per_s = cfg->sessions_per_addr_per_min / 60.0;
        lim.burst = cfg->session_burst;
    }
    if (!lim.max_open && !lim.burst) {
        return BZ_OK; /* no limits: no table */
    }
    gw->sessions_by_addr = net_addrtab_new(&lim, 0);
    return gw->sessions_by_addr ? BZ_OK : BZ_ENOMEM;
}

enum net_addr_verdict gw_admit(gateway *gw, const char *ip, net_addr_key *key, int *retry_after_s)
{
    net_addr_key_from_ip(ip, key);
    if (!gw->sessions_by_addr) {
        return NET_ADDR_OK;
    }
    return net_addrtab_acquire(gw->sessions_by_addr, key, gw_now(gw), retry_after_s);
}

void gw_conn_remove(gateway *gw, gw_conn *c)
{
    if (c->addr_held) {
        c->addr_held = false; /* the session leaves the table exactly once: release it then */
        net_addrtab_release(gw->sessions_by_addr, &c->addr);
    }
    if (!gw->table_cap) {
        return;
    }
    for (gw_conn **p = &gw->table[c->hash & (gw->table_cap - 1)]; *p; p = &(*p)->hnext) {
        if (*p == c) {
            *p = c->hnext;
            c->hnext = NULL;
            gw->nconns--;
            return;
        }
    }
}

size_t gw_session_count(const gateway *gw)
{
    return gw->nconns;
}

uint64_t gw_now(const gateway *gw)
{
    return uv_now(gw->loop);
}

/* ---- flush list ----------------------------------------------------------------------- */

void gw_mark_dirty(gw_conn *c)
{
    if (c->dirty || c->state == GW_CLOSED) {
        return;
    }
    c->dirty = true;
    c->dirty_next = c->gw->dirty;
    c->gw->dirty = c;
}

static void flush_all(gateway *gw)
{
    while (gw->dirty) {
        gw_conn *list = gw->dirty;
        gw->dirty = NULL;
        while (list) {
            gw_conn *c = list;
            list = c->dirty_next;
            c->dirty = false;
            c->dirty_next = NULL;
            gw_session_flush(c);
        }
    }
}

static void on_check(uv_check_t *h)
{
    flush_all(h->data);
}

static void on_prepare(uv_prepare_t *h)
{
    flush_all(h->data);
}

/* ---- lifecycle ------------------------------------------------------------------------ */

gateway *gw_new(uv_loop_t *loop, const gw_config *cfg, const gw_nsp *const *nsps, void *app)
{
    gateway *gw = calloc(1, sizeof(*gw));
    if (!gw) {
        return NULL;
    }
    gw->loop = loop;
    gw->cfg = *cfg;
    gw->nsps = nsps;
    gw->app = app;
    snprintf(gw->path, sizeof(gw->path), "%s", cfg->path ? cfg->path : "/socket.io");
    snprintf(gw->echo_path, sizeof(gw->echo_path), "%s", cfg->echo_path ? cfg->echo_path : "");
    gw->cfg.path = gw->path;
    gw->cfg.echo_path = gw->echo_path[0] ? gw->echo_path : NULL;
    if (gw_rooms_init(gw) != BZ_OK || table_grow(gw) != BZ_OK || admission_init(gw) != BZ_OK) {
        gw_free(gw);
        return NULL;
    }
    uv_check_init(loop, &gw->flusher);
    gw->flusher.data = gw;
    uv_check_start(&gw->flusher, on_check);
    uv_unref((uv_handle_t *)&gw->flusher); /* sessions keep the loop alive, not this */
    uv_prepare_init(loop, &gw->timer_flusher);
    gw->timer_flusher.data = gw;
    uv_prepare_start(&gw->timer_flusher, on_prepare);
    uv_unref((uv_handle_t *)&gw->timer_flusher);
    gw->open_handles = 2;
    return gw;
}

static void on_stop(void *udata)
{
    gw_close(udata);
}

int gw_attach(gateway *gw, http_server *srv)
{
    gw->routes[0] = (http_route){HTTP_M_OTHER, gw->path, gw_http_handler, HTTP_ASYNC};
    int rc = http_server_add_mount(srv, &gw->routes[0]);
    if (rc == BZ_OK && gw->cfg.echo_path) {
        gw->routes[1] = (http_route){HTTP_M_OTHER, gw->echo_path, gw_http_echo_handler, HTTP_ASYNC};
        rc = http_server_add_mount(srv, &gw->routes[1]);
    }
    if (rc == BZ_OK) {
        http_server_on_stop(srv, on_stop, gw);
    }
    return rc;
}

static void on_flusher_closed(uv_handle_t *h)
{
    gateway *gw = h->data;
    gw->open_handles--;
}

void gw_close(gateway *gw)
{
    if (gw->closed) {
        return;
    }
    gw->closed = true;
    for (uint32_t i = 0; i < gw->table_cap; i++) {
        while (gw->table[i]) {
            gw_session_close(gw->table[i], false); /* removes itself from the table */
        }
    }
    flush_all(gw);
    uv_close((uv_handle_t *)&gw->flusher, on_flusher_closed);
    uv_close((uv_handle_t *)&gw->timer_flusher, on_flusher_closed);
}

void gw_free(gateway *gw)
{
    if (!gw) {
        return;
    }
    gw_rooms_free(gw);
    net_addrtab_free(gw->sessions_by_addr);
    free(gw->table);
    free(gw);
}

void *gw_app(const gateway *gw)
{
    return gw->app;
}

uv_loop_t *gw_loop(const gateway *gw)
{
    return gw->loop;
}
