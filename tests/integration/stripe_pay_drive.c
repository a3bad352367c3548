/*
 * stripe_pay_drive - runs one operation of the payments port on Stripe
 * (src/integrations/stripe/stripe_payments.h) and prints what it returned as one
 * line of JSON, for tests/integration/stripe_payments.test.mjs, which points it
 * at the local fake Stripe.
 *
 *   stripe_pay_drive OP ARGS...      ("-" for an empty or absent argument)
 *
 *   new | customer_create KEY USER_ID EMAIL NAME | setup_create KEY CUSTOMER [CONFIRM_WITH] |
 * setup_get ID | method_get ID | method_detach ID KEY | intent_create KEY AMOUNT CUSTOMER
 * METHODS(card,fpx,grabpay) PM GROUP PAYMENT_ID DESCR | intent_get ID | intent_cancel ID KEY |
 * refund_create KEY INTENT AMOUNT requested|duplicate|fraudulent REFUND_ID | transfer_create KEY
 * AMOUNT DESTINATION GROUP SOURCE_CHARGE ORDER_ID | transfer_reverse KEY TRANSFER AMOUNT ORDER_ID
 *   | account_create KEY SELLER_ID EMAIL | account_create_test KEY SELLER_ID EMAIL FIRST LAST
 * PHONE CITY ACCEPTED_AT_MS | account_link ACCOUNT REFRESH_URL RETURN_URL
 *   | account_get ID | sub_create KEY CUSTOMER PRICE PM SELLER_ID [on_session] | sub_cancel ID KEY
 * [at_period_end] | event NOW_MS SIGNATURE            (the body on stdin)
 *
 * Configuration from the environment, as blytz reads it: STRIPE_API_BASE,
 * STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET (comma-separated); and STRIPE_MAX_RETRIES,
 * STRIPE_BACKOFF_MS, STRIPE_TIMEOUT_MS. Output: {"rc":"ok"|<error code>,"out":{...}}.
 * Exit 0 when the op ran, 2 on bad usage.
 */
#include "base/err.h"
#include "integrations/stripe/stripe_payments.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int env_int(const char *name, int dflt)
{
    const char *v = getenv(name);
    return v && *v ? atoi(v) : dflt;
}

static const char *arg(const char *s)
{
    return strcmp(s, "-") == 0 ? "" : s;
}

static const char *opt(const char *s)
{
    return strcmp(s, "-") == 0 ? NULL : s;
}

static unsigned methods_of(const char *list)
{
    unsigned m = 0;
    char buf[64];
    snprintf(buf, sizeof(buf), "%s", list);
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        m |= payments_method_parse(t);
    }
    return m;
}

static json_t *intent_json(const payments_intent *i)
{
    return json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s}", "id", i->id,
                     "client_secret", i->client_secret, "status",
                     payments_intent_status_name(i->status), "amount", (json_int_t)i->amount,
                     "amount_received", (json_int_t)i->amount_received, "charge", i->charge,
                     "payment_method", i->payment_method, "method_kind",
                     payments_method_name(i->method_kind), "payment_id", (json_int_t)i->payment_id,
                     "failure_code", i->failure_code, "decline_code", i->decline_code,
                     "failure_message", i->failure_message);
}

static const char *setup_status(payments_setup_status s)
{
    static const char *const names[] = {"open", "processing", "succeeded", "canceled"};
    return (size_t)s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

static json_t *setup_json(const payments_setup *s)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", s->id, "client_secret",
                     s->client_secret, "status", setup_status(s->status), "payment_method",
                     s->payment_method, "customer", s->customer, "failure_code", s->failure_code);
}

static json_t *account_json(const payments_account *a)
{
    return json_pack("{s:s, s:b, s:b, s:b}", "id", a->id, "charges_enabled", a->charges_enabled,
                     "payouts_enabled", a->payouts_enabled, "details_submitted",
                     a->details_submitted);
}

static json_t *sub_json(const payments_subscription *s)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:b}", "id", s->id, "status",
                     payments_sub_status_name(s->status), "price", s->price, "customer",
                     s->customer, "current_period_end", (json_int_t)s->current_period_end,
                     "seller_id", (json_int_t)s->seller_id, "client_secret", s->client_secret,
                     "cancel_at_period_end", s->cancel_at_period_end);
}

