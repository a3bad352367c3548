/* blytz migrate and blytz demo: one-shot commands on the configured database. */
#include "cmd/cmd.h"
#include "cmd/seed.h"

#include "base/arena.h"
#include "base/err.h"
#include "base/log.h"
#include "base/time.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Open the store and apply migrations and reference data: what every command needs first. */
static int open_migrated(const blytz_config *cfg, store **out)
{
    int rc = runtime_store_open(cfg, out);
    if (rc) {
        return rc;
    }
    int applied = 0;
    int err = store_migrate(*out, &applied);
    if (!err) {
        err = seed_categories(*out, bz_now_ms());
    }
    if (err) {
        fprintf(stderr, "blytz: migration failed: %s\n", bz_err_message(err));
        store_close(*out);
        *out = NULL;
        return 1;
    }
    if (applied) {
        bz_info("applied %d migration(s) to %s database", applied, store_name(*out));
    }
    return 0;
}

int cmd_migrate(const blytz_config *cfg)
{
    store *s;
    int rc = open_migrated(cfg, &s);
    if (rc) {
        return rc;
    }
    printf("database is up to date (%s)\n", store_name(s));
    store_close(s);
    return 0;
}

/* Load demo data into `s` if it has no users yet. Returns 0 or an exit code. */
int cmd_load_demo_if_empty(runtime *rt, store *s)
{
    bool empty = false;
    int rc = seed_is_empty(s, &empty);
    if (rc || !empty) {
        return rc ? 1 : 0;
    }
    bz_arena *arena = bz_arena_new(64 * 1024);
    if (!arena) {
        return 1;
    }
    app_ctx c = {.env = &rt->env, .store = s, .arena = arena, .now = bz_now_ms()};
    /* a test card only where the provider runs in test mode: never on a live key */
    const char *key = rt->cfg->stripe_secret_key;
    bool test_mode =
        rt->env.payments && (!strncmp(key, "sk_test_", 8) || !strncmp(key, "rk_test_", 8));
    rc = seed_demo(&c, test_mode);
    bz_arena_free(arena);
    if (rc) {
        fprintf(stderr, "blytz: loading demo data failed: %s (%s %s)\n", bz_err_message(rc),
                c.err.field, c.err.message);
        return 1;
    }
    bz_info("loaded demo data");
    return 0;
}

int cmd_demo(const blytz_config *cfg)
{
    runtime rt;
    int rc = runtime_open(&rt, cfg);
    if (rc) {
        return rc;
    }
    store *s;
    rc = open_migrated(cfg, &s);
    if (!rc) {
        bool empty = false;
        seed_is_empty(s, &empty);
        rc = cmd_load_demo_if_empty(&rt, s);
        if (!rc) {
            printf(empty ? "demo data loaded\n" : "database is not empty: nothing loaded\n");
        }
        store_close(s);
    }
    runtime_close(&rt);
    return rc;
}

int cmd_open_migrated(const blytz_config *cfg, store **out)
{
    return open_migrated(cfg, out);
}
