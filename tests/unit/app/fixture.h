/*
 * tests/unit/app/fixture.h - an app_ctx over a fresh SQLite database (the real
 * adapter, migrated), the real crypto adapter at minimum argon2id cost, and
 * in-memory fakes of the blob and imager ports.
 */
#ifndef TEST_APP_FIXTURE_H
#define TEST_APP_FIXTURE_H

#include "app/app.h"

#include <stdbool.h>
#include <stddef.h>

#define FIX_NOW       1767225600000LL /* 2026-01-01T00:00:00Z */
#define FIX_MAX_BLOBS 64

typedef struct fake_blob {
    blob base;
    char *keys[FIX_MAX_BLOBS];
    int count; /* live keys */
} fake_blob;

typedef struct fixture {
    char dir[64];
    app_env env;
    app_ctx ctx;
    fake_blob blob;
    imager imager;
} fixture;

/* Set up / tear down (cmocka group-less: call from each test's setup and teardown). */
int fixture_setup(void **state);
int fixture_teardown(void **state);

/* Is `key` stored in the fake blob? */
bool fixture_blob_has(const fixture *f, const char *key);

/* Register a user (password "correct horse battery"); returns its id. */
int64_t fixture_user(fixture *f, const char *username);
/* Register a user and make them a seller; returns its id. */
int64_t fixture_seller(fixture *f, const char *username);

#endif
