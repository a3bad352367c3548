#include "store/store_open.h"

#include "base/err.h"
#include "store/pg/pg_store.h"
#include "store/sqlite/sqlite_store.h"

#include <stdbool.h>
#include <string.h>

static bool has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int store_open_url(const char *url, store **out)
{
    *out = NULL;
    if (!url || !*url) {
        return BZ_EVALIDATION;
    }
    if (has_prefix(url, "postgres://") || has_prefix(url, "postgresql://")) {
        return pg_store_open(url, out);
    }
    if (has_prefix(url, "sqlite:")) {
        const char *path = url + strlen("sqlite:");
        return *path ? sqlite_store_open(path, out) : BZ_EVALIDATION;
    }
    /* Anything else with a scheme ("mysql://", "redis:") is a mistake, not a file name. A
     * bare path has no ':' before its first '/'. */
    const char *colon = strchr(url, ':');
    const char *slash = strchr(url, '/');
    if (colon && (!slash || colon < slash)) {
        return BZ_EVALIDATION;
    }
    return sqlite_store_open(url, out);
}
