/*
 * app/outbox.h - side effects outside the database (a provider's API, mail,
 * push), run reliably: a use case writes a row in the same transaction as the
 * change that needs it, and a worker runs the row's handler until it succeeds
 * or is parked for an operator (docs/outbox.md; rules in domain/outbox.h).
 *
 *   store_begin(c->store);
 *   ... the state change ...
 *   app_outbox_enqueue(c, "video.room_open", key, "{\"stream_id\":\"123\"}");
 *   store_commit(c->store);
 *   app_outbox_kick(c);                  // wake this node's worker now
 *
 * Handlers must be idempotent. A row runs at least once and may run more than
 * once: a worker can die (or lose its lease) after the provider acted and
 * before the outcome is recorded, and the row then runs again. So a handler
 * passes job->idempotency_key (the same on every attempt of a row) to any
 * provider that takes one (Stripe's Idempotency-Key), and otherwise makes its
 * effect safe to repeat (create-if-absent, set rather than add).
 *
 * A handler returns BZ_OK when the effect happened; BZ_EUNAVAILABLE or
 * BZ_ETIMEOUT for a failure that may pass (a 5xx or 429, a network error): the
 * row runs again after a backoff, and is parked after its last attempt; any
 * other code for a failure no retry fixes (a 4xx, a payload it cannot use): the
 * row is parked at once. It says why in `why` (kept in the row, capped).
 */
#ifndef APP_OUTBOX_H
#define APP_OUTBOX_H

#include "app/app.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a handler gets of its row. Strings live in c->arena until the handler returns. */
typedef struct app_outbox_job {
    int64_t id;
    const char *kind;
    const char *payload; /* the JSON text the use case wrote */
    int attempts;        /* 1 on the first attempt */
    /* "outbox-<id>": the same on every attempt of this row, for providers' idempotency */
    const char *idempotency_key;
} app_outbox_job;

/* Runs one row's side effect with `c` (the worker's context: its own store connection, c->now
 * the attempt's time); `data` is the handler's own. BZ_OK, or an error classified as above
 * with a reason written into why[0..why_len) (may be left ""). */
typedef int (*app_outbox_fn)(void *data, app_ctx *c, const app_outbox_job *job, char *why,
                             size_t why_len);

typedef struct app_outbox_handler {
    const char *kind; /* the rows it runs */
    app_outbox_fn run;
    void *data;
} app_outbox_handler;

/* Add a row of `kind` with `payload_json` (copied), due now, unless a row with `dedupe_key`
 * exists: the key, derived by the caller from the change ("video.room_open:stream:123:live:1"),
 * makes a repeated change enqueue once. Inside the caller's store_begin .. store_commit the row
 * commits or rolls back with its change; outside, it is its own transaction. BZ_OK (added or
 * present already); BZ_EINTERNAL for a kind, key or payload outside domain/outbox.h's limits (a
 * bug of the caller, not bad input); the store's failure. Recorded in c->err. */
int app_outbox_enqueue(app_ctx *c, const char *kind, const char *dedupe_key,
                       const char *payload_json);

/* The positive id in field `name` of a payload a use case wrote as {"<name>":"<id>", ...}
 * (ids travel as strings); 0 when it is missing or not one (a bug of the writer). */
int64_t app_outbox_payload_id(const char *payload, const char *name);

/* The integer member `name` of a payload written as {"<name>":123} or {"<name>":"123"} (a
 * number or an id); 0 when it is missing, not an integer, or not above 0. */
int64_t app_outbox_payload_num(const char *payload, const char *name);

/* The string member `name` of a payload a use case wrote as {"<name>":"<value>", ...} (values
 * with no escapes: ids, provider ids checked by app_id_safe) into out[0..size); false when it
 * is missing, empty or too long. */
bool app_outbox_payload_str(const char *payload, const char *name, char *out, size_t size);

/* Wake this node's worker (c->env->outbox_kick; nothing when none is plugged in). Call after
 * the transaction that enqueued commits: a worker woken before would find nothing and sleep
 * until its next poll (at most a second later, so a missed kick only delays). Any thread. */
void app_outbox_kick(app_ctx *c);

/* Run the due rows, at most `max_rows`, one claim at a time (none when a read finds no row
 * due, so that an idle poll writes nothing): each is leased (policy
 * c->env->cfg.outbox), handed to the handler of its kind (a kind without one is parked), and
 * its outcome recorded by outbox_decide. Before each claim c->now is read from
 * c->env->clock when one is plugged in, so that each lease starts when its row does. Returns
 * the number of rows run (>= 0), or the store's failure (a row claimed then is leased and runs
 * again when the lease ends). *next_due_ms receives when the next row is due: c->now when
 * max_rows were run (more may be due), 0 when nothing is pending. */
int app_outbox_run(app_ctx *c, const app_outbox_handler *handlers, size_t n_handlers, int max_rows,
                   int64_t *next_due_ms);

#endif
