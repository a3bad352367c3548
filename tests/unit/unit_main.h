/*
 * tests/unit/unit_main.h - the main() of a unit test program: run its tests in order as one
 * cmocka group and exit with the number that failed.
 *
 *   UNIT_MAIN(cmocka_unit_test(parses), cmocka_unit_test(refuses))
 *   UNIT_MAIN_GROUP(setup, teardown, cmocka_unit_test(parses), ...)
 *
 * UNIT_MAIN_GROUP runs `setup` once before the first test and `teardown` once after the last
 * (cmocka group setup; either may be NULL). Include after <cmocka.h>. A program that reads its
 * arguments writes its own main.
 */
#ifndef TESTS_UNIT_UNIT_MAIN_H
#define TESTS_UNIT_UNIT_MAIN_H

#define UNIT_MAIN_GROUP(setup, teardown, ...)                                                      \
    int main(void)                                                                                 \
    {                                                                                              \
        const struct CMUnitTest tests[] = {__VA_ARGS__};                                           \
        return cmocka_run_group_tests(tests, setup, teardown);                                     \
    }

#define UNIT_MAIN(...) UNIT_MAIN_GROUP(NULL, NULL, __VA_ARGS__)

#endif
