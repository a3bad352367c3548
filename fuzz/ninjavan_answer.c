/*
 * Fuzz target: NinjaVan's answers as the adapter reads them (nv_read.h): a token
 * grant, an error body, a created order, "exists already", "cancelled already".
 * Any bytes; every reader must stay inside them and its fields: strings
 * terminated, a token read only with a positive expiry and printable bytes, a
 * tracking number read only when it is one (nv_tracking_ok), an "exists" answer
 * giving a tracking number that ends with the requested one, and the same bytes
 * reading the same way twice.
 */
#include "integrations/ninjavan/nv_api.h"
#include "integrations/ninjavan/nv_read.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void terminated(const char *s, size_t size)
{
    if (!memchr(s, '\0', size)) {
        abort();
    }
}

static void token(const char *body, size_t size)
{
    static char tok[NV_TOKEN_MAX];
    int64_t exp = -1;
    if (nv_read_token(body, size, 1000, tok, sizeof(tok), &exp)) {
        terminated(tok, sizeof(tok));
        for (size_t i = 0; tok[i]; i++) {
            if (tok[i] <= 0x20 || tok[i] >= 0x7f) {
                abort();
            }
        }
        if (!tok[0] || exp <= 0) {
            abort();
        }
    } else if (tok[0] || exp != 0) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *body = (const char *)data;
    token(body, size);
    shipper_note note, again;
    memset(&note, 0x5a, sizeof(note));
    nv_read_error(body, size, &note);
    terminated(note.title, sizeof(note.title));
    terminated(note.message, sizeof(note.message));
    memcpy(&again, &note, sizeof(note));
    nv_read_error(body, size, &again);
    if (memcmp(&note, &again, sizeof(note)) != 0) {
        abort();
    }
    char tracking[SHIPPER_TRACKING_MAX];
    if (nv_read_created(body, size, tracking) ? !nv_tracking_ok(tracking) : tracking[0] != '\0') {
        abort();
    }
    static const char requested[] = "BZS000042";
    if (nv_read_exists(body, size, requested, tracking)) {
        size_t n = strlen(tracking), r = sizeof(requested) - 1;
        if (!nv_tracking_ok(tracking) || n < r || strcasecmp(tracking + n - r, requested) != 0) {
            abort();
        }
    } else if (tracking[0]) {
        abort();
    }
    (void)nv_read_cancelled_already(body, size);
    return 0;
}
