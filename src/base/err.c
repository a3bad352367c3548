#include "base/err.h"

#include <stddef.h>

struct bz_err_row {
    int value;
    const char *code;
    int status;
    const char *message;
};

static const struct bz_err_row rows[] = {
#define BZ_ERR_ROW(name, value, code, status, msg) {value, code, status, msg},
    BZ_ERRORS(BZ_ERR_ROW)
#undef BZ_ERR_ROW
};

static const struct bz_err_row *find(int err)
{
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        if (rows[i].value == err) {
            return &rows[i];
        }
    }
    return &rows[0]; /* BZ_EINTERNAL */
}

const char *bz_err_code(int err)
{
    return find(err)->code;
}

int bz_err_http_status(int err)
{
    return find(err)->status;
}

const char *bz_err_message(int err)
{
    return find(err)->message;
}
