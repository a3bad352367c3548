/*
 * wire/events.h - the payloads of the Socket.IO events the server sends
 * (DESIGN §3, docs/realtime-protocol.md).
 *
 * Ownership as wire/wire.h says. Any thread.
 */
#ifndef WIRE_EVENTS_H
#define WIRE_EVENTS_H

#include <jansson.h>
#include <stdint.h>

/* `user:joined` / `user:left`: {stream_id, user{id, username}, viewers}. */
json_t *wire_presence(int64_t stream_id, int64_t user_id, const char *username, int64_t viewers);

#endif
