/*
 * domain/plan.h - sellers' plans: what each costs a month and what commission it takes, and
 * which one a seller is on at a given time from what the provider said about their
 * subscription (docs/payments.md "Plans"). Pure: no I/O, time passed in (UTC ms).
 *
 * The table comes from configuration text (BLYTZ_PLANS), one entry a plan, comma-separated:
 *
 *     free:0:1000,pro:price_1Pro:500:4900
 *
 * name:price:commission_bp[:monthly_sen]. The free plan is the one whose price is "0" (no
 * subscription; exactly one, no monthly amount or 0); every other names the provider's
 * recurring price and what it charges a month in sen (shown to sellers; it must be the
 * price's amount). Names [a-z0-9_-]{1,23}, unique; prices [A-Za-z0-9_]{1,63}, unique;
 * commission 0..10000 bp; monthly 1..MONEY_PRICE_CAP_SEN; at most PLAN_MAX plans.
 *
 * Invariants of a plan_table that plan_table_parse (or plan_table_free_only) made: 1 <= n <=
 * PLAN_MAX; plans[0] is the free plan and the only one with price ""; names and prices unique.
 *
 * Which plan is in force at `now` (plan_in_force), from the seller's row:
 *   no row, a plan the table no longer has, or any status but the two below  -> free
 *   active (trialing counts as active)                                         -> its plan,
 *       unless it was set to end at the period's end and that end has passed  -> free
 *   past_due, now < past_due_since + grace                                     -> its plan
 *   past_due beyond the grace                                                  -> free
 * (incomplete, canceled, unpaid, incomplete_expired, creating, failed: free)
 *
 * Reports about a subscription come in any order and more than once (plan_apply): the newer
 * wins, newer meaning, in this order: canceled is final (nothing replaces it, it replaces
 * anything); a later period end; a later report time; for a tie, the further status
 * (incomplete < past_due < active: a payment settles what came in the same second), then the
 * one that says cancel_at_period_end (Blytz never takes a cancel back). An
 * invoice's failure only moves an active subscription to past_due (a first invoice that
 * fails leaves it incomplete: nothing was ever paid). past_due_since is the report time that
 * first said past_due, kept while it stays so, 0 otherwise.
 */
#ifndef DOMAIN_PLAN_H
#define DOMAIN_PLAN_H

#include "domain/field.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PLAN_MAX          8
#define PLAN_NAME_MAX     24 /* with the NUL */
#define PLAN_PRICE_MAX    64 /* with the NUL */
#define PLAN_TEXT_MAX     1024
#define PLAN_GRACE_MS_DEF (7LL * 24 * 3600 * 1000) /* a week to fix a failed renewal */

typedef struct plan {
    char name[PLAN_NAME_MAX];
    char price[PLAN_PRICE_MAX]; /* the provider's recurring price; "" for the free plan */
    int64_t commission_bp;      /* 0..10000, on items (domain/checkout.h) */
    int64_t monthly_sen;        /* what it costs a month; 0 for the free plan */
} plan;

typedef struct plan_table {
    plan plans[PLAN_MAX]; /* plans[0] is the free one */
    size_t n;
} plan_table;

/* Read `text` (len bytes) into *out. BZ_OK, or BZ_EVALIDATION with the reason (field
 * "plans"); *out is then one free plan of 0 bp. */
int plan_table_parse(const char *text, size_t len, plan_table *out, field_error *err);

/* The table of the free plan alone ("free", commission_bp 0..10000): what a server without
 * BLYTZ_PLANS offers. */
void plan_table_free_only(plan_table *out, int64_t commission_bp);

/* The plan called `name`, or NULL. */
const plan *plan_find(const plan_table *t, const char *name);

/* Where a subscription stands (the provider's statuses, as the payments port reads them;
 * creating and failed are Blytz's own: before the provider made it, and it never could). */
typedef enum plan_status {
    PLAN_STATUS_NONE = -1,
    PLAN_CREATING = 0, /* asked for: the outbox worker makes the subscription */
    PLAN_INCOMPLETE,   /* made: its first invoice waits for the seller's card */
    PLAN_ACTIVE,       /* paid for the current period */
    PLAN_PAST_DUE,     /* a renewal failed: the grace period runs */
    PLAN_CANCELED,     /* over */
    PLAN_FAILED,       /* the provider refused to make it */
} plan_status;

/* "creating", "incomplete", "active", "past_due", "canceled", "failed"; "" for NONE. */
const char *plan_status_name(plan_status s);
/* The status named `s` (NULL-safe), or PLAN_STATUS_NONE. */
plan_status plan_status_parse(const char *s);

/* A seller's subscription, as stored (one row a seller: the latest they asked for). */
typedef struct seller_plan {
    int64_t seller_id;
    const char *plan;            /* the plan's name */
    const char *status;          /* plan_status_name */
    const char *subscription_id; /* the provider's id once made ("" before) */
    const char *client_secret;   /* the first invoice's, for Stripe.js, while incomplete */
    const char *failure_code;    /* why it failed ("" when it did not) */
    int64_t current_period_end;  /* UTC ms, 0 when not known */
    int64_t past_due_since;      /* UTC ms, 0 unless past_due */
    bool cancel_at_period_end;   /* the seller asked to end it when the period ends */
    int64_t event_at;            /* the time of the newest report applied (0: none yet) */
    int64_t created_at;
    int64_t updated_at;
} seller_plan;

/* The plan in force at `now` for a seller whose row is `row` (NULL: they never subscribed),
 * with `grace_ms` (>= 0) to fix a failed renewal. Never NULL. */
const plan *plan_in_force(const plan_table *t, const seller_plan *row, int64_t grace_ms,
                          int64_t now);

/* When the plan in force at `now` stops being so by the passing of time alone (the end of
 * the grace or of a period the seller cancelled), or 0 when nothing is due to end. */
int64_t plan_ends_at(const plan_table *t, const seller_plan *row, int64_t grace_ms, int64_t now);

/* What the provider said about a subscription at time `at`. */
typedef struct plan_report {
    plan_status status;        /* PLAN_INCOMPLETE, PLAN_ACTIVE, PLAN_PAST_DUE or PLAN_CANCELED */
    int64_t period_end;        /* UTC ms, 0 when the report does not say */
    int64_t at;                /* UTC ms */
    bool says_cancel;          /* the report carries cancel_at_period_end (a subscription does) */
    bool cancel_at_period_end; /* its value, when says_cancel */
    bool only_if_active;       /* an invoice that failed: moves an active one to past_due only */
} plan_report;

/* Apply report *r to *row (the same subscription's) as the rules above say. true when *row
 * changed (status, period, cancel flag, past_due_since, event_at), false when the report is
 * older than what *row holds (or changes nothing). The client secret is dropped once the
 * status is no longer incomplete. */
bool plan_apply(seller_plan *row, const plan_report *r);

#endif
