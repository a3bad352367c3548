#include "integrations/blob/blob_key.h"

#include <string.h>

static bool key_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '.' || c == '-';
}

bool blob_key_valid(const char *key)
{
    if (!key) {
        return false;
    }
    size_t len = strnlen(key, BLOB_KEY_MAX + 1);
    if (len == 0 || len > BLOB_KEY_MAX || strstr(key, "..")) {
        return false;
    }
    bool segment_start = true;
    for (size_t i = 0; i < len; i++) {
        char c = key[i];
        if (!key_char(c)) {
            return false;
        }
        if (segment_start && (c == '/' || c == '.')) {
            return false; /* leading '/', "//", or a segment starting with '.' */
        }
        segment_start = c == '/';
    }
    return !segment_start; /* no trailing '/' */
}
