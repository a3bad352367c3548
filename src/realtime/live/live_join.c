/*
 * `join:stream` and `leave:stream` (live_internal.h), and the node's cache of join answers.
 *
 * A join answer is the show, its running auction, the viewer count, the server's time and
 * whether the socket may moderate. The show and the auction as a buyer sees them are the same
 * for every viewer, so the node keeps them per show (join_entry) and reads them once for all
 * the sockets that join within BLYTZ_JOIN_CACHE_MS (default 1 s), instead of once per join:
 *   - an anonymous join, and a repeated join of a socket already in the room (whose name and
 *     moderation right were read at its first join), are answered from the cache: no store
 *     read when the entry is fresh; one read shared by every join that arrives while it is
 *     being filled (single flight);
 *   - a signed-in socket's first join of a show reads everything for that user (its name,
 *     whether it may moderate, and for the seller the auction with its reserve), as before;
 *     the seller is never answered from the cache.
 * An event of the show that changes what the answer holds (`auction:*`, `stream:*`) drops the
 * show's entry at once, and marks a read in progress stale: it is read again (at most twice)
 * before its waiters are answered, so a socket never joins with a state older than an event
 * that was delivered before it entered the room. Not-found answers are kept too (a flood of
 * joins of a missing show is one read per period); store failures are not.
 *
 * The entries live in a small hash table, at most JOIN_CACHE_MAX of them; the 1 s presence
 * tick drops expired ones.
 */
#include "realtime/live/live_internal.h"

#include "app/chat_room.h"
#include "app/streams.h"
#include "app/users.h"
#include "base/check.h"
#include "base/err.h"
#include "base/time.h"
#include "wire/acks.h"
#include "wire/auctions.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JOIN_BUCKETS   256
#define JOIN_CACHE_MAX 4096
#define JOIN_REFILLS   2 /* reads again after an event made a read stale, then answers */

typedef struct join_waiter {
    struct join_waiter *next;
    gw_sock *sock; /* held */
    int64_t ack_id;
} join_waiter;

typedef struct join_entry {
    struct join_entry *next; /* hash chain */
    int64_t stream_id;
    uint64_t fetched_at; /* loop ms */
    int rc;              /* BZ_OK or BZ_ENOTFOUND */
    char message[160];
    char *stream_json, *auction_json; /* auction_json NULL: no auction running */
    int64_t seller_id;
    join_waiter *waiters; /* joins waiting for the read in progress */
    bool filling;         /* a read is in progress (a fill job points here) */
    bool stale;           /* an event came during that read */
    uint8_t refills;
} join_entry;

struct live_joins {
    join_entry *table[JOIN_BUCKETS];
    uint32_t count;
    uint32_t ttl_ms; /* 0: no cache */
};

/* What one store read of the show gives (both kinds of job). */
typedef struct join_read {
    int rc;
    char message[160];
    char *stream_json, *auction_json;
    int64_t seller_id;
} join_read;

static void read_free(join_read *r)
{
    free(r->stream_json);
    free(r->auction_json);
    r->stream_json = r->auction_json = NULL;
}

/* Worker thread: the show and its running auction as `viewer` sees it; the stream row in
 * *st (in c->arena) for the caller's further reads. */
static void read_show(app_ctx *c, int64_t stream_id, int64_t viewer, join_read *out,
                      app_stream_view *view)
{
    out->rc = app_stream_get(c, stream_id, view);
    if (out->rc != BZ_OK) {
        snprintf(out->message, sizeof(out->message), "%s", c->err.message);
        return;
    }
    out->seller_id = view->stream.seller_id;
    out->stream_json = wire_dump(wire_stream_view(view));
    app_auction_view av;
    if (app_auction_running(c, viewer, stream_id, &av) == BZ_OK) {
        out->auction_json = wire_dump(wire_auction(&av));
    }
}

/* Worker thread: a fresh arena and clock for one job (the app_ctx contract of http/async.h;
 * the worker's arena goes to *own for ctx_end), then the show read as `viewer` sees it into
 * `r`. True when the read succeeded. */
static bool read_begin(app_ctx *c, bz_arena **own, int64_t stream_id, int64_t viewer, join_read *r,
                       app_stream_view *view)
{
    *own = c->arena;
    c->arena = bz_arena_new(8192);
    c->now = bz_now_ms();
    app_err_clear(c);
    if (!c->arena) {
        r->rc = BZ_ENOMEM;
        return false;
    }
    read_show(c, stream_id, viewer, r, view);
    return r->rc == BZ_OK;
}

