/*
 * wire/events.h - the payloads of the events the server publishes (DESIGN §3,
 * docs/realtime-protocol.md): the app's typed events (app/ports/encoder.h),
 * encoded through the encoder port this library implements, the gateway's
 * presence, and the node events it reads back off the bus.
 *
 * Ownership as wire/wire.h says. Any thread.
 */
#ifndef WIRE_EVENTS_H
#define WIRE_EVENTS_H

#include "app/ports/encoder.h"
#include "base/buf.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

/* The encoder port over wire_event_write: the composition root puts it in app_env.encoder.
 * A static object: never freed. */
encoder *wire_encoder(void);

/* An event's name on the bus and the socket ("auction:bid", "_revoked", ...); NULL for a kind
 * it does not know. */
const char *wire_event_name(app_event_kind kind);

/* Append the payload of `ev` to `out`, and "seq" when ev->seq is set:
 *   auction:bid     the bid (wire_bid: {id, auction_id, bidder{id, username}, amount,
 *                    currency, by_proxy, created_at}) and current_bid, min_next_bid, ends_at,
 *                    log_seq
 *   auction:update  {auction_id, stream_id, product_id, status, mode, starting_bid,
 *                    current_bid, min_next_bid, currency, ends_at, ended_at,
 *                    winner{id, username} | null, bought_now}
 *   both, with ev->head: log_head_seq, log_head, log_sig, log_kid (null before the first bid
 *                    and, for the signature, on unsigned heads)
 *   stream:status   {stream_id, status}
 *   chat:message    wire_chat_message; chat:deleted {message_id}; chat:muted {user_id, until};
 *                    chat:unmuted, chat:banned, chat:unbanned {user_id}; chat:slow_mode {seconds};
 *                    chat:pinned {message | null}
 *   notification    wire_notification without read_at
 *   _revoked        {session_id, user_id, expires_at (ms)}
 *   show:stage      wire_stage: {stream_id, cohosts[{id, username, invited_at}]}
 * The auction events, one or more per bid, are written as text (wire/text.h); the rest are
 * built as trees. BZ_OK, BZ_ENOMEM (also for an unknown kind) or the buffer's BZ_ETOOLARGE. */
int wire_event_write(const app_event *ev, bz_buf *out);

/* If bus event `ev` is "_revoked", read it into *out (kind APP_EVENT_REVOKED, target the
 * user; a payload that does not parse leaves session_id 0) and return true; false for any
 * other event. */
bool wire_revoked_read(const event *ev, app_event *out);

/* The `_viewers` node event (realtime/live/live_viewers.c): {"node":"<id>","count":N}. */
json_t *wire_viewers(int64_t node_id, int64_t count);
/* Read a `_viewers` payload: true with *node_id and *count when it has both. */
bool wire_viewers_read(const char *json, size_t len, int64_t *node_id, int64_t *count);

/* `user:joined` / `user:left`: {stream_id, user{id, username}, viewers}. */
json_t *wire_presence(int64_t stream_id, int64_t user_id, const char *username, int64_t viewers);

#endif
