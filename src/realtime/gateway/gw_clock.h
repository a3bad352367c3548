/*
 * realtime/gateway/gw_clock.h - the timers of one Engine.IO session as pure arithmetic:
 * heartbeat (pingInterval / pingTimeout), connectTimeout and upgradeTimeout. Time is passed
 * in (ms, any monotonic origin), so the rules are unit-tested without a loop; the gateway
 * keeps one libuv timer per session armed at gw_clock_next().
 *
 * Rules (facts sheet §2.5, §2.6, §3.3): a ping is due `interval` after the session opens
 * and `interval` after each pong; the pong deadline runs from the moment the ping was due
 * (not from when the loop got round to queuing it), so a silent peer is gone at exactly
 * interval + timeout.
 */
#ifndef REALTIME_GATEWAY_GW_CLOCK_H
#define REALTIME_GATEWAY_GW_CLOCK_H

#include <stdint.h>

typedef struct gw_clock {
    uint64_t ping_at;    /* next ping due; 0 = none (waiting for a pong) */
    uint64_t pong_by;    /* a ping is out: close if no pong by then; 0 = none */
    uint64_t connect_by; /* no namespace joined by then: close; 0 = none */
    uint64_t upgrade_by; /* the probing WebSocket must send `5` by then; 0 = none */
} gw_clock;

enum gw_tick {
    GW_TICK_PING = 1 << 0,            /* queue a ping */
    GW_TICK_PING_TIMEOUT = 1 << 1,    /* close the session: no pong */
    GW_TICK_CONNECT_TIMEOUT = 1 << 2, /* close the session: no CONNECT */
    GW_TICK_UPGRADE_TIMEOUT = 1 << 3, /* close the probing WebSocket only */
};

/* Start the clock of a session opened at `now`. connect_timeout 0 = no connect deadline. */
void gw_clock_open(gw_clock *c, uint64_t now, uint32_t interval, uint32_t connect_timeout);

/* What is due at `now` (a set of enum gw_tick); due items are consumed (a ping moves the
 * clock to waiting-for-pong with pong_by = ping due time + timeout). */
unsigned gw_clock_tick(gw_clock *c, uint64_t now, uint32_t timeout);

/* A pong arrived at `now`: the next ping is due `interval` later. */
void gw_clock_pong(gw_clock *c, uint64_t now, uint32_t interval);

/* The earliest pending deadline, 0 if none. */
uint64_t gw_clock_next(const gw_clock *c);

#endif