static const char *event_kind(payments_event_kind k)
{
    static const char *const names[] = {
        "other",           "intent_succeeded", "intent_failed",  "setup_succeeded",
        "charge_refunded", "dispute_created",  "dispute_closed", "account_updated",
        "subscription",    "invoice_paid",     "invoice_failed", "payout_paid",
        "refund_updated",
    };
    return (size_t)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

static json_t *event_json(const payments_event *e)
{
    return json_pack(
        "{s:s, s:s, s:s, s:I, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:s, s:I, s:I, s:s, s:I}", "kind",
        event_kind(e->kind), "id", e->id, "type", e->type, "created", (json_int_t)e->created,
        "account", e->account, "intent", intent_json(&e->intent), "setup", setup_json(&e->setup),
        "acct", account_json(&e->acct), "sub", sub_json(&e->sub), "object_id", e->object_id,
        "intent_id", e->intent_id, "charge", e->charge, "amount", (json_int_t)e->amount,
        "amount_refunded", (json_int_t)e->amount_refunded, "status", e->status, "refund_id",
        (json_int_t)e->refund_id);
}

/* The whole of stdin (a webhook body), capped above what event_read takes. */
static char *read_stdin(size_t *len)
{
    size_t cap = PAYMENTS_EVENT_MAX + 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && n < cap && (got = fread(buf + n, 1, cap - n, stdin)) > 0) {
        n += got;
    }
    *len = n;
    return buf;
}

static int need(int argc, int n)
{
    if (argc < n + 2) {
        fprintf(stderr, "stripe_pay_drive: too few arguments (see the file's header)\n");
        exit(2);
    }
    return 0;
}

static int buyers(payments *p, int argc, char **argv, json_t **out)
{
    const char *op = argv[1];
    char id[PAYMENTS_ID_MAX];
    int rc;
    if (!strcmp(op, "customer_create") && !need(argc, 4)) {
        payments_customer_req req = {atoll(argv[3]), arg(argv[4]), arg(argv[5])};
        rc = p->ops->customer_create(p, &req, argv[2], id);
        *out = json_pack("{s:s}", "id", id);
    } else if ((!strcmp(op, "setup_create") && !need(argc, 2)) ||
               (!strcmp(op, "setup_get") && !need(argc, 1))) {
        payments_setup s;
        rc = !strcmp(op, "setup_create")
                 ? p->ops->setup_create(p, argv[3], argc > 4 ? argv[4] : NULL, argv[2], &s)
                 : p->ops->setup_get(p, argv[2], &s);
        *out = setup_json(&s);
    } else if (!strcmp(op, "method_get") && !need(argc, 1)) {
        payments_method m;
        rc = p->ops->method_get(p, argv[2], &m);
        *out = json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:s}", "id", m.id, "kind",
                         payments_method_name(m.kind), "brand", m.brand, "last4", m.last4,
                         "exp_month", m.exp_month, "exp_year", m.exp_year, "customer", m.customer);
    } else if (!strcmp(op, "method_detach") && !need(argc, 2)) {
        rc = p->ops->method_detach(p, argv[2], argv[3]);
    } else {
        return 1;
    }
    return rc;
}

static int charges(payments *p, int argc, char **argv, json_t **out)
{
    const char *op = argv[1];
    int rc;
    if (!strcmp(op, "intent_create") && !need(argc, 8)) {
        payments_intent_req req = {.amount = atoll(argv[3]),
                                   .currency = "myr",
                                   .customer = arg(argv[4]),
                                   .methods = methods_of(argv[5]),
                                   .payment_method = opt(argv[6]),
                                   .transfer_group = arg(argv[7]),
                                   .payment_id = atoll(argv[8]),
                                   .description = arg(argv[9])};
        payments_intent i;
        rc = p->ops->intent_create(p, &req, argv[2], &i);
        *out = intent_json(&i);
    } else if (!strcmp(op, "intent_get") && !need(argc, 1)) {
        payments_intent i;
        rc = p->ops->intent_get(p, argv[2], &i);
        *out = intent_json(&i);
    } else if (!strcmp(op, "intent_cancel") && !need(argc, 2)) {
        rc = p->ops->intent_cancel(p, argv[2], argv[3]);
    } else if (!strcmp(op, "refund_create") && !need(argc, 5)) {
        payments_refund_req req = {argv[3], atoll(argv[4]),
                                   !strcmp(argv[5], "duplicate")    ? PAYMENTS_REFUND_DUPLICATE
                                   : !strcmp(argv[5], "fraudulent") ? PAYMENTS_REFUND_FRAUDULENT
                                                                    : PAYMENTS_REFUND_REQUESTED,
                                   atoll(argv[6])};
        payments_refund r;
        rc = p->ops->refund_create(p, &req, argv[2], &r);
        *out = json_pack("{s:s, s:I, s:s}", "id", r.id, "amount", (json_int_t)r.amount, "status",
                         r.status);
    } else {
        return 1;
    }
    return rc;
}

