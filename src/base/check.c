/*
 * base/check.c - what happens when an internal contract fails (base/check.h).
 */
#include "base/check.h"

#include "base/log.h"

#include <stdatomic.h>
#include <stdlib.h>

#ifdef NDEBUG
static atomic_bool abort_on_failure = false;
#else
static atomic_bool abort_on_failure = true;
#endif

static atomic_uint_fast64_t failures;

/* Sites already logged, so a check that fails in a loop writes one line, not millions. A small
 * open-addressed table of file:line keys; when it is full, further sites are logged every
 * time, which is acceptable for a process that has this many bugs. */
#define LOGGED_SITES 64
static _Atomic(uintptr_t) logged[LOGGED_SITES];

static bool first_report(const char *file, int line)
{
    uintptr_t key = (uintptr_t)file ^ ((uintptr_t)line << 1) ^ 1u;
    size_t at = (size_t)(key * 0x9E3779B97F4A7C15ull >> 58) % LOGGED_SITES;
    for (size_t i = 0; i < LOGGED_SITES; i++) {
        _Atomic(uintptr_t) *slot = &logged[(at + i) % LOGGED_SITES];
        uintptr_t seen = atomic_load(slot);
        if (seen == key) {
            return false;
        }
        if (seen == 0 && atomic_compare_exchange_strong(slot, &seen, key)) {
            return true;
        }
        if (seen == key) {
            return false;
        }
    }
    return true;
}

bool bz_check_failed(const char *file, int line, const char *expr, bool fatal)
{
    atomic_fetch_add(&failures, 1);
    bool stop = fatal || atomic_load(&abort_on_failure);
    if (stop || first_report(file, line)) {
        bz_error("invariant failed at %s:%d: %s%s", file, line, expr, stop ? " (aborting)" : "");
    }
    if (stop) {
        abort();
    }
    return false;
}

uint64_t bz_check_failures(void)
{
    return atomic_load(&failures);
}

void bz_check_set_abort(bool on)
{
    atomic_store(&abort_on_failure, on);
}
