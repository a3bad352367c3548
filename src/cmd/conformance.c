/*
 * blytz conformance: only the Socket.IO gateway, configured for the official Engine.IO and
 * Socket.IO conformance suites (realtime/gateway/conformance.h): /engine.io/ echoes,
 * /socket.io/ runs the suite's test app. No database, no REST routes. Listens on
 * 127.0.0.1:3000 (the suites' hard-coded address) unless BLYTZ_ADDR / --addr says
 * otherwise. How to run the suites: docs/realtime.md.
 */
#include "cmd/cmd.h"

#include "base/log.h"
#include "http/server.h"
#include "realtime/gateway/conformance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

static const char *listen_addr(const blytz_config *cfg)
{
    bool defaulted = strcmp(cfg->addr, "127.0.0.1:8080") == 0 && !getenv("BLYTZ_ADDR");
    return defaulted ? "127.0.0.1:3000" : cfg->addr;
}

int cmd_conformance(const blytz_config *cfg)
{
    uv_loop_t loop;
    uv_loop_init(&loop);
    static app_env env; /* no ports: the test app needs none */
    http_server_config hc;
    http_server_config_defaults(&hc);
    hc.addr = listen_addr(cfg);
    hc.workers = 1;
    hc.static_dir = NULL;
    hc.access_log = false;
    gw_config gc;
    gw_conformance_config(&gc);
    http_server *server = http_server_new(&loop, &hc, &env, NULL, NULL, NULL);
    gateway *gw = gw_new(&loop, &gc, gw_conformance_namespaces(), NULL);
    int rc = 1;
    if (!server || !gw || gw_attach(gw, server) || http_server_handle_signals(server)) {
        fprintf(stderr, "blytz conformance: cannot set up the server\n");
    } else if (http_server_start(server)) {
        fprintf(stderr, "blytz conformance: cannot listen on %s\n", hc.addr);
    } else {
        printf("Conformance gateway on http://%s (/engine.io/ echo, /socket.io/ test app)\n",
               hc.addr);
        fflush(stdout);
        rc = http_server_run(server) ? 1 : 0;
    }
    if (server && !http_server_stopped(server)) {
        uv_run(&loop, UV_RUN_DEFAULT);
    }
    http_server_free(server);
    gw_free(gw);
    uv_loop_close(&loop);
    return rc;
}
