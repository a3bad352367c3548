/* The outbox: enqueueing side effects and running them (app/outbox.h). */
#include "app/outbox.h"

#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "base/rand.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int app_outbox_enqueue(app_ctx *c, const char *kind, const char *dedupe_key,
                       const char *payload_json)
{
    if (!outbox_kind_ok(kind) || !outbox_key_ok(dedupe_key) || !payload_json ||
        strlen(payload_json) > OUTBOX_PAYLOAD_MAX) {
        return app_fail(c, BZ_EINTERNAL, NULL, "outbox: kind, key or payload out of range");
    }
    store_outbox_row r = {
        .id = bz_id_new(c->now),
        .kind = kind,
        .dedupe_key = dedupe_key,
        .payload = payload_json,
        .next_at = c->now,
        .created_at = c->now,
    };
    int rc = store_outbox_add(c->store, &r, NULL);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    c->outbox_added = true;
    return BZ_OK;
}

int64_t app_outbox_payload_id(const char *payload, const char *name)
{
    char field[64];
    int n = snprintf(field, sizeof(field), "\"%s\":\"", name);
    const char *p = payload && n > 0 && (size_t)n < sizeof(field) ? strstr(payload, field) : NULL;
    if (!p) {
        return 0;
    }
    char *end;
    long long id = strtoll(p + n, &end, 10);
    return *end == '"' && id > 0 && id < INT64_MAX ? (int64_t)id : 0;
}

int64_t app_outbox_payload_num(const char *payload, const char *name)
{
    char field[64];
    int n = snprintf(field, sizeof(field), "\"%s\":", name);
    const char *p = payload && n > 0 && (size_t)n < sizeof(field) ? strstr(payload, field) : NULL;
    if (!p) {
        return 0;
    }
    p += n;
    bool quoted = *p == '"';
    if (quoted) {
        return app_outbox_payload_id(payload, name);
    }
    char *end;
    errno = 0;
    long long v = *p >= '0' && *p <= '9' ? strtoll(p, &end, 10) : 0;
    bool ok = v > 0 && errno == 0 && (*end == ',' || *end == '}' || *end == ' ');
    return ok ? (int64_t)v : 0;
}

bool app_outbox_payload_str(const char *payload, const char *name, char *out, size_t size)
{
    char pat[64];
    int n = snprintf(pat, sizeof(pat), "\"%s\":\"", name);
    const char *p = payload && n > 0 && (size_t)n < sizeof(pat) ? strstr(payload, pat) : NULL;
    const char *end = p ? strchr(p + n, '"') : NULL;
    if (!end || (size_t)(end - (p + n)) >= size) {
        return false;
    }
    p += n;
    memcpy(out, p, (size_t)(end - p));
    out[end - p] = '\0';
    return out[0] != '\0';
}

void app_outbox_kick(app_ctx *c)
{
    if (c->env->outbox_kick) {
        c->env->outbox_kick(c->env->outbox_kick_data);
    }
}

static const app_outbox_handler *handler_of(const app_outbox_handler *h, size_t n, const char *kind)
{
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(h[i].kind, kind)) {
            return &h[i];
        }
    }
    return NULL;
}

/* "code: why" as the row keeps it: at most OUTBOX_ERROR_MAX bytes, cut between characters. */
static const char *error_text(app_ctx *c, int rc, const char *why)
{
    char buf[OUTBOX_ERROR_MAX + 64];
    snprintf(buf, sizeof(buf), "%s%s%s", bz_err_code(rc), why[0] ? ": " : "", why);
    const char *kept = bz_arena_strndup(c->arena, buf, outbox_error_len(buf, OUTBOX_ERROR_MAX));
    return kept ? kept : "";
}

/* Run one claimed row and record its outcome. BZ_OK (also when another claim overtook this
 * one meanwhile: the row is the other worker's now) or the store's failure. */
