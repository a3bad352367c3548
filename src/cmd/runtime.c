/*
 * The composition root: turns configuration into the ports a node holds.
 * Only this folder knows which adapter sits behind each port.
 */
#include "cmd/cmd.h"

#include "app/revocation.h"
#include "base/err.h"
#include "base/log.h"
#include "base/rand.h"
#include "crypto/crypto_impl.h"
#include "cmd/payments_open.h"
#include "cmd/shipper_open.h"
#include "cmd/video_open.h"
#include "domain/shipping.h"
#include "integrations/blob/blob_open.h"
#include "integrations/pdf/pdf_documents.h"
#include "integrations/image/image_vips.h"
#include "store/store_open.h"
#include "wire/events.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int mkdir_p(const char *path)
{
    char tmp[512];
    if (snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp)) {
        return -1;
    }
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(tmp, 0755) && errno != EEXIST) {
                return -1;
            }
            *p = '/';
        }
    }
    return (mkdir(tmp, 0755) && errno != EEXIST) ? -1 : 0;
}

static void set_log_level(const char *name)
{
    static const char *names[] = {"debug", "info", "warn", "error"};
    for (int i = 0; i < 4; i++) {
        if (!strcmp(name, names[i])) {
            bz_log_set_level((enum bz_log_level)i);
        }
    }
}

/* Reads a key ring (`parse` or `load` fills *ring, either failing with a reason in `why`). */
typedef int (*ring_reader)(const char *src, crypto_keyring *ring, char *why, size_t why_len);

/* The ring from its setting `spec` when set, else from the file `file` under var_dir (made
 * on first start by `load`), so that a single node runs without any key configured. */
static int load_ring(const blytz_config *cfg, const char *spec, const char *file, ring_reader parse,
                     ring_reader load, crypto_keyring *ring, char *why, size_t why_len)
{
    if (spec[0]) {
        return parse(spec, ring, why, why_len);
    }
    char path[600];
    snprintf(path, sizeof(path), "%s/%s", cfg->var_dir, file);
    return load(path, ring, why, why_len);
}

/* The bid log's signing keys: never in the database, so that whoever can write it cannot
 * re-sign a rewritten log (docs/auctions.md). */
static int open_log_keys(runtime *rt, const blytz_config *cfg)
{
    crypto_keyring ring;
    char why[160] = "";
    int rc = load_ring(cfg, cfg->log_keys, "log-signing.key", crypto_log_keyring_parse,
                       crypto_log_keyring_load_or_create, &ring, why, sizeof(why));
    if (rc == BZ_OK) {
        rc = crypto_set_log_keys(rt->env.crypto, &ring, why, sizeof(why));
    }
    crypto_keyring_wipe(&ring);
    if (rc) {
        fprintf(stderr, "blytz: BLYTZ_LOG_SIGNING_KEY: %s\n", why);
        return 2;
    }
    return 0;
}

static int open_crypto(runtime *rt, const blytz_config *cfg)
{
    crypto_keyring ring;
    char why[160] = "";
    int rc = load_ring(cfg, cfg->jwt_keys, "jwt.key", crypto_keyring_parse,
                       crypto_keyring_load_or_create, &ring, why, sizeof(why));
    if (rc) {
        fprintf(stderr, "blytz: BLYTZ_JWT_SECRET: %s\n", why);
        return 2;
    }
    crypto_password_cost cost = crypto_password_cost_default();
    if (!strcmp(cfg->argon2, "min")) {
        cost = crypto_password_cost_min();
    } else if (!strcmp(cfg->argon2, "moderate")) {
        cost.opslimit = 3;
        cost.memlimit = 64u << 20;
    }
    rc = crypto_open_with_cost(&ring, &cost, &rt->env.crypto);
    crypto_keyring_wipe(&ring);
    if (rc) {
        fprintf(stderr, "blytz: cannot start crypto: %s\n", bz_err_message(rc));
        return 1;
    }
    return open_log_keys(rt, cfg);
}

/* A blob store from its URL (`name` the setting it comes from, for messages). */
static int open_store(const char *name, const char *url, const blytz_config *cfg, blob **out)
{
    if (!strncmp(url, "file:", 5) && mkdir_p(url + 5)) {
        fprintf(stderr, "blytz: %s: cannot create %s: %s\n", name, url + 5, strerror(errno));
        return 2;
    }
    char why[200] = "";
    int rc = blob_open_url(url, cfg->s3_access_key, cfg->s3_secret_key, out, why, sizeof(why));
    if (rc) {
        fprintf(stderr, "blytz: %s: %s\n", name, why[0] ? why : bz_err_message(rc));
        return 2;
    }
    return 0;
}

static int open_blob(runtime *rt, const blytz_config *cfg)
{
    return open_store("BLYTZ_BLOB", cfg->blob, cfg, &rt->env.blob);
}

/* Receipts and invoices, made only where payments are: the renderer and their own store. */
static int open_documents(runtime *rt, const blytz_config *cfg)
{
    if (!rt->env.payments) {
        return 0;
    }
    char url[600];
    snprintf(url, sizeof(url), "%s", cfg->documents);
    if (!url[0]) {
        snprintf(url, sizeof(url), "file:%s/documents", cfg->var_dir);
    }
    int rc = open_store("BLYTZ_DOCUMENTS", url, cfg, &rt->env.document_store);
    if (!rc && pdf_documents_open(NULL, 0, &rt->env.documents) != BZ_OK) {
        fprintf(stderr, "blytz: cannot start the receipt renderer (its fonts: see the log)\n");
        rc = 1;
    }
    return rc;
}

