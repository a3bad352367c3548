/*
 * app/chat_room.h - the facts of a show's room that chat, moderation and
 * bidding all ask about: reading the show, who is banned from it, who
 * moderates it (its seller or one of the seller's moderators), and
 * committing one change of the room together with its room event.
 *
 * chat.c and moderation.c both build on this file and not on each other.
 * Errors are recorded in c->err (app/app.h); results live in c->arena.
 */
#ifndef APP_CHAT_ROOM_H
#define APP_CHAT_ROOM_H

#include "app/app.h"
#include "app/room_events.h"
#include "domain/show.h"

#include <stdbool.h>
#include <stdint.h>

/* Read show `stream_id` into *st. BZ_ENOTFOUND (recorded). */
int chat_room_load(app_ctx *c, int64_t stream_id, show_stream *st);

/* For the auction engine too, inside its bid transaction: BZ_OK, or BZ_EBANNED when `user_id`
 * is banned from show `stream_id` (recorded in c->err). One indexed read; store failures pass
 * through. */
int chat_room_check_not_banned(app_ctx *c, int64_t stream_id, int64_t user_id);
/* The same as a flag. */
int chat_room_is_banned(app_ctx *c, int64_t stream_id, int64_t user_id, bool *out);

/* Whether `actor` moderates show `st` (its seller or one of the seller's moderators). */
int chat_room_is_staff(app_ctx *c, int64_t actor, const show_stream *st, bool *out);

/* Read the show and require `actor` to moderate it: BZ_EUNAUTHORIZED (actor 0),
 * BZ_ENOTFOUND, BZ_EFORBIDDEN (all recorded). *is_seller tells the seller from a moderator. */
int chat_room_authorize(app_ctx *c, int64_t actor, int64_t stream_id, show_stream *st,
                        bool *is_seller);

/* One change and its room event, atomically: chat_room_begin queues `ev` (a room event of
 * show `stream_id`, app/ports/encoder.h) in *evs and opens the transaction; the caller makes
 * its change and hands the result to ev_commit (app/room_events.h), which logs the event with
 * its seq (evs->items[0].ev.seq), commits and publishes, or rolls back. On a failure here
 * (recorded in c->err) no transaction is open. */
int chat_room_begin(app_ctx *c, int64_t stream_id, const app_event *ev, app_evbuf *evs);

#endif
