/*
 * cmd/revocation_poll.h - each node's poll of the session revocation list (app/revocation.h).
 *
 * The events bus brings a revocation to every node in milliseconds; this poll is what makes
 * a node that missed it (Redis down, the node started or reconnected late) converge anyway:
 * every `interval_ms` one HTTP worker reads the entries revoked since the previous poll
 * (minus APP_REVOCATION_POLL_OVERLAP_MS) into the node's set, and about every ten minutes it
 * also deletes the store's expired entries. One poll at a time; none once the server stops.
 *
 * Thread rules: loop thread.
 */
#ifndef CMD_REVOCATION_POLL_H
#define CMD_REVOCATION_POLL_H

#include "app/app.h"
#include "http/server.h"

#include <stdint.h>
#include <uv.h>

typedef struct revocation_poller revocation_poller;

/* Load every live entry into env->revoked with `s` (before serving). 0 or an exit code. */
int revocation_load(const app_env *env, store *s, int64_t *loaded_at);

/* Poll every `interval_ms` from `since` (revocation_load's loaded_at) on `srv`'s workers. The
 * timer does not keep the loop alive. NULL on OOM. */
revocation_poller *revocation_poller_start(uv_loop_t *loop, http_server *srv, uint32_t interval_ms,
                                           int64_t since);

/* Stop (after http_server_run has returned: no poll is in flight then) and free once the loop
 * has run the close callback. NULL allowed. */
void revocation_poller_close(revocation_poller *p);

#endif
