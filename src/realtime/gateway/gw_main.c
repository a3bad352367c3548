/*
 * Gateway lifecycle, HTTP mounts, the wiring of its layers (gw->up) and the flush list's drain.
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

/* ---- flush list ----------------------------------------------------------------------- */

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
    gw->up = (gw_upcalls){gw_session_ws_message, gw_session_ws_closed, gw_sio_message,
                          gw_sio_session_closed};
    snprintf(gw->path, sizeof(gw->path), "%s", cfg->path ? cfg->path : "/socket.io");
    snprintf(gw->echo_path, sizeof(gw->echo_path), "%s", cfg->echo_path ? cfg->echo_path : "");
    gw->cfg.path = gw->path;
    gw->cfg.echo_path = gw->echo_path[0] ? gw->echo_path : NULL;
    if (gw_rooms_init(gw) != BZ_OK || gw_conns_init(gw) != BZ_OK) {
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
    gw_conns_free(gw);
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
