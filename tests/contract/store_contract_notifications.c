/*
 * tests/contract/store_contract_notifications.c - in-app notifications: the
 * go-live fan-out to a seller's followers (one row each, nobody else), a
 * user's list (newest first, keyset cursor, unread count) and mark-read,
 * which only the owner can do.
 */
#include "contract.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static int64_t make_show(int64_t seller, const char *title)
{
    int64_t p = make_product(seller, 0, "Lot", 1000, 1);
    return create_show(seller, title, &p, 1, 1900000000000, 1700000000000, false);
}

static const notification *row_of(const notification *rows, size_t n, int64_t user)
{
    return find_row(rows, n, sizeof(*rows), offsetof(notification, user_id), user);
}

void test_notifications_fanout(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t seller = make_seller(), f1 = make_user(), f2 = make_user(), other = make_user();
    OK(store_follow(S, f1, seller, 1700000000000));
    OK(store_follow(S, f2, seller, 1700000000000));
    int64_t show = make_show(seller, "Friday \"Retro\" Night");

    notification *rows = NULL;
    size_t n = 99;
    OK(store_begin(S));
    OK(store_notify_followers_live(S, show, 1800000000000, A, &rows, &n));
    OK(store_commit(S));
    assert_int_equal(n, 2);
    const notification *r1 = row_of(rows, n, f1), *r2 = row_of(rows, n, f2);
    assert_non_null(r1);
    assert_non_null(r2);
    assert_true(r1->id > 0 && r2->id > 0 && r1->id != r2->id);
    assert_string_equal(r1->kind, "show_live");
    assert_int_equal(r1->stream_id, show);
    assert_string_equal(r1->title, "Friday \"Retro\" Night");
    assert_int_equal(r1->created_at, 1800000000000);
    assert_int_equal(r1->read_at, 0);

    /* nobody else got one; a show without followers, or no show, makes nothing */
    notification *list = NULL;
    store_page page;
    int64_t unread = -1;
    OK(store_notifications_of(S, other, 0, 10, A, &list, &page, &unread));
    assert_int_equal(page.n, 0);
    assert_int_equal(unread, 0);
    OK(store_notify_followers_live(S, make_show(make_seller(), "Lonely"), 1, A, &rows, &n));
    assert_int_equal(n, 0);
    OK(store_notify_followers_live(S, new_id(), 1, A, &rows, &n));
    assert_int_equal(n, 0);

    /* rolled back with the caller's transaction */
    OK(store_begin(S));
    OK(store_notify_followers_live(S, show, 1800000000001, A, &rows, &n));
    assert_int_equal(n, 2);
    OK(store_rollback(S));
    OK(store_notifications_of(S, f1, 0, 10, A, &list, &page, &unread));
    assert_int_equal(page.n, 1);
    assert_int_equal(unread, 1);
    assert_int_equal(list[0].id, r1->id);
}

void test_notifications_list_and_read(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t seller = make_seller(), fan = make_user(), other = make_user();
    OK(store_follow(S, fan, seller, 1700000000000));
    int64_t ids[3];
    for (int i = 0; i < 3; i++) {
        notification *rows = NULL;
        size_t n = 0;
        OK(store_notify_followers_live(S, make_show(seller, "Show"), 1800000000000 + i, A, &rows,
                                       &n));
        assert_int_equal(n, 1);
        ids[i] = rows[0].id;
    }
    assert_true(ids[0] < ids[1] && ids[1] < ids[2]); /* newer rows, larger ids */

    notification *list = NULL;
    store_page page;
    int64_t unread = 0;
    OK(store_notifications_of(S, fan, 0, 2, A, &list, &page, &unread));
    assert_int_equal(page.n, 2);
    assert_int_equal(list[0].id, ids[2]);
    assert_int_equal(list[1].id, ids[1]);
    assert_int_equal(page.next_cursor, ids[1]);
    assert_int_equal(unread, 3);
    OK(store_notifications_of(S, fan, page.next_cursor, 2, A, &list, &page, NULL));
    assert_int_equal(page.n, 1);
    assert_int_equal(list[0].id, ids[0]);
    assert_int_equal(page.next_cursor, 0);

    /* only the owner marks; again keeps the first time */
    assert_int_equal(store_notification_mark_read(S, other, ids[1], 1900000000000), BZ_ENOTFOUND);
    assert_int_equal(store_notification_mark_read(S, fan, new_id(), 1900000000000), BZ_ENOTFOUND);
    OK(store_notification_mark_read(S, fan, ids[1], 1900000000000));
    OK(store_notification_mark_read(S, fan, ids[1], 1900000000999));
    OK(store_notifications_of(S, fan, 0, 10, A, &list, &page, &unread));
    assert_int_equal(page.n, 3);
    assert_int_equal(unread, 2);
    assert_int_equal(list[1].read_at, 1900000000000);
    assert_int_equal(list[0].read_at, 0);
}
