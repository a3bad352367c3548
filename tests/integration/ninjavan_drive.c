/*
 * ninjavan_drive - runs operations of the shipping port on NinjaVan
 * (src/integrations/ninjavan/nv_shipper.h), one after the other in one process
 * (so that the token cache is seen across calls), and prints what each returned
 * as one line of JSON, for tests/integration/ninjavan.test.mjs, which points it
 * at the local fake NinjaVan (ninjavan_fake.mjs).
 *
 *   ninjavan_drive OP ARGS... [+ OP ARGS...]...
 *
 *   create JSON              a request: the driver's default one (a seller in Kuala Lumpur, a
 *                            buyer in Penang, 1.5 kg, a pickup) with JSON's members over it:
 *                            reference, tracking, level (standard|express|...), pickup (bool),
 *                            date, slot_start, slot_end, weight_g, length_mm, width_mm,
 *                            height_mm, insured_sen, items (array of descriptions), and
 *                            from_/to_ name, phone, email, postcode
 *   label TRACKING [LIMIT]   the waybill (LIMIT: the buffer's cap; default 1 MiB): its bytes
 *                            as base64
 *   cancel TRACKING
 *   event SIGNATURE          the body on stdin ("-" for no signature header)
 *   parallel N TRACKING      N threads fetch TRACKING's waybill at once
 *
 * Configuration from the environment, as blytz reads it: NINJAVAN_API_BASE, NINJAVAN_COUNTRY,
 * NINJAVAN_CLIENT_ID, NINJAVAN_CLIENT_SECRET, NINJAVAN_WEBHOOK_SECRET, NINJAVAN_SERVICE_LEVEL;
 * and NINJAVAN_MAX_RETRIES, NINJAVAN_BACKOFF_MS, NINJAVAN_TIMEOUT_MS, NINJAVAN_TOKEN_MARGIN_S.
 * Output: {"rc":"ok"|<error of making the port>,"results":[{"op","rc","out","note"}...],
 * "grants":<token grants made>}. Exit 0 when the ops ran, 2 on bad usage.
 */
#include "base/err.h"
#include "integrations/ninjavan/nv_shipper.h"

#include <jansson.h>
#include <openssl/evp.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int env_int(const char *name, int dflt)
{
    const char *v = getenv(name);
    return v && *v ? atoi(v) : dflt;
}

static void usage(const char *why)
{
    fprintf(stderr, "ninjavan_drive: %s (see the file's header)\n", why);
    exit(2);
}

static json_t *note_json(const shipper_note *n)
{
    return json_pack("{s:i, s:i, s:s, s:s, s:s}", "http_status", n->http_status, "attempts",
                     n->attempts, "request_id", n->request_id, "title", n->title, "message",
                     n->message);
}

/* ---- create --------------------------------------------------------------------------------- */

/* Strings of the requests, kept for the length of the run (freed at its end). */
static char *kept[1024];
static size_t n_kept;

static char *keep_str(const char *s)
{
    if (n_kept == sizeof(kept) / sizeof(kept[0])) {
        usage("too many requests");
    }
    return kept[n_kept++] = strdup(s);
}

static char *keep(json_t *obj, const char *key, const char *dflt)
{
    const char *v = json_string_value(json_object_get(obj, key));
    return keep_str(v ? v : dflt);
}

