/*
 * blytz outbox: what operators do with the outbox (docs/outbox.md).
 *
 *   blytz outbox list [--state pending|parked|done] [--limit N] [--cursor C]
 *   blytz outbox retry ID
 *
 * `list` prints rows newest first, one a line, and the cursor of the next page;
 * `retry` puts a parked row back to pending, due now: a running node picks it
 * up within a second. Both take the database settings of every command.
 */
#include "cmd/cmd.h"

#include "base/arena.h"
#include "base/err.h"
#include "base/str.h"
#include "base/time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OUTBOX_ARGS_MAX 64

static void usage(FILE *out)
{
    fprintf(out, "Usage: blytz outbox list [--state pending|parked|done] [--limit N] [--cursor C] "
                 "[OPTIONS]\n"
                 "       blytz outbox retry ID [OPTIONS]\n\n"
                 "list: outbox rows, newest first (every state unless --state; --limit 1..100, "
                 "default 50).\n"
                 "retry: put parked row ID back to pending, due now; a running node runs it "
                 "within a second.\n\n");
}

typedef struct outbox_args {
    const char *verb;
    const char *state; /* NULL = every state */
    int limit;
    int64_t cursor;
    int64_t id;
    int rest_n; /* what is left for config_load */
    char *rest[OUTBOX_ARGS_MAX];
} outbox_args;

static bool parse_id(const char *s, int64_t *out)
{
    return s && bz_parse_i64(s, strlen(s), out) == BZ_OK && *out > 0;
}

/* The verb and its own options out of argv; the rest (the database settings) kept for
 * config_load. -1 after saying why. */
static int parse_args(int argc, char **argv, outbox_args *a)
{
    *a = (outbox_args){.verb = argc > 0 ? argv[0] : "", .limit = 50};
    bool list = !strcmp(a->verb, "list"), retry = !strcmp(a->verb, "retry");
    if (!list && !retry) {
        fprintf(stderr, "blytz outbox: say list or retry (see blytz outbox --help)\n");
        return -1;
    }
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        int64_t n = 0;
        if (list && !strcmp(arg, "--state")) {
            if (!val || !outbox_state_ok(val)) {
                fprintf(stderr, "blytz outbox: --state is pending, parked or done\n");
                return -1;
            }
            a->state = val;
            i++;
        } else if (list && !strcmp(arg, "--limit")) {
            if (!parse_id(val, &n) || n > STORE_OUTBOX_PAGE_MAX) {
                fprintf(stderr, "blytz outbox: --limit is 1..%d\n", STORE_OUTBOX_PAGE_MAX);
                return -1;
            }
            a->limit = (int)n;
            i++;
        } else if (list && !strcmp(arg, "--cursor")) {
            if (!parse_id(val, &a->cursor)) {
                fprintf(stderr, "blytz outbox: --cursor takes the value a list printed\n");
                return -1;
            }
            i++;
        } else if (retry && !a->id && arg[0] != '-') {
            if (!parse_id(arg, &a->id)) {
                fprintf(stderr, "blytz outbox: \"%s\" is not a row id\n", arg);
                return -1;
            }
        } else if (a->rest_n < OUTBOX_ARGS_MAX) {
            a->rest[a->rest_n++] = argv[i];
        } else {
            fprintf(stderr, "blytz outbox: too many arguments\n");
            return -1;
        }
    }
    if (retry && !a->id) {
        fprintf(stderr, "blytz outbox retry: which row? (blytz outbox list --state parked)\n");
        return -1;
    }
    return 0;
}

static int list(store *s, const outbox_args *a)
{
    bz_arena *arena = bz_arena_new(64 * 1024);
    if (!arena) {
        fprintf(stderr, "blytz outbox: out of memory\n");
        return 1;
    }
    store_outbox_row *rows = NULL;
    store_page page;
    int rc = store_outbox_list(s, a->state, a->cursor, a->limit, arena, &rows, &page);
    if (rc != BZ_OK) {
        fprintf(stderr,
                "blytz outbox: cannot read the outbox: %s (blytz migrate brings an old "
                "database up to date)\n",
                bz_err_message(rc));
        bz_arena_free(arena);
        return 1;
    }
    printf("%-19s  %-7s  %-24s  %8s  %-24s  %s\n", "ID", "STATE", "KIND", "ATTEMPTS",
           "NEXT_AT / UPDATED_AT", "LAST_ERROR");
    for (size_t i = 0; i < page.n; i++) {
        const store_outbox_row *r = &rows[i];
        char at[BZ_RFC3339_LEN];
        /* when it runs next while pending; when it finished or was parked otherwise */
        bz_time_format(strcmp(r->state, OUTBOX_PENDING) ? r->updated_at : r->next_at, at);
        printf("%-19lld  %-7s  %-24s  %8d  %-24s  %s\n", (long long)r->id, r->state, r->kind,
               (int)r->attempts, at, r->last_error[0] ? r->last_error : "-");
    }
    if (page.next_cursor) {
        printf("more: --cursor %lld\n", (long long)page.next_cursor);
    }
    bz_arena_free(arena);
    return 0;
}

static int retry(store *s, int64_t id)
{
    int rc = store_outbox_requeue(s, id, bz_now_ms());
    if (rc == BZ_OK) {
        printf("outbox row %lld is pending again\n", (long long)id);
        return 0;
    }
    if (rc == BZ_ENOTFOUND) {
        fprintf(stderr, "blytz outbox: no outbox row %lld\n", (long long)id);
    } else if (rc == BZ_ECONFLICT) {
        fprintf(stderr, "blytz outbox: row %lld is not parked (only parked rows are retried)\n",
                (long long)id);
    } else {
        fprintf(stderr, "blytz outbox: %s\n", bz_err_message(rc));
    }
    return 1;
}

int cmd_outbox(unsigned scope, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            config_print_help(scope);
            return 0;
        }
    }
    outbox_args a;
    if (parse_args(argc, argv, &a)) {
        return 2;
    }
    blytz_config cfg;
    char err[256];
    if (config_load(&cfg, scope, a.rest_n, a.rest, err, sizeof(err))) {
        fprintf(stderr, "blytz outbox: %s\n", err);
        return 2;
    }
    store *s = NULL;
    int rc = runtime_store_open(&cfg, &s);
    if (rc) {
        return rc;
    }
    rc = a.id ? retry(s, a.id) : list(s, &a);
    store_close(s);
    return rc;
}
