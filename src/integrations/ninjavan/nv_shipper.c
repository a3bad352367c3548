/*
 * integrations/ninjavan/nv_shipper.c - the shipping port on NinjaVan (see
 * nv_shipper.h).
 */
#include "integrations/ninjavan/nv_shipper.h"

#include "base/err.h"
#include "base/log.h"
#include "base/str.h"
#include "integrations/ninjavan/nv_event.h"
#include "integrations/ninjavan/nv_order.h"
#include "integrations/ninjavan/nv_read.h"
#include "integrations/ninjavan/nv_webhook.h"

#include <openssl/crypto.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NV_LEVEL_MAX 32

typedef struct nv_shipper {
    shipper base;
    nv_client *client;
    char webhook_secret[NV_SECRET_MAX];
    char level[NV_LEVEL_MAX];
} nv_shipper;

static nv_shipper *nv_of(shipper *s)
{
    return (nv_shipper *)s;
}

/* ---- webhooks ---------------------------------------------------------------------------- */

static int nv_event_read(shipper *s, const char *signature, const void *body, size_t len,
                         shipper_event *out)
{
    memset(out, 0, sizeof(*out));
    if (len > SHIPPER_EVENT_MAX) { /* no HMAC over more than NinjaVan sends */
        return BZ_ETOOLARGE;
    }
    int rc = nv_webhook_verify(signature, body, len, nv_of(s)->webhook_secret);
    if (rc != BZ_OK) {
        bz_warn("ninjavan: webhook refused: signature %s", signature ? "wrong" : "missing");
        return rc;
    }
    rc = nv_event_parse(body, len, out);
    if (rc != BZ_OK) {
        bz_warn("ninjavan: a signed webhook of %zu bytes that is not an event", len);
    }
    return rc;
}

/* ---- the carrier ------------------------------------------------------------------------- */

static int nv_create(shipper *s, const shipper_request *req, shipper_created *out,
                     shipper_note *note)
{
    nv_shipper *nv = nv_of(s);
    memset(out, 0, sizeof(*out));
    if (note) {
        memset(note, 0, sizeof(*note));
    }
    bz_buf body, answer;
    bz_buf_init(&body, NV_ANSWER_MAX);
    bz_buf_init(&answer, NV_ANSWER_MAX);
    int rc = nv_order_body(req, nv->level, nv_client_country_upper(nv->client), &body);
    if (rc == BZ_OK) {
        nv_call call = {
            .method = "POST", .path = "/4.2/orders", .body = body.data, .body_len = body.len};
        rc = nv_request(nv->client, &call, &answer, note);
    }
    if (rc == BZ_OK && !nv_read_created(answer.data, answer.len, out->tracking)) {
        bz_warn("ninjavan: a created order's answer without a tracking number");
        rc = BZ_EUNAVAILABLE;
    } else if (rc == BZ_ESHIPREFUSED &&
               nv_read_exists(answer.data, answer.len, req->tracking, out->tracking)) {
        /* made by an attempt whose answer was lost: that order is this one */
        bz_info("ninjavan: order %s exists already (requested %s): taken as created", out->tracking,
                req->tracking);
        out->existed = true;
        rc = BZ_OK;
    }
    if (rc == BZ_OK && !out->existed) {
        bz_info("ninjavan: order %s created for %s", out->tracking, req->reference);
    }
    bz_buf_free(&body);
    bz_buf_free(&answer);
    return rc;
}

/* The path `prefix` then `tracking` (checked) into out[size]. */
static int path_with(char *out, size_t size, const char *prefix, const char *tracking)
{
    if (!nv_tracking_ok(tracking)) {
        return BZ_EVALIDATION;
    }
    int n = snprintf(out, size, "%s%s", prefix, tracking);
    return n > 0 && (size_t)n < size ? BZ_OK : BZ_EVALIDATION;
}