static int64_t num(json_t *obj, const char *key, int64_t dflt)
{
    json_t *v = json_object_get(obj, key);
    return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

static shipper_level level_of(const char *s)
{
    return !strcmp(s, "standard")  ? SHIPPER_LEVEL_STANDARD
           : !strcmp(s, "express") ? SHIPPER_LEVEL_EXPRESS
           : !strcmp(s, "sameday") ? SHIPPER_LEVEL_SAMEDAY
           : !strcmp(s, "nextday") ? SHIPPER_LEVEL_NEXTDAY
                                   : SHIPPER_LEVEL_DEFAULT;
}

static shipper_item items[SHIPPER_ITEMS_MAX + 1];

static void request_of(json_t *j, shipper_request *r)
{
    memset(r, 0, sizeof(*r));
    r->reference = keep(j, "reference", "S1");
    r->tracking = keep(j, "tracking", "BZS000001");
    r->level = level_of(keep(j, "level", ""));
    r->from =
        (shipper_contact){.name = keep(j, "from_name", "Kedai Siti"),
                          .phone = keep(j, "from_phone", "+60123456789"),
                          .email = keep(j, "from_email", "siti@example.my"),
                          .address = {"12 Jalan Ampang", "Tingkat 3", "Kuala Lumpur",
                                      "W.P. Kuala Lumpur", keep(j, "from_postcode", "50450")}};
    r->to = (shipper_contact){.name = keep(j, "to_name", "Ahmad Bin Ali"),
                              .phone = keep(j, "to_phone", "+60198765432"),
                              .email = keep(j, "to_email", ""),
                              .address = {"3 Lorong Bunga", "Taman Melati", "George Town",
                                          "Pulau Pinang", keep(j, "to_postcode", "10200")}};
    json_t *p = json_object_get(j, "pickup");
    r->pickup = !p || json_is_true(p);
    r->date = keep(j, "date", "2026-12-09");
    r->slot_start = keep(j, "slot_start", "09:00");
    r->slot_end = keep(j, "slot_end", "12:00");
    r->parcel = (shipping_parcel){num(j, "weight_g", 1500), num(j, "length_mm", 305),
                                  num(j, "width_mm", 200), num(j, "height_mm", 100)};
    r->insured_sen = num(j, "insured_sen", 12550);
    json_t *list = json_object_get(j, "items");
    size_t n = 0;
    if (json_is_array(list)) {
        for (; n < json_array_size(list) && n <= SHIPPER_ITEMS_MAX; n++) {
            const char *d = json_string_value(json_array_get(list, n));
            items[n] = (shipper_item){keep_str(d ? d : ""), 1};
        }
    } else {
        items[n++] = (shipper_item){"Kuih lapis (lot 3)", 2};
    }
    r->items = items;
    r->n_items = n;
}

/* ---- the ops -------------------------------------------------------------------------------- */

static char *read_stdin(size_t *len)
{
    size_t cap = SHIPPER_EVENT_MAX + 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && n < cap && (got = fread(buf + n, 1, cap - n, stdin)) > 0) {
        n += got;
    }
    *len = n;
    return buf;
}

static json_t *b64(const bz_buf *b)
{
    char *out = malloc(4 * (b->len / 3 + 1) + 1);
    EVP_EncodeBlock((unsigned char *)out, (const unsigned char *)(b->data ? b->data : ""),
                    (int)b->len);
    json_t *s = json_string(out);
    free(out);
    return s;
}

typedef struct label_job {
    shipper *s;
    const char *tracking;
    int rc;
    size_t len;
} label_job;

static void *label_thread(void *arg)
{
    label_job *j = arg;
    bz_buf pdf;
    bz_buf_init(&pdf, 1u << 20);
    j->rc = j->s->ops->label(j->s, j->tracking, &pdf, NULL);
    j->len = pdf.len;
    bz_buf_free(&pdf);
    return NULL;
}

static json_t *parallel(shipper *s, int n, const char *tracking, int *rc)
{
    label_job jobs[16];
    pthread_t t[16];
    n = n < 1 ? 1 : n > 16 ? 16 : n;
    for (int i = 0; i < n; i++) {
        jobs[i] = (label_job){s, tracking, 0, 0};
        pthread_create(&t[i], NULL, label_thread, &jobs[i]);
    }
    json_t *rcs = json_array();
    *rc = BZ_OK;
    for (int i = 0; i < n; i++) {
        pthread_join(t[i], NULL);
        json_array_append_new(rcs, json_string(jobs[i].rc ? bz_err_code(jobs[i].rc) : "ok"));
        *rc = *rc ? *rc : jobs[i].rc;
    }
    return json_pack("{s:o}", "rcs", rcs);
}

