/*
 * The room facts of a show (app/chat_room.h): reading it, bans, who moderates
 * it, and one change committed with its room event.
 */
#include "app/chat_room.h"

#include "app/app_util.h"
#include "app/room_events.h"
#include "base/err.h"

/* ---- bans and staff --------------------------------------------------------------- */

int chat_room_is_banned(app_ctx *c, int64_t stream_id, int64_t user_id, bool *out)
{
    *out = false;
    int rc = store_stream_is_banned(c->store, stream_id, user_id, out);
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

int chat_room_check_not_banned(app_ctx *c, int64_t stream_id, int64_t user_id)
{
    bool banned = false;
    int rc = chat_room_is_banned(c, stream_id, user_id, &banned);
    if (rc == BZ_OK && banned) {
        rc = app_fail(c, BZ_EBANNED, NULL, NULL);
    }
    return rc;
}

int chat_room_is_staff(app_ctx *c, int64_t actor, const show_stream *st, bool *out)
{
    *out = actor > 0 && actor == st->seller_id;
    if (*out || actor <= 0) {
        return BZ_OK;
    }
    int rc = store_is_moderator(c->store, st->seller_id, actor, out);
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

/* ---- authorizing and committing ------------------------------------------------ */

int chat_room_load(app_ctx *c, int64_t stream_id, show_stream *st)
{
    int rc = store_stream_get(c->store, stream_id, c->arena, st);
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
}

int chat_room_authorize(app_ctx *c, int64_t actor, int64_t stream_id, show_stream *st,
                        bool *is_seller)
{
    if (actor <= 0) {
        return app_fail(c, BZ_EUNAUTHORIZED, NULL, NULL);
    }
    int rc = chat_room_load(c, stream_id, st);
    if (rc != BZ_OK) {
        return rc;
    }
    bool staff = false;
    rc = chat_room_is_staff(c, actor, st, &staff);
    if (rc != BZ_OK) {
        return rc;
    }
    if (!staff) {
        return app_fail(c, BZ_EFORBIDDEN, NULL,
                        "only the show's seller and their moderators may do this");
    }
    *is_seller = actor == st->seller_id;
    return BZ_OK;
}

int chat_room_begin(app_ctx *c, int64_t stream_id, const app_event *ev, app_evbuf *evs)
{
    ev_init(evs, stream_id);
    int rc = ev_add(c, evs, ev);
    if (rc == BZ_OK && (rc = store_begin(c->store)) != BZ_OK) {
        rc = app_fail(c, rc, NULL, NULL);
    }
    return rc;
}
