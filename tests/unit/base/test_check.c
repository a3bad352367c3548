/* base/check.h: BZ_ALWAYS / BZ_NEVER / BZ_CHECK in release mode (log once, count, defensive
 * branch) and in abort mode (the default of debug builds and tests). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/check.h"
#include "base/log.h"

/* Lines written to a log file descriptor that mention `needle`. */
static int count_lines(FILE *f, const char *needle)
{
    char line[512];
    int n = 0;
    rewind(f);
    while (fgets(line, sizeof line, f)) {
        n += strstr(line, needle) != NULL;
    }
    return n;
}

static bool fails_in_a_loop(int i)
{
    return BZ_ALWAYS(i < 0);
}

static void release_mode_takes_the_defensive_branch_and_logs_once(void **state)
{
    (void)state;
    FILE *log = tmpfile();
    assert_non_null(log);
    bz_log_set_fd(fileno(log));
    bz_check_set_abort(false);
    uint64_t before = bz_check_failures();

    assert_true(BZ_ALWAYS(1 + 1 == 2));
    assert_false(BZ_NEVER(1 + 1 == 3));
    BZ_CHECK(sizeof(int) >= 2);
    assert_int_equal(bz_check_failures(), before);

    int taken = 0;
    for (int i = 0; i < 1000; i++) {
        taken += !fails_in_a_loop(i);
    }
    if (BZ_NEVER(taken == 1000)) {
        taken = -1;
    }
    assert_int_equal(taken, -1);
    assert_int_equal(bz_check_failures(), before + 1001);
    /* One line per failing site, however often it fails. */
    assert_int_equal(count_lines(log, "invariant failed"), 2);
    assert_int_equal(count_lines(log, "i < 0"), 1);
    assert_int_equal(count_lines(log, "!(taken == 1000)"), 1);

    bz_check_set_abort(true);
    bz_log_set_fd(2);
    fclose(log);
}

/* Run `what` in a child with stderr silenced; true if it died of SIGABRT. */
static bool aborts(void (*what)(void))
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        bz_log_set_fd(open("/dev/null", O_WRONLY));
        what();
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void never_fails_in_abort_mode(void)
{
    bz_check_set_abort(true);
    if (BZ_NEVER(getpid() > 0)) {
        _exit(0);
    }
}

static void check_fails_even_in_release_mode(void)
{
    bz_check_set_abort(false);
    BZ_CHECK(getpid() < 0);
}

static void abort_mode_and_fatal_checks_abort(void **state)
{
    (void)state;
    assert_true(aborts(never_fails_in_abort_mode));
    assert_true(aborts(check_fails_even_in_release_mode));
}

UNIT_MAIN(cmocka_unit_test(release_mode_takes_the_defensive_branch_and_logs_once),
          cmocka_unit_test(abort_mode_and_fatal_checks_abort))