/* Runs the op at argv[0] (argc words); its result. */
static json_t *run(shipper *s, int argc, char **argv)
{
    const char *op = argv[0];
    shipper_note note;
    memset(&note, 0, sizeof(note));
    json_t *out = NULL;
    int rc;
    if (!strcmp(op, "create") && argc == 2) {
        json_t *j = json_loads(argv[1], 0, NULL);
        if (!j) {
            usage("create: JSON expected");
        }
        shipper_request r;
        request_of(j, &r);
        json_decref(j);
        shipper_created c;
        rc = s->ops->create(s, &r, &c, &note);
        out = json_pack("{s:s, s:b}", "tracking", c.tracking, "existed", c.existed);
    } else if (!strcmp(op, "label") && (argc == 2 || argc == 3)) {
        bz_buf pdf;
        bz_buf_init(&pdf, argc == 3 ? (size_t)atol(argv[2]) : 1u << 20);
        rc = s->ops->label(s, argv[1], &pdf, &note);
        out = json_pack("{s:o, s:I}", "pdf_b64", b64(&pdf), "len", (json_int_t)pdf.len);
        bz_buf_free(&pdf);
    } else if (!strcmp(op, "cancel") && argc == 2) {
        rc = s->ops->cancel(s, argv[1], &note);
    } else if (!strcmp(op, "event") && argc == 2) {
        size_t len;
        char *body = read_stdin(&len);
        shipper_event e;
        rc = s->ops->event_read(s, strcmp(argv[1], "-") ? argv[1] : NULL, body, len, &e);
        free(body);
        out = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s, s:b}", "kind",
                        shipper_event_kind_name(e.kind), "tracking", e.tracking, "reference",
                        e.reference, "at", (json_int_t)e.at, "text", e.text, "reason", e.reason,
                        "rts_leg", e.rts_leg);
    } else if (!strcmp(op, "parallel") && argc == 3) {
        out = parallel(s, atoi(argv[1]), argv[2], &rc);
    } else {
        usage("unknown op or wrong arguments");
        return NULL;
    }
    return json_pack("{s:s, s:s, s:o, s:o}", "op", op, "rc", rc ? bz_err_code(rc) : "ok", "out",
                     out ? out : json_object(), "note", note_json(&note));
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage("no op");
    }
    nv_shipper_config cfg = {
        .api = {.api_base = getenv("NINJAVAN_API_BASE"),
                .country = getenv("NINJAVAN_COUNTRY"),
                .client_id = getenv("NINJAVAN_CLIENT_ID"),
                .client_secret = getenv("NINJAVAN_CLIENT_SECRET"),
                .max_retries = env_int("NINJAVAN_MAX_RETRIES", 2),
                .backoff_ms = env_int("NINJAVAN_BACKOFF_MS", 10),
                .timeout_ms = env_int("NINJAVAN_TIMEOUT_MS", 0),
                .token_margin_s = env_int("NINJAVAN_TOKEN_MARGIN_S", 0)},
        .webhook_secret = getenv("NINJAVAN_WEBHOOK_SECRET"),
        .service_level = getenv("NINJAVAN_SERVICE_LEVEL"),
    };
    shipper *s = NULL;
    int rc = nv_shipper_new(&cfg, &s);
    json_t *results = json_array();
    for (int i = 1; rc == BZ_OK && i < argc;) {
        int j = i;
        while (j < argc && strcmp(argv[j], "+") != 0) {
            j++;
        }
        json_array_append_new(results, run(s, j - i, argv + i));
        i = j + 1;
    }
    json_t *line = json_pack("{s:s, s:o, s:I}", "rc", rc ? bz_err_code(rc) : "ok", "results",
                             results, "grants", (json_int_t)(s ? nv_shipper_grants(s) : 0));
    char *text = json_dumps(line, JSON_COMPACT);
    puts(text);
    free(text);
    json_decref(line);
    if (s) {
        s->ops->close(s);
    }
    while (n_kept) {
        free(kept[--n_kept]);
    }
    return 0;
}
