/*
 * app/cohosts.h - co-hosts: users a show's seller invites on stage, who then
 * publish into the show's video room (docs/video.md "Co-hosts and screen share").
 *
 * The rules are domain/cohost.h's; this file gathers their facts in one
 * transaction, on the show's row locked (store_stream_next_seq), so that two
 * invitations racing cannot pass the limit together, and commits with it:
 * - the room event `show:stage` {stream_id, cohosts} (every change of the stage), so that
 *   viewers' pages follow each publishing identity's feeds and drop a removed one;
 * - for a live show, the provider's side through the outbox: an invitation enqueues
 *   APP_VIDEO_PUBLISHER_ALLOW, a removal APP_VIDEO_PUBLISHER_REVOKE (which also kicks them);
 *   going live enqueues an allow for every current co-host (app_cohosts_on_status).
 * A removal stops the minting of their grant at once (app_cohost_check_publish reads the
 * row); the revocation then takes back what a grant already minted allows.
 *
 * Errors are recorded in c->err (app/app.h); results live in c->arena.
 */
#ifndef APP_COHOSTS_H
#define APP_COHOSTS_H

#include "app/app.h"
#include "app/outbox.h"
#include "domain/cohost.h"
#include "domain/show.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Seller `actor` invites user `username` (case-insensitive, a leading '@' ignored) to show
 * `stream_id`'s stage. *out is the co-host; *created is false when they were one already
 * (nothing changed). BZ_EUNAUTHORIZED, BZ_ENOTFOUND (no such show; no such user: field
 * "username"), BZ_EVALIDATION (no username), and domain/cohost.h's cohost_check_invite. */
int app_cohost_invite(app_ctx *c, int64_t actor, int64_t stream_id, const char *username,
                      show_cohost *out, bool *created);

/* Take `user_id` off show `stream_id`'s stage: its seller, or the co-host stepping down.
 * Removing someone who is not a co-host changes nothing and is BZ_OK. BZ_EUNAUTHORIZED,
 * BZ_ENOTFOUND (no such show), BZ_EFORBIDDEN. */
int app_cohost_remove(app_ctx *c, int64_t actor, int64_t stream_id, int64_t user_id);

/* The show's current co-hosts, for anyone (the stage is public). BZ_ENOTFOUND. */
int app_cohosts_list(app_ctx *c, int64_t stream_id, show_cohost **out, size_t *n);

/* For app_video_grant: BZ_OK when `actor` may publish as a co-host in show `st` (live, a
 * current co-host, not banned from it); else BZ_EFORBIDDEN or BZ_EBANNED, recorded. */
int app_cohost_check_publish(app_ctx *c, int64_t actor, const show_stream *st);

/* Outbox kinds: a co-host's right to publish given to the provider, and taken back. */
#define APP_VIDEO_PUBLISHER_ALLOW  "video.publisher_allow"
#define APP_VIDEO_PUBLISHER_REVOKE "video.publisher_revoke"

/* Inside the transaction that moves show `st` to `to`: going "live" enqueues an allow for each
 * current co-host when this server has video; nothing otherwise (the room's closing takes
 * everyone out). BZ_OK or the store's or app_outbox_enqueue's failure. */
int app_cohosts_on_status(app_ctx *c, const show_stream *st, const char *to);

/* The outbox handlers of those kinds, for the composition root to register when video is
 * configured. Each reads the co-host when it runs and acts on what is true then: an allow for
 * someone removed since, or a revocation of someone invited again, does nothing. */
extern const app_outbox_handler app_cohost_handlers[];
extern const size_t app_cohost_n_handlers;

#endif