static int nv_label(shipper *s, const char *tracking, bz_buf *pdf, shipper_note *note)
{
    if (note) {
        memset(note, 0, sizeof(*note));
    }
    char path[128];
    int rc = path_with(path, sizeof(path), "/2.0/reports/waybill?tid=", tracking);
    if (rc != BZ_OK) {
        return rc;
    }
    /* the room left in the caller's buffer is the cap, and never more than NV_LABEL_MAX */
    if (pdf->limit && pdf->len >= pdf->limit) {
        return BZ_ETOOLARGE;
    }
    size_t room = pdf->limit ? pdf->limit - pdf->len : NV_LABEL_MAX;
    bz_buf answer;
    bz_buf_init(&answer, room < NV_LABEL_MAX ? room : NV_LABEL_MAX);
    nv_call call = {.method = "GET", .path = path, .accept = "application/pdf"};
    rc = nv_request(nv_of(s)->client, &call, &answer, note);
    if (rc == BZ_OK && (strncmp(call.content_type, "application/pdf", 15) != 0 || answer.len < 5 ||
                        memcmp(answer.data, "%PDF-", 5) != 0)) {
        bz_warn("ninjavan: the waybill of %s is not a PDF (%s)", tracking, call.content_type);
        rc = BZ_EUNAVAILABLE;
    }
    if (rc == BZ_OK) {
        rc = bz_buf_append(pdf, answer.data, answer.len);
    }
    bz_buf_free(&answer);
    return rc;
}

static int nv_cancel(shipper *s, const char *tracking, shipper_note *note)
{
    if (note) {
        memset(note, 0, sizeof(*note));
    }
    char path[96];
    int rc = path_with(path, sizeof(path), "/2.2/orders/", tracking);
    if (rc != BZ_OK) {
        return rc;
    }
    bz_buf answer;
    bz_buf_init(&answer, NV_ANSWER_MAX);
    nv_call call = {.method = "DELETE", .path = path};
    rc = nv_request(nv_of(s)->client, &call, &answer, note);
    if (rc == BZ_ESHIPREFUSED && nv_read_cancelled_already(answer.data, answer.len)) {
        bz_info("ninjavan: order %s was cancelled already", tracking);
        rc = BZ_OK;
    }
    bz_buf_free(&answer);
    return rc;
}

static void nv_close(shipper *s)
{
    nv_shipper *nv = nv_of(s);
    if (nv) {
        nv_client_free(nv->client);
        OPENSSL_cleanse(nv, sizeof(*nv));
        free(nv);
    }
}

static const struct shipper_ops nv_shipper_ops = SHIPPER_OPS_OF(nv);

/* Printable ASCII, no space, 1..size-1 bytes. */
static bool word_ok(const char *s, size_t size)
{
    size_t n = strnlen(s, size);
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x21 || s[i] > 0x7e) {
            return false;
        }
    }
    return n > 0 && n < size;
}

int nv_shipper_new(const nv_shipper_config *cfg, shipper **out)
{
    *out = NULL;
    const char *secret = cfg->webhook_secret && cfg->webhook_secret[0] ? cfg->webhook_secret
                                                                       : cfg->api.client_secret;
    const char *level =
        cfg->service_level && cfg->service_level[0] ? cfg->service_level : "Standard";
    if (!secret || !word_ok(secret, NV_SECRET_MAX) || !word_ok(level, NV_LEVEL_MAX)) {
        return BZ_EVALIDATION;
    }
    nv_shipper *nv = calloc(1, sizeof(*nv));
    if (!nv) {
        return BZ_ENOMEM;
    }
    nv->base.ops = &nv_shipper_ops;
    int rc = nv_client_new(&cfg->api, &nv->client);
    if (rc != BZ_OK) {
        free(nv);
        return rc;
    }
    bz_strlcpy(nv->webhook_secret, secret, sizeof(nv->webhook_secret));
    bz_strlcpy(nv->level, level, sizeof(nv->level));
    *out = &nv->base;
    return BZ_OK;
}

uint64_t nv_shipper_grants(shipper *s)
{
    return nv_client_grants(nv_of(s)->client);
}
