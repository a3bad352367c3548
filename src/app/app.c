#include "app/app.h"

#include "base/err.h"
#include "base/str.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void app_config_defaults(app_config *cfg)
{
    cfg->access_ttl_ms = 15 * 60 * 1000LL;
    cfg->refresh_ttl_ms = 30LL * 24 * 3600 * 1000;
    cfg->min_password_len = 10;
    cfg->max_product_images = 10;
    cfg->image_url_ttl_s = 3600;
    cfg->chat_rate_count = 5;
    cfg->chat_rate_window_ms = 10 * 1000;
}

int app_fail(app_ctx *c, int code, const char *field, const char *fmt, ...)
{
    c->err.code = code;
    bz_strlcpy(c->err.field, field ? field : "", sizeof(c->err.field));
    c->err.message[0] = '\0';
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err.message, sizeof(c->err.message), fmt, ap);
        va_end(ap);
    }
    return code;
}

void app_err_clear(app_ctx *c)
{
    memset(&c->err, 0, sizeof(c->err));
}
