/*
 * app/ports/store.c - the store_* wrappers: each forwards to the adapter's
 * ops table, so callers never reach into `struct store_ops` themselves.
 * Those of store_ops.h are generated from it, but for the few (wrap H) that
 * check or default their arguments before the call.
 */
#include "app/ports/store.h"

#include "base/err.h"
#include "base/time.h"

#include <stddef.h>

/* Evaluate an adapter call and add its duration to the connection's busy time, so /metrics
 * can tell store time from the rest of a request. Two vDSO clock reads per call. */
#define STORE_TIMED(s, call)                                                                       \
    ({                                                                                             \
        uint64_t t0_ = bz_mono_ns();                                                               \
        int rc_ = (call);                                                                          \
        (s)->busy_ns += bz_mono_ns() - t0_;                                                        \
        rc_;                                                                                       \
    })

void store_close(store *s)
{
    if (s) {
        s->ops->close(s);
    }
}

const char *store_name(const store *s)
{
    return s->ops->name;
}

int store_ping(store *s)
{
    return STORE_TIMED(s, s->ops->ping(s));
}

int store_migrate(store *s, int *applied_out)
{
    int applied = 0;
    int rc = s->ops->migrate(s, &applied);
    if (applied_out) {
        *applied_out = applied;
    }
    return rc;
}

int store_begin(store *s)
{
    return STORE_TIMED(s, s->ops->begin(s));
}

int store_commit(store *s)
{
    return STORE_TIMED(s, s->ops->commit(s));
}

int store_rollback(store *s)
{
    return STORE_TIMED(s, s->ops->rollback(s));
}

/* ---- the operations of store_ops.h ---------------------------------------------------------- */

#define STORE_WRAP_T(name, params, args)                                                           \
    int store_##name params                                                                        \
    {                                                                                              \
        return STORE_TIMED(s, s->ops->name args);                                                  \
    }
#define STORE_WRAP_H(name, params, args)     /* below */
#define STORE_WRAP(wrap, name, params, args) STORE_WRAP_##wrap(name, params, args)
STORE_OPS(STORE_WRAP)
#undef STORE_WRAP
#undef STORE_WRAP_H
#undef STORE_WRAP_T

/* ---- the hand-written ones (wrap H) -------------------------------------------------------- */

int store_session_revoke(store *s, int64_t family_id, int64_t user_id, int64_t now,
                         int64_t expires_at, bool *added)
{
    bool dummy;
    return STORE_TIMED(
        s, s->ops->session_revoke(s, family_id, user_id, now, expires_at, added ? added : &dummy));
}

int store_sessions_revoke_user(store *s, int64_t user_id, int64_t keep_family, int64_t now,
                               int64_t expires_at, bz_arena *a, int64_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    return STORE_TIMED(
        s, s->ops->sessions_revoke_user(s, user_id, keep_family, now, expires_at, a, out, n));
}

int store_revocations_after(store *s, int64_t after_at, int64_t after_family, int64_t now,
                            int limit, bz_arena *a, store_revocation **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    limit = limit < 1 ? 1 : limit > STORE_REVOCATIONS_MAX ? STORE_REVOCATIONS_MAX : limit;
    return STORE_TIMED(s,
                       s->ops->revocations_after(s, after_at, after_family, now, limit, a, out, n));
}

int store_revocations_prune(store *s, int64_t before, int *deleted)
{
    int dummy;
    return STORE_TIMED(s, s->ops->revocations_prune(s, before, deleted ? deleted : &dummy));
}

int store_bidder_facts_get(store *s, int64_t stream_id, const int64_t *ids, size_t n, bz_arena *a,
                           store_bidder_facts *out)
{
    for (size_t i = 0; i < n; i++) {
        out[i] = (store_bidder_facts){.user_id = ids[i], .username = ""};
        out[i].limits.user_id = ids[i];
    }
    if (n == 0) {
        return BZ_OK;
    }
    if (n > STORE_FACTS_MAX) {
        return BZ_EINTERNAL;
    }
    return STORE_TIMED(s, s->ops->bidder_facts_get(s, stream_id, ids, n, a, out));
}

int store_outbox_add(store *s, const store_outbox_row *r, bool *added)
{
    bool dummy;
    return STORE_TIMED(s, s->ops->outbox_add(s, r, added ? added : &dummy));
}

static int clamp_limit(int limit, int max)
{
    return limit < 1 ? 1 : limit > max ? max : limit;
}

int store_outbox_claim(store *s, int64_t now, int64_t lease_until, int limit, bz_arena *a,
                       store_outbox_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    limit = clamp_limit(limit, STORE_OUTBOX_CLAIM_MAX);
    return STORE_TIMED(s, s->ops->outbox_claim(s, now, lease_until, limit, a, out, n));
}

int store_outbox_list(store *s, const char *state, int64_t cursor, int limit, bz_arena *a,
                      store_outbox_row **out, store_page *page)
{
    *out = NULL;
    *page = (store_page){0};
    if (state && !outbox_state_ok(state)) {
        return BZ_EINTERNAL;
    }
    limit = clamp_limit(limit, STORE_OUTBOX_PAGE_MAX);
    return STORE_TIMED(s, s->ops->outbox_list(s, state, cursor, limit, a, out, page));
}

int store_outbox_prune(store *s, int64_t before, int *deleted)
{
    int dummy;
    return STORE_TIMED(s, s->ops->outbox_prune(s, before, deleted ? deleted : &dummy));
}
