#include "fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/auth.h"
#include "app/revocation.h"
#include "app/sellers.h"
#include "base/err.h"
#include "crypto/crypto_impl.h"
#include "store/sqlite/sqlite_store.h"
#include "wire/events.h"

#define KEY "t1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

static int blob_put(blob *b, const char *key, const void *data, size_t len, const char *type)
{
    fake_blob *fb = (fake_blob *)b;
    for (int i = 0; i < FIX_MAX_BLOBS; i++) {
        if (fb->keys[i] && !strcmp(fb->keys[i], key)) {
            return BZ_OK;
        }
    }
    for (int i = 0; i < FIX_MAX_BLOBS; i++) {
        if (!fb->keys[i]) {
            fb->keys[i] = strdup(key);
            fb->count++;
            return BZ_OK;
        }
    }
    return BZ_EINTERNAL;
}

static int blob_get(blob *b, const char *key, void **data, size_t *len)
{
    return BZ_ENOTFOUND;
}

static int blob_del(blob *b, const char *key)
{
    fake_blob *fb = (fake_blob *)b;
    for (int i = 0; i < FIX_MAX_BLOBS; i++) {
        if (fb->keys[i] && !strcmp(fb->keys[i], key)) {
            free(fb->keys[i]);
            fb->keys[i] = NULL;
            fb->count--;
        }
    }
    return BZ_OK;
}

static int blob_url(blob *b, const char *key, int64_t now, int ttl, char *out, size_t size)
{
    snprintf(out, size, "/media/%s", key);
    return BZ_OK;
}

static const struct blob_ops fake_blob_ops = {blob_put, blob_get, blob_del, blob_url, NULL};

/* Accepts bytes starting with "IMG" as a 100x50 image; anything else is not an image. */
static int fake_process(imager *im, const void *data, size_t len,
                        const int max_edge[IMAGE_NVARIANTS], int square,
                        image_variant out[IMAGE_NVARIANTS])
{
    if (len < 3 || memcmp(data, "IMG", 3) != 0) {
        return BZ_EBADIMAGE;
    }
    for (int i = 0; i < IMAGE_NVARIANTS; i++) {
        out[i].data = malloc(4);
        memcpy(out[i].data, "RIFF", 4);
        out[i].len = 4;
        out[i].width = square ? 50 : 100;
        out[i].height = 50;
    }
    return BZ_OK;
}

static const struct imager_ops fake_imager_ops = {fake_process};

int fixture_setup(void **state)
{
    fixture *f = calloc(1, sizeof(*f));
    char path[128];
    crypto_keyring ring;
    crypto_password_cost cost = crypto_password_cost_min();
    assert_non_null(f);
    snprintf(f->dir, sizeof(f->dir), "/tmp/bz-app-test.XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(path, sizeof(path), "%s/t.db", f->dir);
    assert_int_equal(sqlite_store_open(path, &f->ctx.store), BZ_OK);
    assert_int_equal(store_migrate(f->ctx.store, NULL), BZ_OK);
    assert_int_equal(crypto_keyring_parse(KEY, &ring, NULL, 0), BZ_OK);
    assert_int_equal(crypto_open_with_cost(&ring, &cost, &f->env.crypto), BZ_OK);
    assert_int_equal(crypto_set_log_keys(f->env.crypto, &ring, NULL, 0), BZ_OK); /* bid log */
    app_config_defaults(&f->env.cfg);
    f->env.encoder = wire_encoder();
    f->blob.base.ops = &fake_blob_ops;
    f->imager.ops = &fake_imager_ops;
    f->env.blob = &f->blob.base;
    f->env.imager = &f->imager;
    f->env.revoked = app_revocations_new();
    assert_non_null(f->env.revoked);
    f->ctx.env = &f->env;
    f->ctx.arena = bz_arena_new(16384);
    f->ctx.now = FIX_NOW;
    *state = f;
    return 0;
}

int fixture_teardown(void **state)
{
    fixture *f = *state;
    char path[128];
    store_close(f->ctx.store);
    crypto_close(f->env.crypto);
    app_revocations_free(f->env.revoked);
    bz_arena_free(f->ctx.arena);
    for (int i = 0; i < FIX_MAX_BLOBS; i++) {
        free(f->blob.keys[i]);
    }
    const char *suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s/t.db%s", f->dir, suffixes[i]);
        unlink(path);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

bool fixture_blob_has(const fixture *f, const char *key)
{
    for (int i = 0; i < FIX_MAX_BLOBS; i++) {
        if (f->blob.keys[i] && !strcmp(f->blob.keys[i], key)) {
            return true;
        }
    }
    return false;
}

int64_t fixture_user(fixture *f, const char *username)
{
    app_session s;
    char email[96];
    snprintf(email, sizeof(email), "%s@example.my", username);
    assert_int_equal(app_auth_register(&f->ctx, email, username, "correct horse battery", &s),
                     BZ_OK);
    return s.user.id;
}

int64_t fixture_seller(fixture *f, const char *username)
{
    int64_t id = fixture_user(f, username);
    store_address a = {"1 Jalan Ampang", "", "Kuala Lumpur", "W.P. Kuala Lumpur", "50450"};
    app_seller_input in = {.shop_name = "Kedai", .description = "", .pickup = &a};
    store_seller out;
    assert_int_equal(app_seller_create(&f->ctx, id, &in, &out), BZ_OK);
    return id;
}
