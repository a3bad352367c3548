/*
 * integrations/image/webp_meta.c - see webp_meta.h. Container layout (Google's
 * "WebP Container Specification"): "RIFF" <u32le size> "WEBP", then chunks of
 * <fourcc> <u32le payload size> <payload, padded to an even length>.
 */
#include "integrations/image/webp_meta.h"

#include "base/check.h"

#include <stdint.h>
#include <string.h>

#define VP8X_FLAG_ICC  0x20
#define VP8X_FLAG_EXIF 0x08
#define VP8X_FLAG_XMP  0x04

static uint32_t get_u32le(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_u32le(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static int is_metadata(const unsigned char *fourcc)
{
    return memcmp(fourcc, "EXIF", 4) == 0 || memcmp(fourcc, "XMP ", 4) == 0 ||
           memcmp(fourcc, "ICCP", 4) == 0;
}

size_t webp_strip_metadata(unsigned char *data, size_t len)
{
    if (len < 12 || len > UINT32_MAX || memcmp(data, "RIFF", 4) != 0 ||
        memcmp(data + 8, "WEBP", 4) != 0 || (size_t)get_u32le(data + 4) + 8 != len) {
        return 0;
    }
    size_t read = 12, write = 12;
    while (read < len) {
        if (len - read < 8) {
            return 0;
        }
        size_t payload = get_u32le(data + read + 4);
        size_t chunk = 8 + payload + (payload & 1);
        if (payload > len - read - 8 || chunk > len - read) {
            return 0;
        }
        if (memcmp(data + read, "VP8X", 4) == 0 && payload >= 1) {
            data[read + 8] &= (unsigned char)~(VP8X_FLAG_ICC | VP8X_FLAG_EXIF | VP8X_FLAG_XMP);
        }
        BZ_CHECK(write <= read); /* compaction only moves chunks towards the start */
        if (!is_metadata(data + read)) {
            memmove(data + write, data + read, chunk);
            write += chunk;
        }
        read += chunk;
    }
    put_u32le(data + 4, (uint32_t)(write - 8));
    return write;
}
