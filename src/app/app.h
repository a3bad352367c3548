/*
 * app/app.h - the application core shared by every use case: configuration,
 * the ports a running node holds, and the per-thread context use cases run in.
 *
 * Use cases (app/auth.h, app/catalog.h, ...) are synchronous functions
 * `int app_xxx(app_ctx *c, ...)` returning BZ_OK or a negative BZ_E* code; on
 * failure c->err says which field and why. They never read a clock (c->now)
 * and never touch sockets: adapters sit behind the ports.
 */
#ifndef APP_APP_H
#define APP_APP_H

#include "app/ports/blob.h"
#include "app/ports/documents.h"
#include "app/ports/crypto.h"
#include "app/ports/encoder.h"
#include "app/ports/events.h"
#include "app/ports/image.h"
#include "app/ports/payments.h"
#include "app/ports/shipper.h"
#include "app/ports/store.h"
#include "app/ports/video.h"
#include "base/arena.h"
#include "domain/checkout.h"
#include "domain/outbox.h"
#include "domain/plan.h"
#include "domain/shipping.h"

#include <stdbool.h>
#include <stdint.h>

/* Orders and payments (docs/payments.md). */
typedef struct app_pay_config {
    int64_t pay_window_ms; /* how long a buyer has to pay an order (24 h) */
    int64_t protection_ms; /* buyer protection after delivery, before completion (3 days) */
    shipping_table rates;  /* shipping inside Malaysia (SHIPPING_TABLE_DEFAULT) */
    checkout_terms terms;  /* tax; commission_bp is the free plan's (10 %) */
    plan_table plans;      /* sellers' plans: the commission of each (app/plans.h) */
    int64_t plan_grace_ms; /* a failed renewal keeps the plan this long (7 days) */
    /* What the browser needs for Stripe.js: the publishable key ("" = payments off) and where
     * Stripe.js is loaded from (tests serve a stand-in). Borrowed from the configuration. */
    const char *publishable_key;
    const char *js_url;
    /* Receipts and invoices (app/documents.h): who issues the commission invoices (borrowed
     * from the configuration) and how long a download link lives (5 min). */
    const char *issuer_name;
    int64_t document_link_ttl_ms;
} app_pay_config;

typedef struct app_config {
    int64_t access_ttl_ms;       /* access JWT lifetime (15 min) */
    int64_t refresh_ttl_ms;      /* refresh token lifetime (30 days) */
    int min_password_len;        /* 10 */
    int max_product_images;      /* per product (10) */
    int image_url_ttl_s;         /* lifetime of presigned image URLs */
    int chat_rate_count;         /* chat messages one user may send per window (5) */
    int64_t chat_rate_window_ms; /* ... (10 s) */
    int video_grant_ttl_s;       /* lifetime of a video grant (10 min; app/video.h) */
    outbox_policy outbox;        /* retries and leases of the outbox (app/outbox.h) */
    app_pay_config pay;
} app_config;

/* Defaults for every field. */
void app_config_defaults(app_config *cfg);

/* Shared by all threads; read-only once the node is serving. */
typedef struct app_env {
    app_config cfg;
    crypto *crypto;
    blob *blob;
    imager *imager;
    video *video;       /* live video rooms; NULL = no video on this server */
    payments *payments; /* taking payments, paying sellers; NULL = not configured */
    /* handing parcels to the carrier, reading its tracking webhooks (outbox worker only, but
     * event_read); NULL = not configured */
    shipper *shipper;
    /* Receipts and invoices: the renderer and where the PDFs are kept (private: served only
     * through signed links, never as /media). NULL = none made on this server. */
    documents *documents;
    blob *document_store;
    events *events; /* room and user events, published after commit; NULL = nobody listens */
    /* Turns events into their payloads (the wire library's, plugged in by the composition
     * root). Required by every use case that logs or publishes an event. */
    encoder *encoder;
    struct app_revocations *revoked; /* sessions ended early (app/revocation.h); NULL = none */
    /* The node's clock (UTC ms), for loops that outlast one c->now (the outbox runner); NULL =
     * c->now as the caller set it. Use cases take c->now. */
    int64_t (*clock)(void);
    /* Wakes this node's outbox worker (app_outbox_kick); NULL = none runs here. Any thread. */
    void (*outbox_kick)(void *data);
    void *outbox_kick_data;
} app_env;

/* Why the last use case failed: a code from base/err.h, the offending field ("" if none) and
 * a message ("" = the code's default message). */
typedef struct app_err {
    int code;
    char field[48];
    char message[160];
} app_err;

/* One per worker thread. The caller sets `now` and resets `arena` per request. */
typedef struct app_ctx {
    const app_env *env;
    store *store;    /* this thread's connection */
    bz_arena *arena; /* results of use cases live here */
    int64_t now;     /* UTC ms for this request */
    app_err err;
    /* An outbox row was added since the last ev_commit woke the worker (app_outbox_enqueue sets
     * it; ev_commit clears it): a commit that enqueued nothing does not wake it. */
    bool outbox_added;
} app_ctx;

/* Record a failure in c->err and return `code`, for `return app_fail(...)`. `field` and `fmt`
 * may be NULL. */
int app_fail(app_ctx *c, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* app_fail for code without a context (pure checks any thread may run): fill *e. */
int app_err_set(app_err *e, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Clear c->err (called by the server before each request). */
void app_err_clear(app_ctx *c);

#endif