static void ctx_end(app_ctx *c, bz_arena *own)
{
    bz_arena_free(c->arena);
    c->arena = own;
}

/* ---- answering ------------------------------------------------------------------------ */

/* What a signed-in socket's own read found (NULL when the answer came from the cache). */
typedef struct join_user {
    const char *username;
    bool can_moderate;
} join_user;

/* The socket enters the show's room and gets its answer (loop thread). */
static void join_finish(live_hub *a, gw_sock *s, int64_t stream_id, int64_t ack_id,
                        const char *stream_json, const char *auction_json, const join_user *u)
{
    live_sock *as = live_sock_of(s);
    if (!as) {
        live_ack_error(s, ack_id, BZ_ENOMEM, NULL, NULL);
        return;
    }
    if (as->stream_id && as->stream_id != stream_id) {
        live_leave_current(a, s); /* another join finished first: the last one wins */
    }
    if (u) {
        snprintf(as->username, sizeof(as->username), "%s", u->username);
        as->can_moderate = u->can_moderate;
        as->user_read = true;
    }
    char room[40];
    live_room_name(room, "stream", stream_id);
    bool already = as->stream_id == stream_id && gw_in_room(s, room);
    if (!already) {
        gw_join(s, room);
        live_viewers_track(a, stream_id);
        as->stream_id = stream_id;
        if (gw_sock_user(s)) {
            live_presence_mark(a, stream_id, "user:joined", gw_sock_user(s), as->username);
        }
    }
    json_t *stream = stream_json ? json_loads(stream_json, 0, NULL) : NULL;
    json_t *auction = auction_json ? json_loads(auction_json, 0, NULL) : NULL;
    live_ack_json(s, ack_id,
                  wire_ack_join(stream ? stream : json_null(), auction,
                                live_viewers_total(a, stream_id), bz_now_ms(), as->can_moderate));
}

/* ---- a signed-in socket's first join: everything for that user -------------------------- */

typedef struct user_job {
    live_job head; /* first member */
    join_read r;
    char username[40];
    bool can_moderate; /* the seller or one of their moderators: the room's tools apply */
} user_job;

static void user_work(net_job *job, void *state)
{
    user_job *j = (user_job *)job;
    app_ctx *c = state;
    bz_arena *own;
    app_stream_view view;
    if (read_begin(c, &own, j->head.stream_id, j->head.user_id, &j->r, &view)) {
        app_user_view uv;
        if (app_user_me(c, j->head.user_id, &uv) == BZ_OK) {
            snprintf(j->username, sizeof(j->username), "%s", uv.user.username);
        }
        if (chat_room_is_staff(c, j->head.user_id, &view.stream, &j->can_moderate) != BZ_OK) {
            j->can_moderate = false;
        }
    }
    ctx_end(c, own);
}

static void user_done(net_job *job)
{
    user_job *j = (user_job *)job;
    gw_sock *s = j->head.sock;
    live_sock *as = gw_sock_connected(s) ? live_sock_of(s) : NULL;
    if (as && j->r.rc == BZ_OK) {
        join_user u = {j->username, j->can_moderate};
        join_finish(j->head.app, s, j->head.stream_id, j->head.ack_id, j->r.stream_json,
                    j->r.auction_json, &u);
    } else if (as) {
        live_ack_error(s, j->head.ack_id, j->r.rc, j->r.message, NULL);
    }
    gw_sock_release(s);
    read_free(&j->r);
    free(j);
}

static void read_for_user(live_hub *a, gw_sock *s, int64_t stream_id, int64_t ack_id)
{
    user_job *j = calloc(1, sizeof(*j));
    if (!j) {
        live_ack_error(s, ack_id, BZ_ENOMEM, NULL, NULL);
        return;
    }
    a->stats.join_reads++;
    live_job_submit(a, &j->head, s, stream_id, ack_id, user_work, user_done);
}

/* ---- the cache ------------------------------------------------------------------------ */

static join_entry **bucket_of(live_joins *js, int64_t stream_id)
{
    return &js->table[(uint64_t)stream_id % JOIN_BUCKETS];
}

