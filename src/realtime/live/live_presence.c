/*
 * Coalesced presence: a signed-in join or leave marks its room; every second (the live room's
 * tick) at most one `user:joined` / `user:left` frame per marked room is sent (the latest
 * change, with the current viewer count of every node), so a room of 10k costs 10k deliveries
 * per second at most, not 10k². The frame goes through the events bus, so viewers on every
 * node see it.
 */
#include "realtime/live/live_internal.h"

#include "base/err.h"
#include "wire/events.h"
#include "wire/wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static presence *presence_of(live_hub *a, int64_t stream_id)
{
    for (presence *p = a->presence; p; p = p->next) {
        if (p->stream_id == stream_id) {
            return p;
        }
    }
    presence *p = calloc(1, sizeof(*p));
    if (p) {
        p->stream_id = stream_id;
        p->next = a->presence;
        a->presence = p;
    }
    return p;
}

void live_presence_mark(live_hub *a, int64_t stream_id, const char *what, int64_t user_id,
                        const char *username)
{
    presence *p = presence_of(a, stream_id);
    if (p) {
        p->event = what;
        p->user_id = user_id;
        snprintf(p->username, sizeof(p->username), "%s", username ? username : "");
        p->dirty = true;
    }
}

static void send_presence(live_hub *a, const presence *p)
{
    char *text = wire_dump(
        wire_presence(p->stream_id, p->user_id, p->username, live_viewers_total(a, p->stream_id)));
    if (!text) {
        return;
    }
    event ev = {EVENT_STREAM, p->stream_id, 0, p->event, text, strlen(text)};
    events *bus = a->env->events;
    if (!bus || bus->ops->publish(bus, &ev) != BZ_OK) {
        char room[40];
        live_room_name(room, "stream", p->stream_id);
        gw_broadcast(a->gw, room, p->event, text, strlen(text), 0); /* this node's, at least */
    }
    free(text);
}

void live_presence_send(live_hub *a)
{
    for (presence **pp = &a->presence; *pp;) {
        presence *p = *pp;
        if (!p->dirty) {
            *pp = p->next; /* quiet for a second: forget the room */
            free(p);
            continue;
        }
        p->dirty = false;
        send_presence(a, p);
        pp = &p->next;
    }
}

void live_presence_free(live_hub *a)
{
    while (a->presence) {
        presence *p = a->presence;
        a->presence = p->next;
        free(p);
    }
}
