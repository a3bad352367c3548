#include "app/app.h"

#include "base/check.h"
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
    cfg->video_grant_ttl_s = 10 * 60;
    outbox_policy_defaults(&cfg->outbox);
    cfg->pay.pay_window_ms = 24LL * 3600 * 1000;
    cfg->pay.protection_ms = 3LL * 24 * 3600 * 1000;
    cfg->pay.issuer_name = "Blytz";
    cfg->pay.document_link_ttl_ms = 5 * 60 * 1000;
    field_error ferr;
    int rc = shipping_table_parse(SHIPPING_TABLE_DEFAULT, strlen(SHIPPING_TABLE_DEFAULT),
                                  &cfg->pay.rates, &ferr);
    (void)BZ_ALWAYS(rc == BZ_OK); /* the default table is ours: a failure is a bug */
    cfg->pay.terms = (checkout_terms){.commission_bp = 1000};
    plan_table_free_only(&cfg->pay.plans, cfg->pay.terms.commission_bp);
    cfg->pay.plan_grace_ms = PLAN_GRACE_MS_DEF;
    cfg->pay.publishable_key = "";
    cfg->pay.js_url = "https://js.stripe.com/v3/";
}

static int err_vset(app_err *e, int code, const char *field, const char *fmt, va_list ap)
{
    e->code = code;
    bz_strlcpy(e->field, field ? field : "", sizeof(e->field));
    e->message[0] = '\0';
    if (fmt) {
        vsnprintf(e->message, sizeof(e->message), fmt, ap);
    }
    return code;
}

int app_fail(app_ctx *c, int code, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_vset(&c->err, code, field, fmt, ap);
    va_end(ap);
    return code;
}

int app_err_set(app_err *e, int code, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_vset(e, code, field, fmt, ap);
    va_end(ap);
    return code;
}

void app_err_clear(app_ctx *c)
{
    memset(&c->err, 0, sizeof(c->err));
}
