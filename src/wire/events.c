/*
 * Event payloads (wire/events.h).
 */
#include "wire/events.h"

#include "wire/wire.h"

json_t *wire_presence(int64_t stream_id, int64_t user_id, const char *username, int64_t viewers)
{
    return json_pack("{s:o, s:{s:o, s:o}, s:I}", "stream_id", wire_id(stream_id), "user", "id",
                     wire_id(user_id), "username", wire_str(username), "viewers",
                     (json_int_t)viewers);
}