static int run_row(app_ctx *c, const app_outbox_handler *handlers, size_t n_handlers,
                   const store_outbox_row *row)
{
    const outbox_policy *p = &c->env->cfg.outbox;
    char why[OUTBOX_ERROR_MAX] = "";
    int result;
    const app_outbox_handler *h = handler_of(handlers, n_handlers, row->kind);
    if (h) {
        char key[40];
        snprintf(key, sizeof(key), "outbox-%lld", (long long)row->id);
        app_outbox_job job = {
            .id = row->id,
            .kind = row->kind,
            .payload = row->payload,
            .attempts = row->attempts,
            .idempotency_key = key,
        };
        result = h->run(h->data, c, &job, why, sizeof(why));
        why[sizeof(why) - 1] = '\0'; /* whatever the handler left */
    } else {
        /* Parked, not retried: this node cannot run it, and an operator sees it. */
        result = BZ_EINTERNAL;
        snprintf(why, sizeof(why), "no handler for kind \"%s\"", row->kind);
    }
    if (c->env->clock) {
        c->now = c->env->clock(); /* the wait counts from the end of the attempt */
    }
    uint32_t r;
    bz_random_bytes(&r, sizeof(r));
    outbox_decision d = outbox_decide(p, result, row->attempts, c->now, r);
    int rc;
    switch (d.verdict) {
    case OUTBOX_V_DONE:
        rc = store_outbox_done(c->store, row, c->now);
        break;
    case OUTBOX_V_RETRY:
        bz_info("outbox: %s %lld attempt %d failed (%s), again in %lld ms", row->kind,
                (long long)row->id, row->attempts, bz_err_code(result),
                (long long)(d.next_at - c->now));
        rc = store_outbox_retry(c->store, row, d.next_at, error_text(c, result, why), c->now);
        break;
    default:
        bz_warn("outbox: %s %lld parked after attempt %d: %s%s%s", row->kind, (long long)row->id,
                row->attempts, bz_err_code(result), why[0] ? ": " : "", why);
        rc = store_outbox_park(c->store, row, error_text(c, result, why), c->now);
        break;
    }
    if (rc == BZ_ECONFLICT) {
        /* Our lease ran out and another worker claimed the row: its outcome will count. */
        bz_warn("outbox: %s %lld: the lease ran out before the outcome was recorded", row->kind,
                (long long)row->id);
        rc = BZ_OK;
    }
    return rc;
}

int app_outbox_run(app_ctx *c, const app_outbox_handler *handlers, size_t n_handlers, int max_rows,
                   int64_t *next_due_ms)
{
    *next_due_ms = 0;
    const outbox_policy *p = &c->env->cfg.outbox;
    if (max_rows < 1) {
        max_rows = 1;
    }
    if (c->env->clock) {
        c->now = c->env->clock();
    }
    /* A read first: an idle poll (every node, every second) then takes no write lock, which on
     * SQLite would make the auction engine's next commit wait for it. */
    int rc = store_outbox_next_due(c->store, next_due_ms);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (*next_due_ms == 0 || *next_due_ms > c->now) {
        return 0;
    }
    int ran = 0;
    while (ran < max_rows) {
        if (c->env->clock) {
            c->now = c->env->clock();
        }
        store_outbox_row *rows = NULL;
        size_t n = 0;
        rc = store_outbox_claim(c->store, c->now, c->now + p->lease_ms, 1, c->arena, &rows, &n);
        /* The store takes at most the limit (test_outbox_claim_limit). Were it to break that,
         * every row returned is leased to us: run them all rather than leave them to wait for
         * their leases to end. */
        (void)BZ_NEVER(rc == BZ_OK && n > 1);
        for (size_t i = 0; rc == BZ_OK && i < n; i++) {
            rc = run_row(c, handlers, n_handlers, &rows[i]);
        }
        if (rc != BZ_OK) {
            return app_fail(c, rc, NULL, NULL);
        }
        if (n == 0) {
            break;
        }
        ran += (int)n;
    }
    if (ran >= max_rows) {
        *next_due_ms = c->now;
        return ran;
    }
    rc = store_outbox_next_due(c->store, next_due_ms);
    return rc == BZ_OK ? ran : app_fail(c, rc, NULL, NULL);
}
