/*
 * domain/outbox.h - the rules of the outbox (docs/outbox.md): what a side
 * effect's outcome means for its row, and when a failed one runs again.
 *
 * A row is `pending` until a handler succeeds (`done`) or it is `parked`: the
 * handler's error is one no retry can fix, or its last attempt failed. An
 * operator puts a parked row back to pending; nothing else leaves `done` or
 * `parked`.
 *
 * Invariants:
 * - outbox_backoff_ms(p, n, r) lies in [d / 2, d] with d = min(base * 2^(n-1), max): it
 *   never shrinks as n grows past the cap, and jitter never takes more than half of it.
 * - outbox_decide parks at the latest when `attempts` reaches max_attempts, so a row runs at
 *   most max_attempts times between two operator requeues.
 * Pure: time and randomness are passed in.
 */
#ifndef DOMAIN_OUTBOX_H
#define DOMAIN_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The states, as stored. */
#define OUTBOX_PENDING "pending"
#define OUTBOX_DONE    "done"
#define OUTBOX_PARKED  "parked"

/* Limits on what a caller may write into a row. */
#define OUTBOX_KIND_MAX    64         /* bytes of a kind: [a-z0-9_.]+ */
#define OUTBOX_KEY_MAX     256        /* bytes of a dedupe key: printable ASCII */
#define OUTBOX_PAYLOAD_MAX (64 << 10) /* bytes of a payload */
#define OUTBOX_ERROR_MAX   512        /* bytes of last_error kept */

typedef struct outbox_policy {
    int max_attempts;      /* park when this many attempts failed (>= 1) */
    int64_t base_delay_ms; /* before the second attempt (> 0) */
    int64_t max_delay_ms;  /* no wait between attempts grows beyond this (>= base) */
    int64_t lease_ms;      /* how long a claim holds a row; longer than any handler runs */
} outbox_policy;

/* 12 attempts, 2 s doubling to 30 min between them: a row parks between about 32 and 64 min
 * after its first failure. Leases of 5 min. */
void outbox_policy_defaults(outbox_policy *p);

/* Whether the policy's numbers are usable (the ranges above). */
bool outbox_policy_ok(const outbox_policy *p);

typedef enum outbox_verdict {
    OUTBOX_V_DONE = 1, /* the side effect happened */
    OUTBOX_V_RETRY,    /* a passing failure (unavailable, timed out): run again later */
    OUTBOX_V_PARK,     /* a failure a retry cannot fix, or the last attempt */
} outbox_verdict;

/* What a handler's result means by itself: BZ_OK done; BZ_EUNAVAILABLE and BZ_ETIMEOUT (a
 * provider's 5xx, 429 or a network error) retry; any other error park. */
outbox_verdict outbox_classify(int rc);

/* The wait before the attempt after attempt `attempts` (>= 1) failed: d = base *
 * 2^(attempts-1) capped at max_delay_ms, less a jitter of (random mod (d/2 + 1)) so that rows
 * that failed together do not all come back together. */
int64_t outbox_backoff_ms(const outbox_policy *p, int attempts, uint32_t random);

typedef struct outbox_decision {
    outbox_verdict verdict;
    int64_t next_at; /* OUTBOX_V_RETRY: when the row is due again; else 0 */
} outbox_decision;

/* The row's fate after attempt `attempts` (1-based, this one included) ended with handler
 * result `rc` at `now`: done, retry at now + outbox_backoff_ms, or park (a permanent error,
 * or a passing one when attempts >= max_attempts). */
outbox_decision outbox_decide(const outbox_policy *p, int rc, int attempts, int64_t now,
                              uint32_t random);

/* Whether `kind` is a usable kind (1..OUTBOX_KIND_MAX bytes of [a-z0-9_.]). */
bool outbox_kind_ok(const char *kind);

/* Whether `key` is a usable dedupe key (1..OUTBOX_KEY_MAX bytes of printable ASCII). */
bool outbox_key_ok(const char *key);

/* The length of the longest prefix of `s` that fits `max` bytes without cutting a UTF-8
 * sequence: how much of an error message a row keeps. */
size_t outbox_error_len(const char *s, size_t max);

/* Whether `state` is one of the three states. */
bool outbox_state_ok(const char *state);

#endif
