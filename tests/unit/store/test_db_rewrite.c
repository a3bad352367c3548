/*
 * tests/unit/store/test_db_rewrite.c - canonical SQL to a dialect's SQL
 * (store/db/db_rewrite.c): placeholders, macros, quoted text left alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>
#include "unit_main.h"

#include "store/db/db_driver.h"

static const db_macro macros[] = {
    {"now", "clock()"},
    {"in_ids", "IN (SELECT value FROM each({}))"},
    {"empty", ""},
};

static const db_dialect qmark = {
    .name = "test", .placeholder = '?', .macros = macros, .n_macros = 3};
static const db_dialect dollar = {
    .name = "test", .placeholder = '$', .macros = macros, .n_macros = 3};

/* Rewrite `sql` for `d` and compare with `want` (NULL: the rewrite must fail). */
static void check(const db_dialect *d, const char *sql, const char *want, int want_params)
{
    int n = -1;
    char *got = db_rewrite(d, sql, &n);
    if (!want) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, want);
    assert_int_equal(n, want_params);
    free(got);
}

static void placeholders(void **state)
{
    (void)state;
    check(&qmark, "SELECT a FROM t WHERE id = $1 AND b = $12",
          "SELECT a FROM t WHERE id = ?1 AND b = ?12", 12);
    check(&dollar, "SELECT a FROM t WHERE id = $1 AND b = $12",
          "SELECT a FROM t WHERE id = $1 AND b = $12", 12);
    check(&qmark, "SELECT 1", "SELECT 1", 0);
    check(&qmark, "", "", 0);
    /* a $ that is no placeholder stays */
    check(&qmark, "SELECT a$b, $x", "SELECT a$b, $x", 0);
}

static void quoted_text_is_left_alone(void **state)
{
    (void)state;
    check(&qmark, "SELECT '$1 {now}', \"$2\" FROM t WHERE x = $3",
          "SELECT '$1 {now}', \"$2\" FROM t WHERE x = ?3", 3);
    /* a doubled quote inside a literal */
    check(&qmark, "SELECT 'it''s $1', $2", "SELECT 'it''s $1', ?2", 2);
    /* an unterminated literal is copied to the end */
    check(&qmark, "SELECT '$1", "SELECT '$1", 0);
}

static void macros_expand(void **state)
{
    (void)state;
    check(&qmark, "UPDATE t SET at = {now} WHERE id = $1",
          "UPDATE t SET at = clock() WHERE id = ?1", 1);
    check(&qmark, "SELECT * FROM t WHERE id {in_ids $2}",
          "SELECT * FROM t WHERE id IN (SELECT value FROM each(?2))", 2);
    check(&dollar, "SELECT * FROM t WHERE id {in_ids $2}",
          "SELECT * FROM t WHERE id IN (SELECT value FROM each($2))", 2);
    check(&qmark, "SELECT * FROM t WHERE id = $1 {empty}", "SELECT * FROM t WHERE id = ?1 ", 1);
}

static void bad_macros_fail(void **state)
{
    (void)state;
    check(&qmark, "SELECT {nosuch}", NULL, 0);
    check(&qmark, "SELECT {now", NULL, 0);
}

UNIT_MAIN(cmocka_unit_test(placeholders), cmocka_unit_test(quoted_text_is_left_alone),
          cmocka_unit_test(macros_expand), cmocka_unit_test(bad_macros_fail))
