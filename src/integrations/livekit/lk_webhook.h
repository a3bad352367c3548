/*
 * integrations/livekit/lk_webhook.h - reading the body of a LiveKit webhook
 * (a WebhookEvent in protobuf JSON) into the port's video_event.
 *
 * Only for bodies whose signature has been verified (livekit.c does that
 * first); the parser still treats the bytes as hostile: it has a fuzz target.
 * LiveKit writes camelCase names; snake_case is read too, unknown fields are
 * ignored, zero values may be absent. int64 values arrive as JSON strings
 * ("createdAt": "1700000000") or numbers. A string longer than its field in
 * video_event is refused rather than cut (a cut id could match another).
 *
 * Rooms are named "show-<stream id>" (livekit_room_name); any other room
 * gives stream_id 0 ("not one of ours"). Pure function: thread-safe.
 */
#ifndef INTEGRATIONS_LIVEKIT_LK_WEBHOOK_H
#define INTEGRATIONS_LIVEKIT_LK_WEBHOOK_H

#include "app/ports/video.h"

#include <stddef.h>
#include <stdint.h>

#define LK_WEBHOOK_BODY_MAX (1024u * 1024) /* larger bodies are refused unread */

/* Fill *out from `body` (`len` bytes, not NUL-terminated). BZ_EBADREQUEST when it is not a
 * WebhookEvent (not JSON, no "event", a field of the wrong type or too long, too big). */
int lk_webhook_parse(const void *body, size_t len, video_event *out);

/* The stream id of a room named "show-<id>" (decimal, 1..2^63-1, no sign or leading zero);
 * 0 for any other name. */
int64_t lk_webhook_room_stream(const char *room);

#endif
