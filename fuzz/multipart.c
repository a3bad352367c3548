/*
 * Fuzz target for http/multipart.c. Input: a Content-Type value up to the
 * first '\n', then the body. Every returned slice must lie inside the body.
 */
#include "http/multipart.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static volatile unsigned sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nl = memchr(text, '\n', size);
    size_t ct_len = nl ? (size_t)(nl - text) : size;
    const char *body = nl ? nl + 1 : text + size;
    size_t body_len = size - ct_len - (nl ? 1 : 0);

    multipart_part parts[8];
    size_t n = 0;
    const multipart_limits limits = {.max_parts = 8, .max_header_bytes = 256};
    if (multipart_parse(text, ct_len, body, body_len, &limits, parts, 8, &n) != 0) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        const multipart_part *p = &parts[i];
        /* Out-of-bounds slices would trip ASan here, not just in a later handler. */
        if (p->data < body || p->data + p->len > body + body_len || !p->name) {
            abort();
        }
        unsigned sum = 0;
        for (size_t j = 0; j < p->name_len; j++) {
            sum += (unsigned char)p->name[j];
        }
        for (size_t j = 0; p->filename && j < p->filename_len; j++) {
            sum += (unsigned char)p->filename[j];
        }
        for (size_t j = 0; p->content_type && j < p->content_type_len; j++) {
            sum += (unsigned char)p->content_type[j];
        }
        if (p->len) {
            sum += (unsigned char)p->data[0] + (unsigned char)p->data[p->len - 1];
        }
        sink += sum; /* keeps the reads from being optimised away */
    }
    return 0;
}
