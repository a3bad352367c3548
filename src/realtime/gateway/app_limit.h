/*
 * realtime/gateway/app_limit.h - per-socket rate limits on client events, as pure arithmetic
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
 * Memory: the state of one socket is 16 bytes (app_bucket): one refill time shared by the
 * classes and a 16-bit fill per class in 1/256 of a token, so a burst is at most 255 events.
 * Refills happen at most every APP_LIMIT_TICK_MS (events closer together than that share one
 * refill), which keeps the rounding loss below 1/256 token per class per tick.
 *
 * Configuration (BLYTZ_SOCKET_LIMITS): comma-separated `class=rate/burst` or `class=off`, for
 * the classes join, leave, chat, bid, other and flood; classes not named keep their defaults
 * ("join=2/10,leave=2/10,chat=2/10,bid=10/20,other=2/10,flood=8/64"). `rate` is events per
 * second (a decimal, at least 0.01); `burst` is 1..255.
 */
#ifndef REALTIME_GATEWAY_APP_LIMIT_H
#define REALTIME_GATEWAY_APP_LIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum app_ev_class {
    APP_EV_JOIN,
    APP_EV_LEAVE,
    APP_EV_CHAT,
    APP_EV_BID,
    APP_EV_OTHER,
    APP_EV_FLOOD, /* not an event: the allowance of refusals before a disconnect */
    APP_EV_NCLASSES
};

#define APP_LIMIT_TICK_MS   16u
#define APP_LIMIT_BURST_MAX 255u

typedef struct app_rate {
    uint32_t rate_x256; /* tokens per second, in 1/256 token */
    uint16_t burst;     /* tokens */
    bool off;           /* no limit for this class */
} app_rate;

typedef struct app_limits {
    app_rate cls[APP_EV_NCLASSES];
} app_limits;

typedef struct app_bucket {
    uint32_t last_ms;               /* the last refill (wraps: only differences are used) */
    uint16_t fill[APP_EV_NCLASSES]; /* tokens in 1/256 token */
} app_bucket;

enum app_verdict {
    APP_ALLOW,  /* the event goes on */
    APP_REFUSE, /* answer rate_limited */
    APP_FLOOD,  /* refused, and the flood allowance is spent: disconnect */
};

void app_limits_defaults(app_limits *l);

/* Read a BLYTZ_SOCKET_LIMITS value over the defaults already in `l`. BZ_OK, or
 * BZ_EVALIDATION with a one-line reason in `err`. */
int app_limits_parse(app_limits *l, const char *spec, char *err, size_t errlen);

/* The class of an event name. */
enum app_ev_class app_ev_class_of(const char *name);
const char *app_ev_class_name(enum app_ev_class c);

/* A full bucket at `now_ms`. */
void app_bucket_init(app_bucket *b, const app_limits *l, uint32_t now_ms);

/* Account one event of class `c` at `now_ms`. */
enum app_verdict app_bucket_take(app_bucket *b, const app_limits *l, enum app_ev_class c,
                                 uint32_t now_ms);

/* Milliseconds until class `c` has a whole token again (0 when it has one). */
uint32_t app_bucket_retry_ms(const app_bucket *b, const app_limits *l, enum app_ev_class c);

#endif
