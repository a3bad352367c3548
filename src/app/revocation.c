/*
 * Sessions that ended early (app/revocation.h): the in-memory set, the access-token check,
 * and the use cases that fill the set from the store and the bus.
 *
 * The set is an open-addressing hash table (linear probing) of (session id, expiry), kept
 * at most half full. Entries are never removed one by one: pruning rebuilds the table with
 * the live ones, so probing needs no tombstones. It stays small: one entry per session
 * ended in the last access lifetime (15 min by default).
 */
#include "app/revocation.h"

#include "app/app_util.h"
#include "base/err.h"
#include "base/log.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_CAP 64

typedef struct slot {
    int64_t id; /* 0 = empty */
    int64_t expires_at;
} slot;

struct app_revocations {
    pthread_rwlock_t lock;
    slot *slots;
    size_t cap;          /* a power of two, or 0 */
    size_t used;         /* guarded by lock */
    atomic_size_t count; /* == used, readable without the lock (the empty fast path) */
};

app_revocations *app_revocations_new(void)
{
    app_revocations *r = calloc(1, sizeof(*r));
    if (r && pthread_rwlock_init(&r->lock, NULL) != 0) {
        free(r);
        return NULL;
    }
    if (r) {
        atomic_init(&r->count, 0);
    }
    return r;
}

void app_revocations_free(app_revocations *r)
{
    if (r) {
        pthread_rwlock_destroy(&r->lock);
        free(r->slots);
        free(r);
    }
}

static size_t hash(int64_t id)
{
    uint64_t x = (uint64_t)id; /* splitmix64's finaliser: ids are time-ordered, spread them */
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return (size_t)(x ^ (x >> 31));
}

/* The slot holding `id`, or the empty slot where it would go. cap > 0. */
static slot *probe(slot *slots, size_t cap, int64_t id)
{
    size_t i = hash(id) & (cap - 1);
    while (slots[i].id != 0 && slots[i].id != id) {
        i = (i + 1) & (cap - 1);
    }
    return &slots[i];
}

/* Move the entries live at `now` (all when now is 0) into a table of `cap` slots. Write lock
 * held. */
static int rebuild(app_revocations *r, size_t cap, int64_t now)
{
    slot *slots = calloc(cap, sizeof(*slots));
    if (!slots) {
        return BZ_ENOMEM;
    }
    size_t used = 0;
    for (size_t i = 0; i < r->cap; i++) {
        const slot *s = &r->slots[i];
        if (s->id != 0 && (now == 0 || s->expires_at > now)) {
            *probe(slots, cap, s->id) = *s;
            used++;
        }
    }
    free(r->slots);
    r->slots = slots;
    r->cap = cap;
    r->used = used;
    atomic_store(&r->count, used);
    return BZ_OK;
}

int app_revocations_add(app_revocations *r, int64_t session_id, int64_t expires_at)
{
    if (!r || session_id <= 0) {
        return BZ_OK;
    }
    int rc = BZ_OK;
    pthread_rwlock_wrlock(&r->lock);
    if ((r->used + 1) * 2 > r->cap) {
        rc = rebuild(r, r->cap ? r->cap * 2 : MIN_CAP, 0);
    }
    if (rc == BZ_OK) {
        slot *s = probe(r->slots, r->cap, session_id);
        if (s->id == 0) {
            s->id = session_id;
            s->expires_at = expires_at;
            r->used++;
            atomic_store(&r->count, r->used);
        } else if (expires_at > s->expires_at) {
            s->expires_at = expires_at;
        }
    }
    pthread_rwlock_unlock(&r->lock);
    return rc;
}

bool app_revocations_has(app_revocations *r, int64_t session_id, int64_t now)
{
    if (!r || atomic_load_explicit(&r->count, memory_order_acquire) == 0) {
        return false;
    }
    pthread_rwlock_rdlock(&r->lock);
    bool found = false;
    if (r->cap) {
        const slot *s = probe(r->slots, r->cap, session_id);
        found = s->id == session_id && s->expires_at > now;
    }
    pthread_rwlock_unlock(&r->lock);
    return found;
}

size_t app_revocations_prune(app_revocations *r, int64_t now)
{
    if (!r) {
        return 0;
    }
    pthread_rwlock_wrlock(&r->lock);
    size_t live = 0;
    for (size_t i = 0; i < r->cap; i++) {
        live += r->slots[i].id != 0 && r->slots[i].expires_at > now;
    }
    if (live < r->used) {
        size_t cap = MIN_CAP;
        while (live * 2 >= cap) {
            cap *= 2;
        }
        if (rebuild(r, cap, now) != BZ_OK) {
            live = r->used; /* out of memory: keep the old table, expired entries and all */
        }
    }
    pthread_rwlock_unlock(&r->lock);
    return live;
}

