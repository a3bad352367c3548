/*
 * A show's replay (wire/resources.h): its recording's state, the files to play and its lots
 * placed on the recording. Its own file: the recording feature's only shape.
 */
#include "wire/resources.h"
#include "wire/wire.h"

static json_t *ms_or_null(int64_t ms)
{
    return ms >= 0 ? json_integer((json_int_t)ms) : json_null();
}

static json_t *lot(const app_replay_lot *l)
{
    const recording_lot *x = &l->lot;
    json_t *o = json_object();
    o = wire_set(o, "auction_id", wire_id(x->auction_id));
    o = wire_set(o, "product_id", wire_id(x->product_id));
    o = wire_set(o, "title", wire_str(x->title));
    o = wire_set(o, "status", wire_str(x->status));
    o = wire_set(o, "started_at", wire_time(x->started_at));
    o = wire_set(o, "ended_at", wire_time(x->ended_at));
    o = wire_set(o, "start_ms", ms_or_null(l->start_ms));
    o = wire_set(o, "decided_ms", ms_or_null(l->decided_ms));
    return wire_set(o, "sale", x->sold ? wire_sale(&x->sale) : json_null());
}

static json_t *file(const char *url, const char *type)
{
    return url ? json_pack("{s:o, s:o}", "url", wire_str(url), "type", wire_str(type))
               : json_null();
}

json_t *wire_replay(const app_replay *r)
{
    const show_recording *rec = r->has_recording ? &r->rec : NULL;
    json_t *o = json_object();
    o = wire_set(o, "stream_id", wire_id(r->stream.id));
    o = wire_set(o, "status", wire_str(r->stream.status));
    o = wire_set(o, "record", json_boolean(r->stream.record));
    o = wire_set(o, "state", wire_str(rec ? rec->state : "none"));
    o = wire_set(o, "reason", rec && rec->reason[0] ? wire_str(rec->reason) : json_null());
    o = wire_set(o, "started_at", wire_time(rec ? rec->started_at : 0));
    o = wire_set(o, "duration_ms",
                 rec && rec->duration_ms > 0 ? json_integer(rec->duration_ms) : json_null());
    o = wire_set(o, "video", file(r->video_url, rec ? rec->video_type : ""));
    json_t *audio = file(r->audio_url, rec ? rec->audio_type : "");
    if (r->audio_url) {
        audio = wire_set(audio, "offset_ms", json_integer((json_int_t)rec->audio_offset_ms));
    }
    o = wire_set(o, "audio", audio);
    json_t *lots = json_array();
    for (size_t i = 0; lots && i < r->n_lots; i++) {
        json_array_append_new(lots, lot(&r->lots[i]));
    }
    return wire_wrap("replay", wire_set(o, "lots", lots));
}
