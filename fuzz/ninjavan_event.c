/*
 * Fuzz target: the body of a NinjaVan webhook once its signature verified (what
 * nv_event_parse reads: any bytes, since a leaked secret or a bug upstream must
 * not turn into memory errors). It must answer BZ_OK or BZ_EBADREQUEST; on
 * refusal the event is all zeroes; on success every string is terminated inside
 * its field, the tracking number is non-empty and of tracking characters, the
 * kind is one of the port's, the status words are there, the time is not
 * negative, and reading the same bytes again gives the same event. The status
 * words alone map to a kind of the port's whatever they are.
 */
#include "base/err.h"
#include "integrations/ninjavan/nv_event.h"
#include "integrations/ninjavan/nv_read.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void terminated(const char *s, size_t size)
{
    if (!memchr(s, '\0', size)) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static shipper_event e, again, zero;
    if ((unsigned)nv_status_kind((const char *)data, size) >= SHIPPER_EV_KIND_COUNT) {
        abort();
    }
    int rc = nv_event_parse(data, size, &e);
    if (rc != BZ_OK) {
        if (rc != BZ_EBADREQUEST || memcmp(&e, &zero, sizeof(e)) != 0) {
            abort();
        }
        return 0;
    }
    terminated(e.tracking, sizeof(e.tracking));
    terminated(e.reference, sizeof(e.reference));
    terminated(e.text, sizeof(e.text));
    terminated(e.reason, sizeof(e.reason));
    if (!nv_tracking_ok(e.tracking) || (unsigned)e.kind >= SHIPPER_EV_KIND_COUNT || !e.text[0] ||
        e.at < 0) {
        abort();
    }
    if (nv_event_parse(data, size, &again) != BZ_OK || memcmp(&e, &again, sizeof(e)) != 0) {
        abort();
    }
    return 0;
}