/* ---- access tokens ---------------------------------------------------------------------- */

int app_access_check(const app_env *env, const char *token, int64_t now, crypto_claims *out)
{
    memset(out, 0, sizeof(*out));
    if (!env || !env->crypto || !token || !*token) {
        return BZ_EUNAUTHORIZED;
    }
    crypto_claims claims;
    int rc = env->crypto->ops->access_verify(env->crypto, token, now, &claims);
    if (rc != BZ_OK) {
        return rc == BZ_ETOKENEXPIRED ? rc : BZ_EUNAUTHORIZED;
    }
    if (claims.session_id <= 0 || app_revocations_has(env->revoked, claims.session_id, now)) {
        return BZ_EUNAUTHORIZED;
    }
    *out = claims;
    return BZ_OK;
}

/* ---- use cases ---------------------------------------------------------------------------- */

int64_t app_revocation_expiry(const app_ctx *c)
{
    return c->now + c->env->cfg.access_ttl_ms + APP_REVOCATION_SLACK_MS;
}

static void announce(app_ctx *c, int64_t user_id, int64_t session_id, int64_t expires_at)
{
    events *bus = c->env->events;
    if (!bus) {
        return;
    }
    app_event rv = {.kind = APP_EVENT_REVOKED, .target = user_id};
    rv.u.revoked.session_id = session_id;
    rv.u.revoked.user_id = user_id;
    rv.u.revoked.expires_at = expires_at;
    event ev;
    if (app_event_encode(c, &rv, &ev) != BZ_OK) {
        bz_error("revocation of session %" PRId64 " not announced (%s): other nodes learn it "
                 "from their next poll",
                 session_id, c->err.message);
        app_err_clear(c);
        return;
    }
    if (bus->ops->publish(bus, &ev) != BZ_OK) {
        bz_warn("revocation of session %" PRId64 " not announced (bus down): other nodes "
                "learn it from their next poll",
                session_id);
    }
}

void app_sessions_ended(app_ctx *c, int64_t user_id, const int64_t *ids, size_t n,
                        int64_t expires_at)
{
    for (size_t i = 0; i < n; i++) {
        if (app_revocations_add(c->env->revoked, ids[i], expires_at) != BZ_OK) {
            bz_error("revocation of session %" PRId64 " not listed in memory (out of memory)",
                     ids[i]);
        }
        announce(c, user_id, ids[i], expires_at);
    }
}

int app_session_end(app_ctx *c, int64_t session_id, int64_t user_id)
{
    int64_t expires_at = app_revocation_expiry(c);
    bool added = false;
    int rc = store_session_revoke(c->store, session_id, user_id, c->now, expires_at, &added);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (added) { /* a session ended before was announced then: replays cost no broadcast */
        app_sessions_ended(c, user_id, &session_id, 1, expires_at);
    }
    return BZ_OK;
}

int app_revocations_poll(app_ctx *c, int64_t since, bool prune_store, size_t *read)
{
    /* The cursor (since - 1, max) makes the first page start at revoked_at >= since. */
    int64_t at = since > 0 ? since - 1 : 0;
    int64_t family = since > 0 ? INT64_MAX : 0;
    size_t total = 0, n = 0;
    int rc = BZ_OK;
    do {
        store_revocation *rows = NULL;
        rc = store_revocations_after(c->store, at, family, c->now, STORE_REVOCATIONS_MAX, c->arena,
                                     &rows, &n);
        for (size_t i = 0; rc == BZ_OK && i < n; i++) {
            rc = app_revocations_add(c->env->revoked, rows[i].family_id, rows[i].expires_at);
        }
        if (rc == BZ_OK && n > 0) {
            at = rows[n - 1].revoked_at;
            family = rows[n - 1].family_id;
            total += n;
        }
    } while (rc == BZ_OK && n == STORE_REVOCATIONS_MAX);
    app_revocations_prune(c->env->revoked, c->now);
    if (rc == BZ_OK && prune_store) {
        rc = store_revocations_prune(c->store, c->now - APP_REVOCATION_SLACK_MS, NULL);
    }
    if (read) {
        *read = total;
    }
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

/* ---- the bus ------------------------------------------------------------------------------ */

bool app_revocations_on_event(app_revocations *r, const app_event *ev, int64_t *user_id,
                              int64_t *session_id)
{
    *user_id = *session_id = 0;
    if (ev->kind != APP_EVENT_REVOKED) {
        return false;
    }
    if (ev->u.revoked.session_id <= 0) {
        bz_warn("malformed %s event ignored", APP_REVOKED_EVENT);
        return true; /* still a node event: never for sockets */
    }
    *user_id = ev->u.revoked.user_id;
    *session_id = ev->u.revoked.session_id;
    app_revocations_add(r, *session_id, ev->u.revoked.expires_at);
    return true;
}
