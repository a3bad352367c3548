/*
 * A show's stage (wire/cohosts.h).
 */
#include "wire/cohosts.h"

#include "wire/wire.h"

json_t *wire_cohost(const show_cohost *c)
{
    return json_pack("{s:o, s:o, s:o}", "id", wire_id(c->user_id), "username",
                     wire_str(c->username), "invited_at", wire_time(c->invited_at));
}

json_t *wire_stage(int64_t stream_id, const show_cohost *cohosts, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        if (json_array_append_new(arr, wire_cohost(&cohosts[i])) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return wire_set(wire_wrap("stream_id", wire_id(stream_id)), "cohosts", arr);
}
