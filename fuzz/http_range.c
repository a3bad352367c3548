/*
 * Fuzz target: the Range header of a request for a static file (http/range.h). Any value, for
 * a file of any size: a range it serves lies inside the file, and nothing is read past the
 * value's end.
 */
#include "http/range.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The first 8 bytes choose the file's size (small ones often); the rest is the value. */
    uint64_t file = 0;
    if (size >= 8) {
        memcpy(&file, data, 8);
        file %= (data[0] & 1) ? 4096 : UINT64_MAX;
        data += 8;
        size -= 8;
    }
    char *value = malloc(size + 1); /* exactly the value and its NUL: ASan sees an overread */
    if (!value) {
        return 0;
    }
    memcpy(value, data, size);
    value[size] = '\0';
    uint64_t first = 0, last = 0;
    http_range_kind k = http_range_parse(value, file, &first, &last);
    if (k == HTTP_RANGE_OK && (first > last || last >= file)) {
        abort();
    }
    if (k != HTTP_RANGE_OK && k != HTTP_RANGE_NONE && k != HTTP_RANGE_UNSATISFIABLE) {
        abort();
    }
    free(value);
    return 0;
}
