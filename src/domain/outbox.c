/* The outbox's rules (domain/outbox.h). */
#include "domain/outbox.h"

#include "base/err.h"

#include <string.h>

void outbox_policy_defaults(outbox_policy *p)
{
    *p = (outbox_policy){
        .max_attempts = 12,
        .base_delay_ms = 2000,
        .max_delay_ms = 30 * 60 * 1000,
        .lease_ms = 5 * 60 * 1000,
    };
}

bool outbox_policy_ok(const outbox_policy *p)
{
    return p->max_attempts >= 1 && p->base_delay_ms > 0 && p->max_delay_ms >= p->base_delay_ms &&
           p->lease_ms > 0;
}

outbox_verdict outbox_classify(int rc)
{
    switch (rc) {
    case BZ_OK:
        return OUTBOX_V_DONE;
    case BZ_EUNAVAILABLE:
    case BZ_ETIMEOUT:
        return OUTBOX_V_RETRY;
    default:
        return OUTBOX_V_PARK;
    }
}

int64_t outbox_backoff_ms(const outbox_policy *p, int attempts, uint32_t random)
{
    int64_t d = p->base_delay_ms;
    /* Double until the cap: stops before d could overflow, whatever `attempts` is. */
    for (int i = 1; i < attempts && d < p->max_delay_ms; i++) {
        d *= 2;
    }
    if (d > p->max_delay_ms) {
        d = p->max_delay_ms;
    }
    return d - (int64_t)(random % (uint64_t)(d / 2 + 1));
}

outbox_decision outbox_decide(const outbox_policy *p, int rc, int attempts, int64_t now,
                              uint32_t random)
{
    outbox_verdict v = outbox_classify(rc);
    if (v == OUTBOX_V_RETRY && attempts >= p->max_attempts) {
        v = OUTBOX_V_PARK;
    }
    outbox_decision d = {.verdict = v, .next_at = 0};
    if (v == OUTBOX_V_RETRY) {
        d.next_at = now + outbox_backoff_ms(p, attempts, random);
    }
    return d;
}

static bool kind_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.';
}

static bool printable_char(char ch)
{
    return ch >= 0x21 && ch <= 0x7e;
}

/* 1..max bytes, each passing `ok`. */
static bool all_of(const char *s, size_t max, bool (*ok)(char))
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > max) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!ok(s[i])) {
            return false;
        }
    }
    return true;
}

bool outbox_kind_ok(const char *kind)
{
    return all_of(kind, OUTBOX_KIND_MAX, kind_char);
}

bool outbox_key_ok(const char *key)
{
    return all_of(key, OUTBOX_KEY_MAX, printable_char);
}

size_t outbox_error_len(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) {
        return n;
    }
    /* Back off continuation bytes (10xxxxxx) so the cut falls before a lead byte. */
    while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80) {
        max--;
    }
    return max;
}

bool outbox_state_ok(const char *state)
{
    return state && (!strcmp(state, OUTBOX_PENDING) || !strcmp(state, OUTBOX_DONE) ||
                     !strcmp(state, OUTBOX_PARKED));
}
