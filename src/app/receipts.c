/*
 * Video receipts (app/recordings.h): an order won at auction points at the moment its lot was
 * decided on the show's recording, so that buyer and seller can both watch what happened.
 * A page of orders reads each auction once and each show's recording once.
 */
#include "app/recordings.h"

#include "app/app_util.h"
#include "base/err.h"

#include <string.h>

/* The recording of `stream_id`, read once per page: shows[i] / recs[i] / found[i] cache it. */
typedef struct rec_cache {
    int64_t *shows;
    show_recording *recs;
    bool *found;
    size_t n;
} rec_cache;

static int recording_of(app_ctx *c, rec_cache *k, int64_t stream_id, const show_recording **out)
{
    for (size_t i = 0; i < k->n; i++) {
        if (k->shows[i] == stream_id) {
            *out = k->found[i] ? &k->recs[i] : NULL;
            return BZ_OK;
        }
    }
    size_t i = k->n++;
    int rc = store_recording_get(c->store, stream_id, c->arena, &k->recs[i]);
    if (rc != BZ_OK && rc != BZ_ENOTFOUND) {
        return app_fail(c, rc, NULL, NULL);
    }
    k->shows[i] = stream_id;
    k->found[i] = rc == BZ_OK;
    *out = k->found[i] ? &k->recs[i] : NULL;
    return BZ_OK;
}

/* A recording that is, or will be, something to watch. */
static bool has_moments(const show_recording *r)
{
    return r && (strcmp(r->state, RECORDING_RECORDING) == 0 ||
                 strcmp(r->state, RECORDING_PROCESSING) == 0 || recording_playable(r));
}

static int receipt_of(app_ctx *c, rec_cache *k, const order_record *o, app_order_receipt *out)
{
    auction_lot au;
    int rc = store_auction_get(c->store, o->auction_id, false, c->arena, &au);
    if (rc == BZ_ENOTFOUND) {
        return BZ_OK;
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    const show_recording *rec = NULL;
    if ((rc = recording_of(c, k, au.stream_id, &rec)) != BZ_OK) {
        return rc;
    }
    if (!has_moments(rec)) {
        return BZ_OK;
    }
    out->stream_id = au.stream_id;
    out->at_ms = recording_offset_ms(rec, au.ended_at ? au.ended_at : o->created_at);
    out->ready = recording_playable(rec);
    return BZ_OK;
}

int app_order_receipts(app_ctx *c, app_order_page *page)
{
    size_t n = page->n ? page->n : 1;
    rec_cache k = {bz_arena_calloc(c->arena, n, sizeof(*k.shows)),
                   bz_arena_calloc(c->arena, n, sizeof(*k.recs)),
                   bz_arena_calloc(c->arena, n, sizeof(*k.found)), 0};
    page->receipts = bz_arena_calloc(c->arena, n, sizeof(*page->receipts));
    if (!k.shows || !k.recs || !k.found || !page->receipts) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    for (size_t i = 0; i < page->n; i++) {
        if (page->items[i].auction_id == 0) {
            continue;
        }
        int rc = receipt_of(c, &k, &page->items[i], &page->receipts[i]);
        if (rc != BZ_OK) {
            return rc;
        }
    }
    return BZ_OK;
}
