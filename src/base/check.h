/*
 * base/check.h - internal contracts checked in every build, in the manner of
 * SQLite's assert()/ALWAYS()/NEVER().
 *
 * A header comment states an invariant; these macros check it where it is
 * cheap to do so (a comparison, a NULL test), in release builds too:
 *
 *   if (BZ_NEVER(len > cap)) return BZ_EINTERNAL;   a condition that never holds
 *   if (!BZ_ALWAYS(phase == PHASE_BODY)) ...         a condition that always holds
 *   BZ_CHECK(q->count <= q->cap);                     no defensive branch possible
 *
 * When a check fails, the process has a bug, not bad input (bad input gets an
 * error code, never a check). What happens then depends on the build:
 * - debug and sanitizer builds (no NDEBUG), and every test: abort at once, so
 *   the bug is found where it happened;
 * - release builds: log the site once (an "invariant" error line), count it in
 *   bz_check_failures() (exported on /metrics), and let the caller take its
 *   defensive branch: BZ_ALWAYS yields false, BZ_NEVER yields true. BZ_CHECK,
 *   which has no branch to take, aborts in every build.
 *
 * Cost on the hot path: one predicted branch; the failure path is out of line.
 * Thread-safe.
 */
#ifndef BASE_CHECK_H
#define BASE_CHECK_H

#include <stdbool.h>
#include <stdint.h>

/* Report a failed check of `expr` at file:line. Returns false after logging and counting it
 * (release builds); aborts when aborting is on (debug builds, tests) or `fatal`. */
bool bz_check_failed(const char *file, int line, const char *expr, bool fatal);

/* How many checks failed since the process started (release builds; for /metrics). */
uint64_t bz_check_failures(void);

/* Abort on a failed check (default: on unless NDEBUG). Tests of the release behaviour turn it
 * off; nothing else should. */
void bz_check_set_abort(bool on);

#define BZ_ALWAYS(x)                                                                               \
    (__builtin_expect(!!(x), 1) ? true : bz_check_failed(__FILE__, __LINE__, #x, false))
#define BZ_NEVER(x)                                                                                \
    (__builtin_expect(!!(x), 0) ? !bz_check_failed(__FILE__, __LINE__, "!(" #x ")", false) : false)
#define BZ_CHECK(x)                                                                                \
    ((void)(__builtin_expect(!!(x), 1) || bz_check_failed(__FILE__, __LINE__, #x, true)))

#endif
