/* A show's recording: its states and its timeline (domain/recording.h). */
#include "domain/recording.h"

#include <string.h>

bool recording_state_ok(const char *state)
{
    static const char *const names[] = {RECORDING_PENDING,    RECORDING_RECORDING,
                                        RECORDING_PROCESSING, RECORDING_READY,
                                        RECORDING_FAILED,     RECORDING_SKIPPED};
    for (size_t i = 0; state && i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(state, names[i]) == 0) {
            return true;
        }
    }
    return false;
}

bool recording_playable(const show_recording *r)
{
    return r->state && strcmp(r->state, RECORDING_READY) == 0 &&
           ((r->video_key && r->video_key[0]) || (r->audio_key && r->audio_key[0]));
}

int64_t recording_offset_ms(const show_recording *r, int64_t at)
{
    int64_t off = at - r->started_at;
    if (off < 0) {
        return 0;
    }
    return r->duration_ms > 0 && off > r->duration_ms ? r->duration_ms : off;
}

int64_t recording_lot_decided_at(const recording_lot *lot)
{
    return lot->ended_at ? lot->ended_at : lot->started_at;
}
