#include "app/idempotency.h"

#include "base/err.h"
#include "base/str.h"

#include <string.h>

static bool key_ok(const char *key)
{
    size_t n = strlen(key);
    if (n == 0 || n > APP_IDEM_KEY_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (key[i] < 0x21 || key[i] > 0x7e) {
            return false;
        }
    }
    return true;
}

static int fingerprint(app_ctx *c, const char *method, const char *path, const void *body,
                       size_t body_len, unsigned char out[32])
{
    crypto *cr = c->env->crypto;
    unsigned char body_hash[32];
    char hex[65];
    cr->ops->sha256(cr, body ? body : "", body ? body_len : 0, body_hash);
    bz_hex_encode(body_hash, sizeof(body_hash), hex);
    char *text = bz_arena_printf(c->arena, "%s\n%s\n%s", method, path, hex);
    if (!text) {
        return BZ_ENOMEM;
    }
    cr->ops->sha256(cr, text, strlen(text), out);
    return BZ_OK;
}

int app_idem_begin(app_ctx *c, int64_t user_id, const char *key, const char *method,
                   const char *path, const void *body, size_t body_len, app_idem *st,
                   app_idem_replay *replay)
{
    memset(st, 0, sizeof(*st));
    memset(replay, 0, sizeof(*replay));
    if (!key || user_id == 0) {
        return BZ_OK;
    }
    if (!key_ok(key)) {
        return app_fail(c, BZ_EVALIDATION, "Idempotency-Key", "1 to %d printable ASCII characters",
                        APP_IDEM_KEY_MAX);
    }
    int rc = fingerprint(c, method, path, body, body_len, st->fingerprint);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    st->active = true;
    st->user_id = user_id;
    st->key = key;
    store_idem rec;
    rc = store_idem_get(c->store, user_id, key, c->arena, &rec);
    if (rc == BZ_ENOTFOUND) {
        return BZ_OK;
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    st->active = false; /* already recorded: nothing to store again */
    if (memcmp(rec.req_hash, st->fingerprint, sizeof(rec.req_hash)) != 0) {
        return app_fail(c, BZ_EIDEMPOTENCY, "Idempotency-Key", NULL);
    }
    replay->status = rec.status;
    replay->body = rec.body ? rec.body : "";
    return BZ_OK;
}

int app_idem_finish(app_ctx *c, const app_idem *st, int status, const char *body)
{
    if (!st->active || status < 200 || status > 299) {
        return BZ_OK;
    }
    store_idem rec = {.user_id = st->user_id,
                      .key = st->key,
                      .status = status,
                      .body = body ? body : "",
                      .created_at = c->now};
    memcpy(rec.req_hash, st->fingerprint, sizeof(rec.req_hash));
    int rc = store_idem_put(c->store, &rec);
    /* BZ_ECONFLICT: a concurrent attempt recorded first; its answer stands. */
    return rc == BZ_OK || rc == BZ_ECONFLICT ? BZ_OK : app_fail(c, rc, NULL, NULL);
}
