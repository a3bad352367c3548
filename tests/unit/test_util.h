/*
 * tests/unit/test_util.h - what test programs (unit and contract) share besides their
 * main(): the PostgreSQL server of a run on it, and a test's SQLite database removed.
 * Header-only, so that any test program takes it without a library.
 */
#ifndef TESTS_UNIT_TEST_UTIL_H
#define TESTS_UNIT_TEST_UTIL_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* $BLYTZ_TEST_PG, the server a run on PostgreSQL uses; NULL, after telling on stderr how to
 * set it, when it is not set (`who` names the program). */
static inline const char *test_pg_url(const char *who)
{
    const char *url = getenv("BLYTZ_TEST_PG");
    if (!url || !*url) {
        fprintf(stderr,
                "%s: BLYTZ_TEST_PG is not set. The PostgreSQL run needs a server: set "
                "BLYTZ_TEST_PG=postgres://USER@HOST:PORT/DB, or run scripts/test.sh, which "
                "starts one.\n",
                who);
        return NULL;
    }
    return url;
}

/* Remove the SQLite database at `path` and the -wal and -shm files beside it. */
static inline void test_sqlite_unlink(const char *path)
{
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        char file[512];
        snprintf(file, sizeof(file), "%s%s", path, suffixes[i]);
        unlink(file);
    }
}

#endif
