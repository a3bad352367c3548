/* Engine.IO session timers as pure arithmetic (gw_clock.h). */
#include "realtime/gateway/gw_clock.h"

void gw_clock_open(gw_clock *c, uint64_t now, uint32_t interval, uint32_t connect_timeout)
{
    c->ping_at = now + interval;
    c->pong_by = 0;
    c->connect_by = connect_timeout ? now + connect_timeout : 0;
    c->upgrade_by = 0;
}

unsigned gw_clock_tick(gw_clock *c, uint64_t now, uint32_t timeout)
{
    unsigned due = 0;
    if (c->pong_by && now >= c->pong_by) {
        c->pong_by = 0;
        due |= GW_TICK_PING_TIMEOUT;
    }
    if (c->ping_at && now >= c->ping_at) {
        c->pong_by = c->ping_at + timeout;
        c->ping_at = 0;
        due |= GW_TICK_PING;
        if (now >= c->pong_by) {
            c->pong_by = 0;
            due |= GW_TICK_PING_TIMEOUT; /* the loop was stalled past both deadlines */
        }
    }
    if (c->connect_by && now >= c->connect_by) {
        c->connect_by = 0;
        due |= GW_TICK_CONNECT_TIMEOUT;
    }
    if (c->upgrade_by && now >= c->upgrade_by) {
        c->upgrade_by = 0;
        due |= GW_TICK_UPGRADE_TIMEOUT;
    }
    return due;
}

void gw_clock_pong(gw_clock *c, uint64_t now, uint32_t interval)
{
    if (!c->pong_by) {
        return; /* a pong nobody asked for changes nothing */
    }
    c->pong_by = 0;
    c->ping_at = now + interval;
}

static uint64_t earliest(uint64_t a, uint64_t b)
{
    if (!a) {
        return b;
    }
    if (!b) {
        return a;
    }
    return a < b ? a : b;
}

uint64_t gw_clock_next(const gw_clock *c)
{
    return earliest(earliest(c->ping_at, c->pong_by), earliest(c->connect_by, c->upgrade_by));
}
