/*
 * realtime/live/live_limit.h - per-socket rate limits on client events, as pure arithmetic
 * (time passed in, no loop), so the rules are unit-tested without sockets.
 *
 * Every event a client sends belongs to a class (join:stream, leave:stream, chat:message,
 * auction:bid, anything else). Each class has a token bucket: `burst` events at once, refilled
 * at `rate` events per second. An event that finds its bucket empty is refused (the ack says
 * `rate_limited`) and costs the socket one token of a last bucket, the flood allowance: a
 * socket that empties that one too is flooding far past its limits (by default more than 64
 * refusals at once, or more than 8 refused events per second for several seconds) and is
 * disconnected. A client that merely runs a little hot is refused, never dropped.
 *
 * Memory: the state of one socket is 16 bytes (live_bucket): one refill time shared by the
 * classes and a 16-bit fill per class in 1/256 of a token, so a burst is at most 255 events.
 * Refills happen at most every LIVE_LIMIT_TICK_MS (events closer together than that share one
 * refill), which keeps the rounding loss below 1/256 token per class per tick.
 *
 * Configuration (BLYTZ_SOCKET_LIMITS): comma-separated `class=rate/burst` or `class=off`, for
 * the classes join, leave, chat, bid, other and flood; classes not named keep their defaults
 * ("join=2/10,leave=2/10,chat=2/10,bid=10/20,other=2/10,flood=8/64"). `rate` is events per
 * second (a decimal, at least 0.01); `burst` is 1..255.
 */
#ifndef REALTIME_LIVE_LIVE_LIMIT_H
#define REALTIME_LIVE_LIVE_LIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum live_ev_class {
    LIVE_EV_JOIN,
    LIVE_EV_LEAVE,
    LIVE_EV_CHAT,
    LIVE_EV_BID,
    LIVE_EV_OTHER,
    LIVE_EV_FLOOD, /* not an event: the allowance of refusals before a disconnect */
    LIVE_EV_NCLASSES
};

#define LIVE_LIMIT_TICK_MS   16u
#define LIVE_LIMIT_BURST_MAX 255u

typedef struct live_rate {
    uint32_t rate_x256; /* tokens per second, in 1/256 token */
    uint16_t burst;     /* tokens */
    bool off;           /* no limit for this class */
} live_rate;

typedef struct live_limits {
    live_rate cls[LIVE_EV_NCLASSES];
} live_limits;

typedef struct live_bucket {
    uint32_t last_ms;                /* the last refill (wraps: only differences are used) */
    uint16_t fill[LIVE_EV_NCLASSES]; /* tokens in 1/256 token */
} live_bucket;

enum live_verdict {
    LIVE_ALLOW,  /* the event goes on */
    LIVE_REFUSE, /* answer rate_limited */
    LIVE_FLOOD,  /* refused, and the flood allowance is spent: disconnect */
};

void live_limits_defaults(live_limits *l);

/* Read a BLYTZ_SOCKET_LIMITS value over the defaults already in `l`. BZ_OK, or
 * BZ_EVALIDATION with a one-line reason in `err`. */
int live_limits_parse(live_limits *l, const char *spec, char *err, size_t errlen);

/* The class of an event name. */
enum live_ev_class live_ev_class_of(const char *name);
const char *live_ev_class_name(enum live_ev_class c);

/* A full bucket at `now_ms`. */
void live_bucket_init(live_bucket *b, const live_limits *l, uint32_t now_ms);

/* Account one event of class `c` at `now_ms`. */
enum live_verdict live_bucket_take(live_bucket *b, const live_limits *l, enum live_ev_class c,
                                   uint32_t now_ms);

/* Milliseconds until class `c` has a whole token again (0 when it has one). */
uint32_t live_bucket_retry_ms(const live_bucket *b, const live_limits *l, enum live_ev_class c);

#endif
