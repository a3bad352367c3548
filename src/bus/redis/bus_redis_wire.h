/*
 * bus/redis/bus_redis_wire.h - how an event travels through Redis.
 *
 * Channel: one per room, "blytz:ev:stream:<id>" or "blytz:ev:user:<id>"; every node
 * PSUBSCRIBEs "blytz:ev:*" (so a later version can subscribe per room without a format
 * change). Message: "<s|u> <target> <seq> <name>\n" then the JSON bytes, binary-safe.
 * Limits: name at most BUS_REDIS_MAX_NAME bytes, whole message at most BUS_REDIS_MAX_MSG;
 * larger events are refused at publish and dropped at receipt.
 *
 * Pure functions, any thread.
 */
#ifndef BUS_REDIS_BUS_REDIS_WIRE_H
#define BUS_REDIS_BUS_REDIS_WIRE_H

#include "app/ports/events.h"

#include <stddef.h>

#define BUS_REDIS_PATTERN  "blytz:ev:*"
#define BUS_REDIS_MAX_NAME 64
#define BUS_REDIS_MAX_MSG  (1024 * 1024)
#define BUS_REDIS_MAX_HEAD (BUS_REDIS_MAX_NAME + 64)

/* The channel for `ev` into `out` (at least 64 bytes); returns its length. */
size_t bus_redis_channel(const event *ev, char *out, size_t outlen);

/* The message header (everything before the JSON) into `out` (BUS_REDIS_MAX_HEAD bytes);
 * returns its length, or 0 when the name or the whole message is over the limits. */
size_t bus_redis_header(const event *ev, char *out, size_t outlen);

/* Parse a received message. On success fills `ev` (name points into `name_buf`, json into
 * `msg`) and returns 0; -1 for a malformed or oversized message. */
int bus_redis_decode(const char *msg, size_t len, event *ev, char name_buf[BUS_REDIS_MAX_NAME + 1]);

#endif
