/*
 * Fuzz target: the header of a Janus recording (.mjr), which record_finish reads from every
 * file in a recording's directory before choosing what janus-pp-rec converts. Anything but
 * a well-formed header must be refused, never read past the input, and an accepted one
 * must name a kind and a codec that fit.
 */
#include "base/err.h"
#include "integrations/janus/janus_rec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy, so ASan catches a read past the end. */
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy) {
        return 0;
    }
    memcpy(copy, data, size);
    janus_mjr_info info;
    int rc = janus_mjr_header(copy, size, &info);
    if (rc != BZ_OK && rc != BZ_EBADREQUEST) {
        abort();
    }
    if (rc == BZ_OK && (!strchr("vad", info.kind) || info.kind == '\0' || !info.codec[0] ||
                        strlen(info.codec) >= sizeof(info.codec))) {
        abort();
    }
    free(copy);
    return 0;
}
