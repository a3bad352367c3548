/*
 * The small application the official Socket.IO conformance suite expects (facts sheet
 * §5.2): in "/" and "/custom", greet every socket with `auth` carrying its CONNECT payload;
 * in "/", echo `message` as `message-back` and answer `message-with-ack` with the same
 * arguments (binary attachments stay binary). Every other namespace is unknown.
 */
#include "realtime/gateway/conformance.h"

#include <string.h>

static void greet(gw_sock *s, const char *auth, size_t len, bool recovered)
{
    (void)recovered;
    gw_emit(s, "auth", auth, len, NULL, 0);
}

static void echo(gw_sock *s, const char *name, const char *args, size_t len, const sio_bytes *bins,
                 int nbins, int64_t ack_id)
{
    if (strcmp(name, "message") == 0) {
        gw_emit(s, "message-back", args, len, bins, nbins);
    } else if (strcmp(name, "message-with-ack") == 0 && ack_id >= 0) {
        gw_ack(s, ack_id, args, len, bins, nbins);
    }
}

static const gw_nsp main_nsp = {"/", NULL, greet, echo, NULL};
static const gw_nsp custom_nsp = {"/custom", NULL, greet, NULL, NULL};
static const gw_nsp *const namespaces[] = {&main_nsp, &custom_nsp, NULL};

const gw_nsp *const *gw_conformance_namespaces(void)
{
    return namespaces;
}

void gw_conformance_config(gw_config *cfg)
{
    gw_config_defaults(cfg);
    cfg->path = "/socket.io";
    cfg->echo_path = "/engine.io";
    cfg->ping_interval_ms = 300;
    cfg->ping_timeout_ms = 200;
    cfg->connect_timeout_ms = 1000;
    cfg->max_payload = 1000000;
    cfg->cors_any = true;
    cfg->recovery = false;
}
