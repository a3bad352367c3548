/* domain/plan.c - the plans' table, the plan in force, and reports applied in order (plan.h). */
#include "domain/plan.h"

#include "base/check.h"
#include "base/err.h"
#include "domain/money.h"

#include <string.h>

/* ---- the table -------------------------------------------------------------------------- */

static int fail(plan_table *out, field_error *err, const char *reason)
{
    plan_table_free_only(out, 0);
    return field_fail(err, BZ_EVALIDATION, "plans", reason);
}

void plan_table_free_only(plan_table *out, int64_t commission_bp)
{
    BZ_CHECK(commission_bp >= 0 && commission_bp <= MONEY_BP_ONE);
    memset(out, 0, sizeof(*out));
    memcpy(out->plans[0].name, "free", sizeof("free"));
    out->plans[0].commission_bp = commission_bp;
    out->n = 1;
}

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static bool price_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Copy field [s, s+len) into out[cap] when 1 <= len < cap and every byte is `ok`. */
static bool copy_field(const char *s, size_t len, char *out, size_t cap, bool (*ok)(char))
{
    if (len == 0 || len >= cap) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (!ok(s[i])) {
            return false;
        }
    }
    memcpy(out, s, len);
    out[len] = '\0';
    return true;
}

/* Digits only, 1..18 of them, at most `max`. */
static bool read_int(const char *s, size_t len, int64_t max, int64_t *out)
{
    int64_t v = 0;
    if (len == 0 || len > 18) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return v <= max;
}

/* One entry [s, s+len): name:price:bp[:sen]. */
static const char *read_entry(const char *s, size_t len, plan *p)
{
    const char *f[4];
    size_t fl[4], n = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == ':') {
            if (n == 4) {
                return "an entry has more than four parts (name:price:commission_bp:monthly_sen)";
            }
            f[n] = s + start;
            fl[n++] = i - start;
            start = i + 1;
        }
    }
    memset(p, 0, sizeof(*p));
    if (n < 3) {
        return "an entry needs name:price:commission_bp (and :monthly_sen for a paid plan)";
    }
    if (!copy_field(f[0], fl[0], p->name, sizeof(p->name), name_char)) {
        return "a plan's name is 1-23 of a-z, 0-9, _ and -";
    }
    if (!read_int(f[2], fl[2], MONEY_BP_ONE, &p->commission_bp)) {
        return "a commission is 0..10000 basis points, digits only";
    }
    bool free_plan = fl[1] == 1 && f[1][0] == '0';
    if (free_plan) {
        int64_t sen = 0;
        return n == 4 && (!read_int(f[3], fl[3], 0, &sen)) ? "the free plan costs nothing a month"
                                                           : NULL;
    }
    if (!copy_field(f[1], fl[1], p->price, sizeof(p->price), price_char)) {
        return "a price is the provider's id (1-63 of A-Z, a-z, 0-9 and _) or 0 for the free plan";
    }
    if (n < 4 || !read_int(f[3], fl[3], MONEY_PRICE_CAP_SEN, &p->monthly_sen) ||
        p->monthly_sen < 1) {
        return "a paid plan says what it costs a month: 1..100000000 sen";
    }
    return NULL;
}

/* Whether `p` may join the n plans of t: a new name and price, and one free plan at most. */
static const char *check_unique(const plan_table *t, const plan *p)
{
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->plans[i].name, p->name) == 0) {
            return "two plans have the same name";
        }
        if (strcmp(t->plans[i].price, p->price) == 0) {
            return p->price[0] ? "two plans have the same price"
                               : "there is more than one free plan";
        }
    }
    return NULL;
}

int plan_table_parse(const char *text, size_t len, plan_table *out, field_error *err)
{
    memset(out, 0, sizeof(*out));
    if (!text || len == 0 || len > PLAN_TEXT_MAX) {
        return fail(out, err, "plans are 1..1024 characters: name:price:commission_bp[:sen],...");
    }
    plan_table seen = {.n = 0};
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != ',') {
            continue;
        }
        if (seen.n == PLAN_MAX) {
            return fail(out, err, "at most 8 plans");
        }
        const char *why = read_entry(text + start, i - start, &seen.plans[seen.n]);
        if (!why) {
            why = check_unique(&seen, &seen.plans[seen.n]);
        }
        if (why) {
            return fail(out, err, why);
        }
        seen.n++;
        start = i + 1;
    }
    /* the free plan first */
    size_t k = 0;
    for (size_t i = 0; i < seen.n; i++) {
        if (!seen.plans[i].price[0]) {
            out->plans[k++] = seen.plans[i];
        }
    }
    if (k != 1) {
        return fail(out, err, "one plan must be the free one (price 0)");
    }
    for (size_t i = 0; i < seen.n; i++) {
        if (seen.plans[i].price[0]) {
            out->plans[k++] = seen.plans[i];
        }
    }
    out->n = k;
    return BZ_OK;
}

