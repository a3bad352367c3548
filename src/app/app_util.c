#include "app/app_util.h"

#include "base/err.h"
#include "base/str.h"

#include <string.h>

char *app_lower_dup(app_ctx *c, const char *s)
{
    char *out = bz_arena_strdup(c->arena, s);
    for (char *p = out; p && *p; p++) {
        if (*p >= 'A' && *p <= 'Z') {
            *p = (char)(*p - 'A' + 'a');
        }
    }
    return out;
}

bool app_parse_id(const char *s, int64_t *out)
{
    int64_t v;
    if (!s || !*s || *s == '-' || *s == '+') {
        return false;
    }
    if (bz_parse_i64(s, strlen(s), &v) != BZ_OK || v <= 0) {
        return false;
    }
    *out = v;
    return true;
}

int app_store_fail(app_ctx *c, int rc, int missing)
{
    return app_fail(c, rc == BZ_ENOTFOUND ? missing : rc, NULL, NULL);
}

int app_require_seller(app_ctx *c, int64_t actor, const char *why)
{
    account_user u;
    int rc = store_user_get(c->store, actor, c->arena, &u);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_EUNAUTHORIZED);
    }
    return u.is_seller ? BZ_OK : app_fail(c, BZ_ENOTSELLER, NULL, "%s", why);
}

bool app_is_admin(app_ctx *c, int64_t actor)
{
    bool admin = false;
    return actor > 0 && store_user_is_admin(c->store, actor, &admin) == BZ_OK && admin;
}

int app_own_product(app_ctx *c, int64_t actor, int64_t id, catalog_product *p)
{
    int rc = store_product_get(c->store, id, c->arena, p);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    if (p->seller_id != actor) {
        return app_fail(c, BZ_EFORBIDDEN, NULL, "only the product's seller may change it");
    }
    return BZ_OK;
}

int app_own_show(app_ctx *c, int64_t actor, int64_t id, const char *why, show_stream *st)
{
    int rc = store_stream_get(c->store, id, c->arena, st);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    return st->seller_id == actor ? BZ_OK : app_fail(c, BZ_EFORBIDDEN, NULL, "%s", why);
}

int app_show_lock(app_ctx *c, int64_t id, show_stream *st)
{
    int64_t seq = 0;
    int rc = store_stream_next_seq(c->store, id, 0, &seq);
    if (rc == BZ_OK) {
        rc = store_stream_get(c->store, id, c->arena, st);
    }
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
}

bool app_text_ok(const char *s, size_t max_chars)
{
    if (!s) {
        return true;
    }
    size_t len = strlen(s);
    return bz_utf8_valid(s, len) && bz_utf8_len(s, len) <= max_chars;
}

int app_event_encode(app_ctx *c, const app_event *ev, event *out)
{
    encoder *enc = c->env ? c->env->encoder : NULL;
    if (!enc) {
        return app_fail(c, BZ_EINTERNAL, NULL, "no event encoder");
    }
    int rc = enc->ops->encode(enc, ev, c->arena, out);
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

bool app_id_safe(const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0;
    return n > 0 && n < max &&
           strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-") == n;
}
