/*
 * wire/acks.h - the Socket.IO acks of Blytz's events (docs/realtime.md): what
 * a client's callback receives. Every ack is {ok: true, ...} or
 * wire_ack_error's {ok: false, error{code, message, details}}; the parts they
 * share with REST (a bid's answer and refusal, a chat message, a show and its
 * auction) are the same functions REST uses.
 *
 * Ownership as wire/wire.h says. Any thread.
 */
#ifndef WIRE_ACKS_H
#define WIRE_ACKS_H

#include "app/auctions.h"
#include "app/chat.h"
#include "base/buf.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

/* join:stream: {ok, stream, auction (null when none runs), viewers, server_time,
 * can_moderate}; `stream` and `auction` are wire_stream_view and wire_auction (stolen; NULL
 * auction = null). */
json_t *wire_ack_join(json_t *stream, json_t *auction, int64_t viewers, int64_t server_time,
                      bool can_moderate);

/* auction:bid accepted: {ok, bid, auction} as wire_bid_reply, and replayed: true when the
 * idempotency key named an accepted bid (REST says it with Idempotent-Replayed). Appended to
 * `out` as text: BZ_OK, BZ_ENOMEM or the buffer's BZ_ETOOLARGE. */
int wire_ack_bid(bz_buf *out, const app_bid_result *r, int64_t bidder_id, int64_t server_time);

/* chat:message accepted: {ok, message} with the room's payload (wire_chat_message with seq). */
json_t *wire_ack_chat(const chat_message *m, int64_t seq);

/* The details of a refused chat:message: until (UTC ms, BZ_EMUTED), retry_after_ms. */
json_t *wire_ack_chat_refusal(int64_t muted_until, int64_t retry_after_ms);

/* auth:refresh accepted: {ok, expires_at}. */
json_t *wire_ack_refresh(int64_t expires_at);

/* The details of an event refused by a socket's rate limit: {class, retry_after_ms}. */
json_t *wire_limit_details(const char *event_class, int64_t retry_after_ms);

#endif
