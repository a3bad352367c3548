/*
 * The gateway's sessions as a set: the sid table (sid -> session), admission per client
 * address, the flush list that gw_main.c drains, and the packet queue each session keeps.
 * Below every other file of the gateway: it calls none of them.
 *
 * Invariants: gw->nconns counts the sessions in the table; a session holds its address's
 * slot (addr_held) from gw_admit until it leaves the table, and releases it exactly once.
 */
#include "base/check.h"
#include "base/err.h"
#include "realtime/gateway/gw_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- arrays and the message queue ---------------------------------------------------- */

void *gw_grow(void *items, uint32_t *cap, uint32_t first, size_t size)
{
    if (BZ_NEVER(*cap > UINT32_MAX / 2)) {
        return NULL; /* no array of the gateway's gets near this */
    }
    uint32_t n = *cap ? *cap * 2 : first;
    void *grown = realloc(items, size * n);
    if (grown) {
        *cap = n;
    }
    return grown;
}

int gw_msgq_push(gw_msgq *q, ws_msg *m)
{
    if (!m) {
        return BZ_ENOMEM;
    }
    if (q->len == q->cap) {
        ws_msg **items = gw_grow(q->items, &q->cap, 4, sizeof(*items));
        if (!items) {
            ws_msg_unref(m);
            return BZ_ENOMEM;
        }
        q->items = items;
    }
    BZ_CHECK(q->len < q->cap);
    q->items[q->len++] = m;
    return BZ_OK;
}

void gw_msgq_clear(gw_msgq *q)
{
    for (uint32_t i = 0; i < q->len; i++) {
        ws_msg_unref(q->items[i]);
    }
    free(q->items);
    q->items = NULL;
    q->len = q->cap = 0;
}

/* ---- session table -------------------------------------------------------------------- */

static uint32_t sid_hash(const char *sid)
{
    uint32_t h = 2166136261u; /* FNV-1a: sids are random already */
    for (; *sid; sid++) {
        h = (h ^ (unsigned char)*sid) * 16777619u;
    }
    return h;
}

static int table_grow(gateway *gw)
{
    uint32_t cap = gw->table_cap ? gw->table_cap * 2 : 1024;
    gw_conn **t = calloc(cap, sizeof(*t));
    if (!t) {
        return BZ_ENOMEM;
    }
    for (uint32_t i = 0; i < gw->table_cap; i++) {
        for (gw_conn *c = gw->table[i], *next; c; c = next) {
            next = c->hnext;
            c->hnext = t[c->hash & (cap - 1)];
            t[c->hash & (cap - 1)] = c;
        }
    }
    free(gw->table);
    gw->table = t;
    gw->table_cap = cap;
    return BZ_OK;
}

gw_conn *gw_conn_find(gateway *gw, const char *sid)
{
    if (!gw->table_cap) {
        return NULL;
    }
    uint32_t h = sid_hash(sid);
    for (gw_conn *c = gw->table[h & (gw->table_cap - 1)]; c; c = c->hnext) {
        if (c->hash == h && strcmp(c->sid, sid) == 0) {
            return c;
        }
    }
    return NULL;
}

void gw_conn_insert(gateway *gw, gw_conn *c)
{
    if (gw->nconns + 1 > gw->table_cap / 2 && table_grow(gw) != BZ_OK && !gw->table_cap) {
        return;
    }
    c->hash = sid_hash(c->sid);
    gw_conn **slot = &gw->table[c->hash & (gw->table_cap - 1)];
    c->hnext = *slot;
    *slot = c;
    gw->nconns++;
}

/* ---- admission per client address ------------------------------------------------------ */

static int admission_init(gateway *gw)
{
    const gw_config *cfg = &gw->cfg;
    net_addr_limits lim = {.max_open = cfg->max_sessions_per_addr};
    if (cfg->sessions_per_addr_per_min && cfg->session_burst) {
        lim.rate_per_s = cfg->sessions_per_addr_per_min / 60.0;
        lim.burst = cfg->session_burst;
    }
    if (!lim.max_open && !lim.burst) {
        return BZ_OK; /* no limits: no table */
    }
    gw->sessions_by_addr = net_addrtab_new(&lim, 0);
    return gw->sessions_by_addr ? BZ_OK : BZ_ENOMEM;
}

enum net_addr_verdict gw_admit(gateway *gw, const char *ip, net_addr_key *key, int *retry_after_s)
{
    net_addr_key_from_ip(ip, key);
    if (!gw->sessions_by_addr) {
        return NET_ADDR_OK;
    }
    return net_addrtab_acquire(gw->sessions_by_addr, key, gw_now(gw), retry_after_s);
}

void gw_conn_remove(gateway *gw, gw_conn *c)
{
    if (c->addr_held) {
        c->addr_held = false; /* the session leaves the table exactly once: release it then */
        net_addrtab_release(gw->sessions_by_addr, &c->addr);
    }
    if (!gw->table_cap) {
        return;
    }
    gw_conn **p = &gw->table[c->hash & (gw->table_cap - 1)];
    while (*p && *p != c) {
        p = &(*p)->hnext;
    }
    /* An open session is in the table (gw_session.c), and it leaves exactly once. */
    if (!BZ_ALWAYS(*p == c && gw->nconns > 0)) {
        return;
    }
    *p = c->hnext;
    c->hnext = NULL;
    gw->nconns--;
}

size_t gw_session_count(const gateway *gw)
{
    return gw->nconns;
}

uint64_t gw_now(const gateway *gw)
{
    return uv_now(gw->loop);
}

int gw_conns_init(gateway *gw)
{
    int rc = table_grow(gw);
    return rc == BZ_OK ? admission_init(gw) : rc;
}

void gw_conns_free(gateway *gw)
{
    net_addrtab_free(gw->sessions_by_addr);
    free(gw->table);
}

/* ---- flush list ----------------------------------------------------------------------- */

void gw_mark_dirty(gw_conn *c)
{
    if (c->dirty || c->state == GW_CLOSED) {
        return;
    }
    c->dirty = true;
    c->dirty_next = c->gw->dirty;
    c->gw->dirty = c;
}
