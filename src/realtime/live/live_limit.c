/* Per-socket event rate limits (live_limit.h). */
#include "realtime/live/live_limit.h"

#include "base/check.h"
#include "base/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const class_names[LIVE_EV_NCLASSES] = {"join", "leave", "chat",
                                                          "bid",  "other", "flood"};

static live_rate rate_of(double per_s, unsigned burst)
{
    return (live_rate){(uint32_t)(per_s * 256.0 + 0.5), (uint16_t)burst, false};
}

void live_limits_defaults(live_limits *l)
{
    /* A viewer switching shows joins a few a second at most; chat has its own, stricter
     * per-user limit behind this one (BLYTZ_CHAT_RATE), which this only shields from floods;
     * a bidding war is a bid or two a second per buyer. */
    l->cls[LIVE_EV_JOIN] = rate_of(2, 10);
    l->cls[LIVE_EV_LEAVE] = rate_of(2, 10);
    l->cls[LIVE_EV_CHAT] = rate_of(2, 10);
    l->cls[LIVE_EV_BID] = rate_of(10, 20);
    l->cls[LIVE_EV_OTHER] = rate_of(2, 10);
    l->cls[LIVE_EV_FLOOD] = rate_of(8, 64);
}

static int find_class(const char *name, size_t len)
{
    for (int i = 0; i < LIVE_EV_NCLASSES; i++) {
        if (strlen(class_names[i]) == len && memcmp(class_names[i], name, len) == 0) {
            return i;
        }
    }
    return -1;
}

/* "off" or "RATE/BURST" (the whole of `v`, `len` bytes). */
static bool parse_rate(const char *v, size_t len, live_rate *out)
{
    char buf[48];
    if (len == 0 || len >= sizeof(buf)) {
        return false;
    }
    memcpy(buf, v, len);
    buf[len] = '\0';
    if (strcmp(buf, "off") == 0) {
        *out = (live_rate){0, LIVE_LIMIT_BURST_MAX, true};
        return true;
    }
    char *end = NULL;
    double rate = strtod(buf, &end);
    if (end == buf || *end != '/' || !(rate >= 0.01 && rate <= 1e6)) {
        return false;
    }
    const char *b = end + 1;
    long burst = strtol(b, &end, 10);
    if (end == b || *end || burst < 1 || burst > (long)LIVE_LIMIT_BURST_MAX) {
        return false;
    }
    *out = rate_of(rate, (unsigned)burst);
    return true;
}

int live_limits_parse(live_limits *l, const char *spec, char *err, size_t errlen)
{
    live_limits next = *l;
    for (const char *p = spec && *spec ? spec : NULL; p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        int c = eq ? find_class(p, (size_t)(eq - p)) : -1;
        if (c < 0 || !parse_rate(eq + 1, len - (size_t)(eq + 1 - p), &next.cls[c])) {
            snprintf(err, errlen,
                     "expected class=RATE/BURST or class=off (classes join, leave, chat, bid, "
                     "other, flood; RATE per second >= 0.01, BURST 1..255), got \"%.*s\"",
                     (int)len, p);
            return BZ_EVALIDATION;
        }
        p = comma ? comma + 1 : NULL; /* an empty item (",," or a trailing comma) is refused */
    }
    *l = next;
    return BZ_OK;
}

enum live_ev_class live_ev_class_of(const char *name)
{
    if (strcmp(name, "join:stream") == 0) {
        return LIVE_EV_JOIN;
    }
    if (strcmp(name, "leave:stream") == 0) {
        return LIVE_EV_LEAVE;
    }
    if (strcmp(name, "chat:message") == 0) {
        return LIVE_EV_CHAT;
    }
    if (strcmp(name, "auction:bid") == 0) {
        return LIVE_EV_BID;
    }
    return LIVE_EV_OTHER;
}

const char *live_ev_class_name(enum live_ev_class c)
{
    return c < LIVE_EV_NCLASSES ? class_names[c] : "other";
}

static uint16_t full(const live_rate *r)
{
    BZ_CHECK(r->burst <= LIVE_LIMIT_BURST_MAX); /* so that burst * 256 fits the 16-bit fill */
    return (uint16_t)(r->burst * 256u);
}

void live_bucket_init(live_bucket *b, const live_limits *l, uint32_t now_ms)
{
    b->last_ms = now_ms;
    for (int i = 0; i < LIVE_EV_NCLASSES; i++) {
        b->fill[i] = full(&l->cls[i]);
    }
}

static void refill(live_bucket *b, const live_limits *l, uint32_t now_ms)
{
    uint32_t elapsed = now_ms - b->last_ms;
    if (elapsed < LIVE_LIMIT_TICK_MS) {
        return; /* keep the time: the next event adds it up, so no fraction is lost to it */
    }
    b->last_ms = now_ms;
    for (int i = 0; i < LIVE_EV_NCLASSES; i++) {
        uint64_t cap = full(&l->cls[i]);
        uint64_t fill = b->fill[i] + (uint64_t)elapsed * l->cls[i].rate_x256 / 1000u;
        b->fill[i] = (uint16_t)(fill < cap ? fill : cap);
    }
}

static bool take(live_bucket *b, const live_limits *l, enum live_ev_class c)
{
    if (l->cls[c].off) {
        return true;
    }
    if (b->fill[c] < 256u) {
        return false;
    }
    b->fill[c] = (uint16_t)(b->fill[c] - 256u);
    return true;
}

enum live_verdict live_bucket_take(live_bucket *b, const live_limits *l, enum live_ev_class c,
                                   uint32_t now_ms)
{
    if (c >= LIVE_EV_FLOOD) {
        c = LIVE_EV_OTHER;
    }
    refill(b, l, now_ms);
    if (take(b, l, c)) {
        return LIVE_ALLOW;
    }
    return take(b, l, LIVE_EV_FLOOD) ? LIVE_REFUSE : LIVE_FLOOD;
}

uint32_t live_bucket_retry_ms(const live_bucket *b, const live_limits *l, enum live_ev_class c)
{
    if (BZ_NEVER(c >= LIVE_EV_NCLASSES)) {
        c = LIVE_EV_OTHER; /* a class from live_ev_class_of, or the bucket is read past its end */
    }
    const live_rate *r = &l->cls[c];
    if (r->off || b->fill[c] >= 256u || !r->rate_x256) {
        return 0;
    }
    uint32_t missing = 256u - b->fill[c];
    return (uint32_t)(((uint64_t)missing * 1000u + r->rate_x256 - 1) / r->rate_x256);
}