/* Orders' and payments' settings (app_pay_config) from the configuration. */
static int pay_config(app_pay_config *pc, const blytz_config *cfg)
{
    field_error ferr;
    if (shipping_table_parse(cfg->shipping_rates, strlen(cfg->shipping_rates), &pc->rates, &ferr) !=
        BZ_OK) {
        fprintf(stderr, "blytz: BLYTZ_SHIPPING_RATES: %s\n", ferr.reason);
        return 2;
    }
    if (!cfg->plans[0]) {
        plan_table_free_only(&pc->plans, cfg->commission_bp);
    } else if (plan_table_parse(cfg->plans, strlen(cfg->plans), &pc->plans, &ferr) != BZ_OK) {
        fprintf(stderr, "blytz: BLYTZ_PLANS: %s\n", ferr.reason);
        return 2;
    }
    pc->plan_grace_ms = cfg->plan_grace_s * 1000;
    pc->pay_window_ms = cfg->pay_window_s * 1000;
    pc->protection_ms = cfg->protection_s * 1000;
    pc->terms.commission_bp = pc->plans.plans[0].commission_bp; /* the free plan's */
    pc->terms.tax_bp = cfg->tax_bp;
    pc->terms.tax_on_shipping = cfg->tax_bp > 0;
    pc->publishable_key = cfg->stripe_publishable_key;
    pc->js_url = cfg->stripe_js_url;
    pc->issuer_name = cfg->issuer_name;
    pc->document_link_ttl_ms = cfg->document_link_s * 1000;
    return 0;
}

int runtime_open(runtime *rt, const blytz_config *cfg)
{
    memset(rt, 0, sizeof(*rt));
    rt->cfg = cfg;
    set_log_level(cfg->log_level);
    if (cfg->node_id >= 0) {
        bz_id_set_node((unsigned)cfg->node_id);
    }
    app_config_defaults(&rt->env.cfg);
    rt->env.encoder = wire_encoder();
    rt->env.cfg.chat_rate_count = (int)cfg->chat_rate;
    rt->env.cfg.chat_rate_window_ms = cfg->chat_rate_window_s * 1000;
    if (cfg->access_ttl_s > 0) {
        rt->env.cfg.access_ttl_ms = cfg->access_ttl_s * 1000;
    }
    rt->env.cfg.outbox.lease_ms = cfg->outbox_lease_s * 1000;
    if (pay_config(&rt->env.cfg.pay, cfg) != 0) {
        return 2;
    }
    if (!(rt->env.revoked = app_revocations_new())) {
        fprintf(stderr, "blytz: out of memory\n");
        return 1;
    }
    if (mkdir_p(cfg->var_dir)) {
        fprintf(stderr, "blytz: BLYTZ_VAR_DIR: cannot create %s: %s\n", cfg->var_dir,
                strerror(errno));
        return 2;
    }
    int rc = open_crypto(rt, cfg);
    if (!rc) {
        rc = open_blob(rt, cfg);
    }
    if (!rc) {
        rc = cmd_video_open(cfg, rt->env.blob, &rt->env.video);
    }
    if (!rc) {
        rc = cmd_payments_open(cfg, &rt->env.payments);
    }
    if (!rc) {
        rc = cmd_shipper_open(cfg, &rt->env.shipper);
    }
    if (!rc) {
        rc = open_documents(rt, cfg);
    }
    if (!rc && image_vips_open(&rt->env.imager)) {
        fprintf(stderr, "blytz: cannot start the image library (libvips)\n");
        rc = 1;
    }
    if (rc) {
        runtime_close(rt);
    }
    return rc;
}

void runtime_close(runtime *rt)
{
    if (rt->env.imager) {
        image_vips_close(rt->env.imager);
    }
    if (rt->env.video) {
        rt->env.video->ops->close(rt->env.video);
    }
    if (rt->env.payments) {
        rt->env.payments->ops->close(rt->env.payments);
    }
    if (rt->env.shipper) {
        rt->env.shipper->ops->close(rt->env.shipper);
    }
    if (rt->env.documents) {
        rt->env.documents->ops->close(rt->env.documents);
    }
    if (rt->env.document_store) {
        rt->env.document_store->ops->close(rt->env.document_store);
    }
    if (rt->env.blob) {
        rt->env.blob->ops->close(rt->env.blob);
    }
    crypto_close(rt->env.crypto);
    app_revocations_free(rt->env.revoked);
    memset(&rt->env, 0, sizeof(rt->env));
}

int runtime_store_open(const blytz_config *cfg, store **out)
{
    const char *url = cfg->database;
    if (!strncmp(url, "sqlite:", 7)) {
        /* Create the database's directory so `make run` works from a fresh clone. */
        char dir[512];
        snprintf(dir, sizeof(dir), "%s", url + 7);
        char *slash = strrchr(dir, '/');
        if (slash && slash != dir) {
            *slash = '\0';
            if (mkdir_p(dir)) {
                fprintf(stderr, "blytz: BLYTZ_DATABASE: cannot create %s: %s\n", dir,
                        strerror(errno));
                return 2;
            }
        }
    }
    int rc = store_open_url(url, out);
    if (rc) {
        fprintf(stderr, "blytz: BLYTZ_DATABASE: cannot open the database: %s\n",
                bz_err_message(rc));
        return rc == BZ_EVALIDATION ? 2 : 1;
    }
    return 0;
}
