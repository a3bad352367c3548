/*
 * tests/unit/unit_main.h - the main() of a unit test program: run its tests in order as one
 * cmocka group, with no group setup, and exit with the number that failed.
 *
 *   UNIT_MAIN(cmocka_unit_test(parses), cmocka_unit_test(refuses))
 *
 * Include after <cmocka.h>. A program with group setup or teardown writes its own main.
 */
#ifndef TESTS_UNIT_UNIT_MAIN_H
#define TESTS_UNIT_UNIT_MAIN_H

#define UNIT_MAIN(...)                                                                             \
    int main(void)                                                                                 \
    {                                                                                              \
        const struct CMUnitTest tests[] = {__VA_ARGS__};                                           \
        return cmocka_run_group_tests(tests, NULL, NULL);                                          \
    }

#endif