static join_entry *entry_find(live_joins *js, int64_t stream_id)
{
    for (join_entry *e = *bucket_of(js, stream_id); e; e = e->next) {
        if (e->stream_id == stream_id) {
            return e;
        }
    }
    return NULL;
}

static void entry_unlink(live_joins *js, join_entry *e)
{
    for (join_entry **p = bucket_of(js, e->stream_id); *p; p = &(*p)->next) {
        if (*p == e) {
            *p = e->next;
            js->count--;
            return;
        }
    }
}

static void entry_free(join_entry *e)
{
    free(e->stream_json);
    free(e->auction_json);
    free(e);
}

static bool entry_fresh(const live_joins *js, const join_entry *e, uint64_t now)
{
    return !e->filling && now < e->fetched_at + js->ttl_ms;
}

/* Answer one socket from a filled entry (loop thread). */
static void answer_from(live_hub *a, gw_sock *s, int64_t ack_id, const join_entry *e)
{
    if (e->rc != BZ_OK) {
        live_ack_error(s, ack_id, e->rc, e->message, NULL);
    } else if (gw_sock_user(s) && gw_sock_user(s) == e->seller_id) {
        read_for_user(a, s, e->stream_id, ack_id); /* the seller sees the reserve */
    } else {
        join_finish(a, s, e->stream_id, ack_id, e->stream_json, e->auction_json, NULL);
    }
}

typedef struct fill_job {
    net_job job; /* first member */
    live_hub *app;
    join_entry *entry; /* stays in the table while filling */
    join_read r;
} fill_job;

static void fill_work(net_job *job, void *state)
{
    fill_job *j = (fill_job *)job;
    app_ctx *c = state;
    bz_arena *own;
    app_stream_view view;
    read_begin(c, &own, j->entry->stream_id, 0, &j->r, &view);
    ctx_end(c, own);
}

/* A read for the entry is over: keep its answer (unless it failed or went stale) and answer
 * every waiter. Takes r's strings. */
static void entry_settle(live_hub *a, join_entry *e, join_read *r)
{
    e->filling = false;
    e->rc = r->rc;
    snprintf(e->message, sizeof(e->message), "%s", r->message);
    e->stream_json = r->stream_json;
    e->auction_json = r->auction_json;
    e->seller_id = r->seller_id;
    e->fetched_at = uv_now(a->loop);
    join_waiter *w = e->waiters;
    e->waiters = NULL;
    bool keep = !e->stale && (e->rc == BZ_OK || e->rc == BZ_ENOTFOUND);
    if (!keep) {
        entry_unlink(a->joins, e); /* answered once, not kept */
    }
    while (w) {
        join_waiter *next = w->next;
        if (gw_sock_connected(w->sock)) {
            answer_from(a, w->sock, w->ack_id, e);
        }
        gw_sock_release(w->sock);
        free(w);
        w = next;
    }
    if (!keep) {
        entry_free(e);
    }
}

static void fill_submit(live_hub *a, join_entry *e);

static void fill_done(net_job *job)
{
    fill_job *j = (fill_job *)job;
    live_hub *a = j->app;
    join_entry *e = j->entry;
    if (e->stale && e->refills < JOIN_REFILLS && !a->closed) {
        e->stale = false;
        e->refills++;
        read_free(&j->r);
        free(j);
        fill_submit(a, e);
        return;
    }
    entry_settle(a, e, &j->r);
    free(j);
}

static void fill_submit(live_hub *a, join_entry *e)
{
    e->filling = true;
    fill_job *j = calloc(1, sizeof(*j));
    if (!j) {
        join_read failed = {.rc = BZ_ENOMEM};
        entry_settle(a, e, &failed);
        return;
    }
    j->app = a;
    j->entry = e;
    j->job.work = fill_work;
    j->job.done = fill_done;
    a->stats.join_reads++;
    http_server_submit(a->srv, &j->job);
}

/* Answer from the cache, join the read in progress, or start one. False when the cache
 * cannot take this join (full, or out of memory): then the caller reads for it. */
