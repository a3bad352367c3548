/*
 * realtime/gateway/conformance.h - the configuration and test application the official
 * Engine.IO and Socket.IO conformance suites expect (`blytz conformance`; docs/realtime.md):
 * pingInterval 300, pingTimeout 200, maxPayload 1e6, connectTimeout 1000, CORS *, recovery
 * off; /engine.io/ is a bare Engine.IO echo, /socket.io/ serves the namespaces below.
 */
#ifndef REALTIME_GATEWAY_CONFORMANCE_H
#define REALTIME_GATEWAY_CONFORMANCE_H

#include "realtime/gateway/gateway.h"

void gw_conformance_config(gw_config *cfg);
const gw_nsp *const *gw_conformance_namespaces(void);

#endif
