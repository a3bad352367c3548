/*
 * app/revocation.h - sessions that ended early, refused at once on every node.
 *
 * A session is a refresh-token family; each access token carries its family id as the
 * JWT "sid" claim (crypto_claims.session_id). Access tokens are stateless, so a session
 * that ends before its access token expires (logout, refresh-token reuse, password change)
 * needs a list: the store keeps it (store_session_revoke, migration 0008) and every node
 * keeps the live part of it in memory, an `app_revocations` set, so that checking a token
 * costs a hash lookup and never a store read:
 *
 *   - the node that ends a session adds it to its own set before it answers, and announces
 *     it on the events bus (APP_REVOKED_EVENT), which reaches every node through Redis in
 *     milliseconds;
 *   - every node also polls the store (app_revocations_poll, every few hundred ms to a few
 *     seconds), so a node that missed an announcement (Redis down, a node started late)
 *     still converges; at start it loads every entry that has not expired.
 *
 * An entry expires when no access token of its family can still be valid: revoked_at +
 * access_ttl_ms + APP_REVOCATION_SLACK_MS (the verifier's leeway plus clock skew between
 * nodes). Expired entries are pruned from the set and, later, from the store.
 *
 * Tokens without "sid" (signed before sessions were named in tokens) cannot be revoked, so
 * app_access_check refuses them: clients refresh, as they do on any 401, and get one.
 *
 * Thread rules: an app_revocations set is shared by every thread (HTTP workers, the loop,
 * the gateway) and locks internally; reads take a shared lock, and none at all while the
 * set is empty.
 */
#ifndef APP_REVOCATION_H
#define APP_REVOCATION_H

#include "app/app.h"
#include "app/ports/events.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bus event announcing a revocation to the nodes (never to sockets: names starting with
 * `_` are for nodes): APP_EVENT_REVOKED, scope EVENT_USER, target the user; the wire
 * library writes and reads its payload {"session_id":"<id>","user_id":"<id>",
 * "expires_at":<ms>}. */
#define APP_REVOKED_EVENT "_revoked"

/* Added to the access lifetime for an entry's expiry (leeway + skew). */
#define APP_REVOCATION_SLACK_MS 60000

/* How far back each poll reads (revoked_at of the store's clock of the revoking node):
 * covers clock skew between nodes and transactions that committed after a later one. */
#define APP_REVOCATION_POLL_OVERLAP_MS 30000

/* ---- the in-memory set ------------------------------------------------------------------- */

typedef struct app_revocations app_revocations;

/* An empty set. NULL on OOM. */
app_revocations *app_revocations_new(void);
void app_revocations_free(app_revocations *r); /* NULL allowed */

/* Add (or extend) session `session_id` until `expires_at`. BZ_OK or BZ_ENOMEM. Any thread. */
int app_revocations_add(app_revocations *r, int64_t session_id, int64_t expires_at);

/* True while `session_id` is listed and its entry has not expired at `now`. `r` may be NULL
 * (nothing is revoked). Any thread. */
bool app_revocations_has(app_revocations *r, int64_t session_id, int64_t now);

/* Drop the entries expired at `now`; returns how many remain. Any thread. */
size_t app_revocations_prune(app_revocations *r, int64_t now);

/* ---- access tokens ---------------------------------------------------------------------- */

/* The one check every authenticated request and socket runs: the signature and expiry
 * (crypto port), then the session: a token without "sid", or of a revoked session, is
 * BZ_EUNAUTHORIZED. BZ_ETOKENEXPIRED when expired. `out` is filled on BZ_OK. Any thread. */
int app_access_check(const app_env *env, const char *token, int64_t now, crypto_claims *out);

/* ---- use cases (app_ctx) ---------------------------------------------------------------- */

/* The expiry of an entry made now. */
int64_t app_revocation_expiry(const app_ctx *c);

/* End session `session_id` of `user_id` in the store (its refresh tokens and the list), then
 * list it on this node and announce it. Store errors are recorded in c->err. */
int app_session_end(app_ctx *c, int64_t session_id, int64_t user_id);

/* List sessions `ids[0..n)` of `user_id`, already ended in the store, on this node and
 * announce them on the bus (best effort: the poll covers a bus that is down). */
void app_sessions_ended(app_ctx *c, int64_t user_id, const int64_t *ids, size_t n,
                        int64_t expires_at);

/* Read the store's entries revoked at or after `since` (0 = every live entry) into the set,
 * pruning expired ones from the set; with `prune_store`, also delete the store's expired
 * rows. *read (may be NULL) receives how many entries were read. */
int app_revocations_poll(app_ctx *c, int64_t since, bool prune_store, size_t *read);

/* ---- the bus ------------------------------------------------------------------------------ */

/* If `ev` is an APP_EVENT_REVOKED (as the wire library reads it off the bus: wire/events.h),
 * add it to `r` (NULL allowed), fill *user_id and *session_id and return true; a malformed
 * one (no session) is consumed with both 0. False for any other event. */
bool app_revocations_on_event(app_revocations *r, const app_event *ev, int64_t *user_id,
                              int64_t *session_id);

#endif
