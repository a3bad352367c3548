/* Unit tests for domain/cohost.h: who may invite whom on a show's stage, who may take them
 * off, and when a co-host may publish. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/err.h"
#include "domain/cohost.h"

enum { SELLER = 10, ALI = 20, BALA = 30 };

/* Facts every check passes: the seller invites Ali to a live show with no co-host yet. */
static cohost_invite_facts ok_facts(void)
{
    return (cohost_invite_facts){
        .status = "live", .seller_id = SELLER, .actor = SELLER, .invitee = ALI};
}

static void the_seller_invites_to_a_scheduled_or_live_show(void **state)
{
    (void)state;
    cohost_invite_facts f = ok_facts();
    field_error e;
    assert_int_equal(cohost_check_invite(&f, &e), BZ_OK);
    f.status = "scheduled";
    assert_int_equal(cohost_check_invite(&f, &e), BZ_OK);
    f.status = "ended";
    assert_int_equal(cohost_check_invite(&f, &e), BZ_ECONFLICT);
    f.status = "cancelled";
    assert_int_equal(cohost_check_invite(&f, NULL), BZ_ECONFLICT);
    f = ok_facts();
    f.actor = BALA; /* anyone else, even about an ended show: not theirs to ask */
    f.status = "ended";
    assert_int_equal(cohost_check_invite(&f, &e), BZ_EFORBIDDEN);
}

static void not_the_seller_not_a_banned_user(void **state)
{
    (void)state;
    cohost_invite_facts f = ok_facts();
    field_error e;
    f.invitee = SELLER;
    assert_int_equal(cohost_check_invite(&f, &e), BZ_ECOHOSTSELF);
    assert_string_equal(e.field, "username");
    f = ok_facts();
    f.banned = true;
    assert_int_equal(cohost_check_invite(&f, &e), BZ_ECOHOSTBANNED);
    assert_string_equal(e.field, "username");
}

static void at_most_three_but_a_current_one_is_no_new_one(void **state)
{
    (void)state;
    cohost_invite_facts f = ok_facts();
    field_error e;
    f.n_current = COHOST_MAX - 1;
    assert_int_equal(cohost_check_invite(&f, &e), BZ_OK);
    f.n_current = COHOST_MAX;
    assert_int_equal(cohost_check_invite(&f, &e), BZ_ECOHOSTLIMIT);
    assert_string_equal(e.field, "username");
    assert_non_null(strstr(e.reason, "3"));
    f.current = true; /* inviting one of the three again: nothing new */
    assert_int_equal(cohost_check_invite(&f, &e), BZ_OK);
}

static void the_seller_removes_a_cohost_steps_down(void **state)
{
    (void)state;
    field_error e;
    assert_int_equal(cohost_check_remove(SELLER, SELLER, ALI, &e), BZ_OK);
    assert_int_equal(cohost_check_remove(SELLER, ALI, ALI, &e), BZ_OK);
    assert_int_equal(cohost_check_remove(SELLER, BALA, ALI, &e), BZ_EFORBIDDEN);
    assert_int_equal(cohost_check_remove(SELLER, ALI, BALA, NULL), BZ_EFORBIDDEN);
}

static void a_current_cohost_publishes_while_live(void **state)
{
    (void)state;
    show_cohost c = {.stream_id = 1, .user_id = ALI, .invited_at = 5};
    assert_true(cohost_may_publish("live", &c));
    assert_false(cohost_may_publish("scheduled", &c));
    assert_false(cohost_may_publish("ended", &c));
    c.removed_at = 9;
    assert_false(cohost_may_publish("live", &c));
    show_cohost none = {0};
    assert_false(cohost_may_publish("live", &none));
}

UNIT_MAIN(cmocka_unit_test(the_seller_invites_to_a_scheduled_or_live_show),
          cmocka_unit_test(not_the_seller_not_a_banned_user),
          cmocka_unit_test(at_most_three_but_a_current_one_is_no_new_one),
          cmocka_unit_test(the_seller_removes_a_cohost_steps_down),
          cmocka_unit_test(a_current_cohost_publishes_while_live))