static int sellers(payments *p, int argc, char **argv, json_t **out)
{
    const char *op = argv[1];
    int rc;
    payments_transfer t;
    if (!strcmp(op, "transfer_create") && !need(argc, 6)) {
        payments_transfer_req req = {atoll(argv[3]), "myr",   argv[4],
                                     argv[5],        argv[6], atoll(argv[7])};
        rc = p->ops->transfer_create(p, &req, argv[2], &t);
        *out = json_pack("{s:s, s:I}", "id", t.id, "amount", (json_int_t)t.amount);
    } else if (!strcmp(op, "transfer_reverse") && !need(argc, 4)) {
        rc = p->ops->transfer_reverse(p, argv[3], atoll(argv[4]), atoll(argv[5]), argv[2], &t);
        *out = json_pack("{s:s, s:I}", "id", t.id, "amount", (json_int_t)t.amount);
    } else if (!strcmp(op, "account_create") && !need(argc, 3)) {
        payments_account_req req = {atoll(argv[3]), arg(argv[4]), "MY", NULL};
        char id[PAYMENTS_ID_MAX];
        rc = p->ops->account_create(p, &req, argv[2], id);
        *out = json_pack("{s:s}", "id", id);
    } else if (!strcmp(op, "account_create_test") && !need(argc, 8)) {
        payments_test_identity who = {
            .first_name = arg(argv[5]),
            .last_name = arg(argv[6]),
            .phone = arg(argv[7]),
            .address = {"23 Jalan Tun H.S. Lee", "", arg(argv[8]), "W.P. Kuala Lumpur", "50000"},
            .what_they_sell = "Vintage cameras and watches",
            .terms_accepted_at = atoll(argv[9]),
            .terms_ip = "127.0.0.1"};
        payments_account_req req = {atoll(argv[3]), arg(argv[4]), "MY", &who};
        char id[PAYMENTS_ID_MAX];
        rc = p->ops->account_create(p, &req, argv[2], id);
        *out = json_pack("{s:s}", "id", id);
    } else if (!strcmp(op, "account_link") && !need(argc, 3)) {
        payments_link l;
        rc = p->ops->account_link(p, argv[2], argv[3], argv[4], &l);
        *out = json_pack("{s:s, s:I}", "url", l.url, "expires_at", (json_int_t)l.expires_at);
    } else if (!strcmp(op, "account_get") && !need(argc, 1)) {
        payments_account a;
        rc = p->ops->account_get(p, argv[2], &a);
        *out = account_json(&a);
    } else if (!strcmp(op, "sub_create") && !need(argc, 5)) {
        payments_sub_req req = {argv[3], argv[4], opt(argv[5]), atoll(argv[6]),
                                argc > 7 && !strcmp(argv[7], "on_session")};
        payments_subscription s;
        rc = p->ops->sub_create(p, &req, argv[2], &s);
        *out = sub_json(&s);
    } else if (!strcmp(op, "sub_cancel") && !need(argc, 2)) {
        payments_subscription s;
        rc = p->ops->sub_cancel(p, argv[2], argc > 4 && !strcmp(argv[4], "at_period_end"), argv[3],
                                &s);
        *out = sub_json(&s);
    } else {
        return 1;
    }
    return rc;
}

static int run(payments *p, int argc, char **argv, json_t **out)
{
    if (!strcmp(argv[1], "event") && !need(argc, 2)) {
        size_t len;
        char *body = read_stdin(&len);
        payments_event e;
        int rc = p->ops->event_read(p, opt(argv[3]), body, len, atoll(argv[2]), &e);
        free(body);
        *out = event_json(&e);
        return rc;
    }
    int rc = buyers(p, argc, argv, out);
    rc = rc == 1 ? charges(p, argc, argv, out) : rc;
    rc = rc == 1 ? sellers(p, argc, argv, out) : rc;
    if (rc == 1) {
        fprintf(stderr, "stripe_pay_drive: unknown op %s\n", argv[1]);
        exit(2);
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: stripe_pay_drive OP ARGS... (see the file's header)\n");
        return 2;
    }
    stripe_payments_config cfg = {.api = {.api_base = getenv("STRIPE_API_BASE"),
                                          .secret_key = getenv("STRIPE_SECRET_KEY"),
                                          .max_retries = env_int("STRIPE_MAX_RETRIES", 2),
                                          .backoff_ms = env_int("STRIPE_BACKOFF_MS", 10),
                                          .timeout_ms = env_int("STRIPE_TIMEOUT_MS", 0)}};
    payments *p = NULL;
    int rc = stripe_payments_config_secrets(&cfg, getenv("STRIPE_WEBHOOK_SECRET"));
    if (rc == BZ_OK) {
        rc = stripe_payments_new(&cfg, &p);
    }
    json_t *out = NULL;
    if (rc == BZ_OK && strcmp(argv[1], "new") != 0) {
        rc = run(p, argc, argv, &out);
    }
    json_t *line = json_pack("{s:s, s:o}", "rc", rc == BZ_OK ? "ok" : bz_err_code(rc), "out",
                             out ? out : json_object());
    char *text = json_dumps(line, JSON_COMPACT);
    puts(text);
    free(text);
    json_decref(line);
    if (p) {
        p->ops->close(p);
    }
    return 0;
}
