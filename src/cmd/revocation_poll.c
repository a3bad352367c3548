/* Each node's poll of the session revocation list (cmd/revocation_poll.h). */
#include "cmd/revocation_poll.h"

#include "app/revocation.h"
#include "base/err.h"
#include "base/log.h"
#include "base/time.h"
#include "http/async.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define PRUNE_EVERY_MS (10 * 60 * 1000)

struct revocation_poller {
    net_job job; /* first member: the job casts back */
    uv_timer_t timer;
    http_server *srv;
    int64_t since;      /* the next poll reads entries revoked at or after this */
    int64_t started_at; /* when the poll in flight began (worker clock) */
    int64_t pruned_at;
    int rc;
    bool busy, prune, failing;
};

int revocation_load(const app_env *env, store *s, int64_t *loaded_at)
{
    app_ctx c = {.env = env, .store = s, .arena = bz_arena_new(64 * 1024), .now = bz_now_ms()};
    if (!c.arena) {
        fprintf(stderr, "blytz: out of memory\n");
        return 1;
    }
    size_t n = 0;
    int rc = app_revocations_poll(&c, 0, true, &n);
    bz_arena_free(c.arena);
    if (rc != BZ_OK) {
        fprintf(stderr, "blytz: cannot read the session revocation list: %s\n", bz_err_message(rc));
        return 1;
    }
    if (n) {
        bz_info("blytz: %zu ended sessions are refused until their tokens expire", n);
    }
    *loaded_at = c.now;
    return 0;
}

static void poll_work(net_job *job, void *state)
{
    revocation_poller *p = (revocation_poller *)job;
    app_ctx *c = state;
    bz_arena *own = c->arena;
    c->arena = bz_arena_new(16 * 1024);
    c->now = bz_now_ms();
    app_err_clear(c);
    p->started_at = c->now;
    p->rc = c->arena ? app_revocations_poll(c, p->since, p->prune, NULL) : BZ_ENOMEM;
    bz_arena_free(c->arena);
    c->arena = own;
}

static void poll_done(net_job *job)
{
    revocation_poller *p = (revocation_poller *)job;
    p->busy = false;
    if (p->rc == BZ_OK) {
        p->since = p->started_at - APP_REVOCATION_POLL_OVERLAP_MS;
        p->pruned_at = p->prune ? p->started_at : p->pruned_at;
        if (p->failing) {
            bz_info("revocation poll: reading the database again");
        }
        p->failing = false;
    } else if (!p->failing) { /* once per outage: the next success says it is over */
        p->failing = true;
        bz_warn("revocation poll: %s (retrying every tick)", bz_err_message(p->rc));
    }
}

static void on_tick(uv_timer_t *t)
{
    revocation_poller *p = t->data;
    if (p->busy || http_server_draining(p->srv)) {
        return;
    }
    p->busy = true;
    p->prune = bz_now_ms() - p->pruned_at >= PRUNE_EVERY_MS;
    p->job.work = poll_work;
    p->job.done = poll_done;
    http_server_submit(p->srv, &p->job);
}

revocation_poller *revocation_poller_start(uv_loop_t *loop, http_server *srv, uint32_t interval_ms,
                                           int64_t since)
{
    revocation_poller *p = calloc(1, sizeof(*p));
    if (!p) {
        return NULL;
    }
    p->srv = srv;
    p->since = since - APP_REVOCATION_POLL_OVERLAP_MS;
    p->pruned_at = since; /* revocation_load pruned */
    uv_timer_init(loop, &p->timer);
    p->timer.data = p;
    uv_timer_start(&p->timer, on_tick, interval_ms, interval_ms);
    uv_unref((uv_handle_t *)&p->timer);
    return p;
}

static void on_closed(uv_handle_t *h)
{
    free(h->data);
}

void revocation_poller_close(revocation_poller *p)
{
    if (p) {
        uv_close((uv_handle_t *)&p->timer, on_closed);
    }
}