const plan *plan_find(const plan_table *t, const char *name)
{
    for (size_t i = 0; name && i < t->n; i++) {
        if (strcmp(t->plans[i].name, name) == 0) {
            return &t->plans[i];
        }
    }
    return NULL;
}

/* ---- statuses ---------------------------------------------------------------------------- */

static const char *const STATUS[] = {"creating", "incomplete", "active",
                                     "past_due", "canceled",   "failed"};

const char *plan_status_name(plan_status s)
{
    return s >= PLAN_CREATING && s <= PLAN_FAILED ? STATUS[s] : "";
}

plan_status plan_status_parse(const char *s)
{
    for (int i = PLAN_CREATING; s && i <= PLAN_FAILED; i++) {
        if (strcmp(STATUS[i], s) == 0) {
            return (plan_status)i;
        }
    }
    return PLAN_STATUS_NONE;
}

/* ---- the plan in force -------------------------------------------------------------------- */

/* When the row's plan stops by time alone: INT64_MAX when it does not. */
static int64_t row_end(const seller_plan *row, int64_t grace_ms)
{
    plan_status s = plan_status_parse(row->status);
    if (s == PLAN_ACTIVE) {
        return row->cancel_at_period_end && row->current_period_end > 0 ? row->current_period_end
                                                                        : INT64_MAX;
    }
    if (s == PLAN_PAST_DUE) {
        int64_t end;
        return money_add(row->past_due_since, grace_ms, &end) ? end : INT64_MAX;
    }
    return 0; /* over, or never began */
}

const plan *plan_in_force(const plan_table *t, const seller_plan *row, int64_t grace_ms,
                          int64_t now)
{
    BZ_CHECK(t->n >= 1 && !t->plans[0].price[0] && grace_ms >= 0);
    const plan *p = row ? plan_find(t, row->plan) : NULL;
    if (!p || !p->price[0] || now >= row_end(row, grace_ms)) {
        return &t->plans[0];
    }
    return p;
}

int64_t plan_ends_at(const plan_table *t, const seller_plan *row, int64_t grace_ms, int64_t now)
{
    if (plan_in_force(t, row, grace_ms, now) == &t->plans[0]) {
        return 0;
    }
    int64_t end = row_end(row, grace_ms);
    return end == INT64_MAX ? 0 : end;
}

/* ---- reports ----------------------------------------------------------------------------- */

/* The tie-break of reports of one time and period: a payment settles what came with it. */
static int rank(plan_status s)
{
    return s == PLAN_ACTIVE ? 3 : s == PLAN_PAST_DUE ? 2 : s == PLAN_INCOMPLETE ? 1 : 0;
}

static bool newer(const seller_plan *row, plan_status was, const plan_report *r)
{
    if (was == PLAN_CANCELED) {
        return false;
    }
    if (r->status == PLAN_CANCELED) {
        return true;
    }
    if (r->period_end && r->period_end != row->current_period_end) {
        return r->period_end > row->current_period_end;
    }
    if (r->at != row->event_at) {
        return r->at > row->event_at;
    }
    if (rank(r->status) != rank(was)) {
        return rank(r->status) > rank(was);
    }
    /* Blytz never takes a cancel back: in a tie, the report that says it is the later one */
    return r->says_cancel && r->cancel_at_period_end && !row->cancel_at_period_end;
}

bool plan_apply(seller_plan *row, const plan_report *r)
{
    BZ_CHECK(r->status == PLAN_INCOMPLETE || r->status == PLAN_ACTIVE ||
             r->status == PLAN_PAST_DUE || r->status == PLAN_CANCELED);
    plan_status was = plan_status_parse(row->status);
    if (r->only_if_active && was != PLAN_ACTIVE) {
        return false;
    }
    if (!newer(row, was, r)) {
        return false;
    }
    seller_plan before = *row;
    row->status = plan_status_name(r->status);
    if (r->period_end) {
        row->current_period_end = r->period_end;
    }
    if (r->says_cancel) {
        row->cancel_at_period_end = r->cancel_at_period_end;
    }
    if (r->status != PLAN_PAST_DUE) {
        row->past_due_since = 0;
    } else if (was != PLAN_PAST_DUE || !row->past_due_since) {
        row->past_due_since = r->at;
    }
    if (r->status != PLAN_INCOMPLETE) {
        row->client_secret = "";
    }
    if (r->at > row->event_at) {
        row->event_at = r->at;
    }
    return r->status != was || row->current_period_end != before.current_period_end ||
           row->cancel_at_period_end != before.cancel_at_period_end ||
           row->past_due_since != before.past_due_since || row->event_at != before.event_at;
}
