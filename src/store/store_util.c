#include "store/store_util.h"

#include "base/err.h"

#include <string.h>

int store_clamp_limit(int limit)
{
    return limit < 1 ? 1 : limit > 100 ? 100 : limit;
}

void *store_arena_grow(bz_arena *a, void *array, size_t n, size_t *cap, size_t elem)
{
    if (array && n < *cap) {
        return array;
    }
    size_t new_cap = *cap ? *cap * 2 : 16;
    while (new_cap <= n) {
        new_cap *= 2;
    }
    void *grown = bz_arena_calloc(a, new_cap, elem);
    if (!grown) {
        return NULL;
    }
    if (array) {
        memcpy(grown, array, *cap * elem);
    }
    *cap = new_cap;
    return grown;
}

struct unique_rule {
    const char *needle; /* PostgreSQL constraint name, or SQLite's "table.column" spelling */
    int code;
};

static const struct unique_rule unique_rules[] = {
    {"users_email_key", BZ_EEMAILTAKEN},
    {"users.email", BZ_EEMAILTAKEN},
    {"users_username_lower_key", BZ_EUSERNAMETAKEN},
    {"sellers_pkey", BZ_EALREADYSELLER},
    {"sellers.id", BZ_EALREADYSELLER},
    /* 0003: a show runs one auction at a time */
    {"auctions_one_running_key", BZ_EAUCTIONRUNNING},
    {"auctions.stream_id", BZ_EAUCTIONRUNNING},
};

int store_unique_violation_code(const char *text)
{
    if (!text) {
        return BZ_ECONFLICT;
    }
    for (size_t i = 0; i < sizeof(unique_rules) / sizeof(unique_rules[0]); i++) {
        if (strstr(text, unique_rules[i].needle)) {
            return unique_rules[i].code;
        }
    }
    return BZ_ECONFLICT;
}

long store_id_index(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++) {
        if (ids[i] == id) {
            return (long)i;
        }
    }
    return -1;
}