static bool join_cached(live_hub *a, gw_sock *s, int64_t stream_id, int64_t ack_id)
{
    live_joins *js = a->joins;
    uint64_t now = uv_now(a->loop);
    join_entry *e = entry_find(js, stream_id);
    if (e && entry_fresh(js, e, now)) {
        a->stats.join_cached++;
        answer_from(a, s, ack_id, e);
        return true;
    }
    join_waiter *w = malloc(sizeof(*w));
    if (!w) {
        return false;
    }
    if (!e) {
        if (js->count >= JOIN_CACHE_MAX || !(e = calloc(1, sizeof(*e)))) {
            free(w);
            return false;
        }
        e->stream_id = stream_id;
        e->next = *bucket_of(js, stream_id);
        *bucket_of(js, stream_id) = e;
        js->count++;
    }
    w->sock = s;
    w->ack_id = ack_id;
    w->next = e->waiters;
    e->waiters = w;
    gw_sock_hold(s);
    if (e->filling) {
        a->stats.join_cached++; /* shares the read in progress */
        return true;
    }
    free(e->stream_json); /* an expired answer */
    free(e->auction_json);
    e->stream_json = e->auction_json = NULL;
    e->stale = false;
    e->refills = 0;
    fill_submit(a, e);
    return true;
}

live_joins *live_joins_new(uint32_t ttl_ms)
{
    live_joins *js = calloc(1, sizeof(*js));
    if (js) {
        js->ttl_ms = ttl_ms;
    }
    return js;
}

void live_joins_invalidate(live_hub *a, int64_t stream_id)
{
    join_entry *e = a->joins ? entry_find(a->joins, stream_id) : NULL;
    if (!e) {
        return;
    }
    if (e->filling) {
        e->stale = true; /* its read may predate the event: read again before answering */
        return;
    }
    entry_unlink(a->joins, e);
    entry_free(e);
}

void live_joins_sweep(live_hub *a)
{
    live_joins *js = a->joins;
    uint64_t now = uv_now(a->loop);
    for (uint32_t b = 0; js && b < JOIN_BUCKETS; b++) {
        for (join_entry **p = &js->table[b]; *p;) {
            join_entry *e = *p;
            if (!e->filling && !entry_fresh(js, e, now)) {
                *p = e->next;
                js->count--;
                entry_free(e);
            } else {
                p = &e->next;
            }
        }
    }
}

/* After the loop finished: every fill job has completed, so no entry is filling. */
void live_joins_free(live_joins *js)
{
    for (uint32_t b = 0; js && b < JOIN_BUCKETS; b++) {
        while (js->table[b]) {
            join_entry *e = js->table[b];
            js->table[b] = e->next;
            entry_free(e);
        }
    }
    free(js);
}

/* ---- events --------------------------------------------------------------------------- */

void live_leave_current(live_hub *a, gw_sock *s)
{
    live_sock *as = gw_sock_data(s);
    if (!as || !as->stream_id) {
        return;
    }
    char room[40];
    live_room_name(room, "stream", as->stream_id);
    gw_leave(s, room);
    BZ_CHECK(!gw_in_room(s, room)); /* one show at a time: it was the socket's only show room */
    if (gw_sock_user(s)) {
        live_presence_mark(a, as->stream_id, "user:left", gw_sock_user(s), as->username);
    }
    as->stream_id = 0;
    as->can_moderate = false;
    as->user_read = false;
}

void live_on_join(live_hub *a, gw_sock *s, json_t *arg, int64_t ack_id)
{
    int64_t stream_id = wire_id_read(arg, "stream_id");
    if (!stream_id) {
        live_ack_error(s, ack_id, BZ_EVALIDATION, "stream_id is required", NULL);
        return;
    }
    live_sock *as = live_sock_of(s);
    if (!as) {
        live_ack_error(s, ack_id, BZ_ENOMEM, NULL, NULL);
        return;
    }
    if (as->stream_id && as->stream_id != stream_id) {
        live_leave_current(a, s); /* one show at a time */
    }
    /* What the cache cannot know: a signed-in socket's name and rights, read at its first
     * join of this show. */
    bool personal = gw_sock_user(s) && !(as->stream_id == stream_id && as->user_read);
    if (personal || !a->joins || !a->joins->ttl_ms || !join_cached(a, s, stream_id, ack_id)) {
        read_for_user(a, s, stream_id, ack_id);
    }
}

void live_on_leave(live_hub *a, gw_sock *s, json_t *arg, int64_t ack_id)
{
    live_sock *as = gw_sock_data(s);
    int64_t stream_id = wire_id_read(arg, "stream_id");
    if (as && as->stream_id && (!stream_id || stream_id == as->stream_id)) {
        live_leave_current(a, s);
    }
    live_ack_json(s, ack_id, wire_ack_ok(json_object()));
}
