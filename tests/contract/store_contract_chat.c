/*
 * tests/contract/store_contract_chat.c - chat messages, moderation state and
 * buyer limits (migrations/0004): what the chat and wellbeing use cases rely
 * on from every adapter.
 */
#include "contract.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#define T0 1800000000000

static int64_t make_show(int64_t seller)
{
    int64_t p = make_product(seller, 0, "Lot", 1000, 1);
    return create_show(seller, "Chat show", &p, 1, T0, T0, false);
}

static int64_t post(int64_t stream, int64_t user, const char *text, int64_t at)
{
    chat_message m = {
        .id = new_id(), .stream_id = stream, .user_id = user, .text = text, .created_at = at};
    OK(store_chat_message_insert(S, &m));
    return m.id;
}

void test_chat_messages(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller(), user = make_user();
    int64_t show = make_show(seller);
    int64_t ids[5];
    for (int i = 0; i < 5; i++) {
        ids[i] = post(show, user, i == 2 ? "Boleh nego? \xf0\x9f\x98\x80" : "hello", T0 + i);
    }
    chat_message m;
    OK(store_chat_message_get(S, ids[2], A, &m));
    assert_int_equal(m.stream_id, show);
    assert_int_equal(m.user_id, user);
    assert_string_equal(m.text, "Boleh nego? \xf0\x9f\x98\x80");
    assert_true(strlen(m.username) > 0);
    assert_int_equal(m.created_at, T0 + 2);
    assert_int_equal(m.deleted_at, 0);
    assert_int_equal(store_chat_message_get(S, new_id(), A, &m), BZ_ENOTFOUND);

    /* a missing show or user is BZ_ENOTFOUND; a duplicate id BZ_ECONFLICT */
    chat_message bad = {.id = new_id(), .stream_id = new_id(), .user_id = user, .text = "x"};
    assert_int_equal(store_chat_message_insert(S, &bad), BZ_ENOTFOUND);
    bad.stream_id = show;
    bad.id = ids[0];
    assert_int_equal(store_chat_message_insert(S, &bad), BZ_ECONFLICT);

    /* delete once: conflict the second time, not found for no message */
    OK(store_chat_message_delete(S, ids[3], seller, T0 + 100));
    assert_int_equal(store_chat_message_delete(S, ids[3], seller, T0 + 101), BZ_ECONFLICT);
    assert_int_equal(store_chat_message_delete(S, new_id(), seller, T0), BZ_ENOTFOUND);
    OK(store_chat_message_get(S, ids[3], A, &m));
    assert_int_equal(m.deleted_at, T0 + 100);
    assert_int_equal(m.deleted_by, seller);

    /* pages: newest first, deleted left out */
    chat_message *rows;
    store_page page;
    OK(store_chat_messages(S, show, 0, 2, A, &rows, &page));
    assert_int_equal(page.n, 2);
    assert_int_equal(rows[0].id, ids[4]);
    assert_int_equal(rows[1].id, ids[2]);
    assert_int_not_equal(page.next_cursor, 0);
    OK(store_chat_messages(S, show, page.next_cursor, 2, A, &rows, &page));
    assert_int_equal(page.n, 2);
    assert_int_equal(rows[0].id, ids[1]);
    assert_int_equal(rows[1].id, ids[0]);
    assert_int_equal(page.next_cursor, 0);
}

void test_chat_activity(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller(), user = make_user();
    int64_t show = make_show(seller), other = make_show(seller);
    int64_t count = -1, last = -1;
    OK(store_chat_activity(S, user, show, 0, &count, &last));
    assert_int_equal(count, 0);
    assert_int_equal(last, 0);
    post(show, user, "a", T0 + 10);
    post(other, user, "b", T0 + 20);
    post(show, user, "c", T0 + 30);
    post(other, user, "d", T0 + 40);
    OK(store_chat_activity(S, user, show, T0 + 15, &count, &last));
    assert_int_equal(count, 3); /* every show counts towards the rate */
    assert_int_equal(last, T0 + 30);
    OK(store_chat_activity(S, user, other, T0 + 40, &count, &last));
    assert_int_equal(count, 0);
    assert_int_equal(last, T0 + 40);
}

void test_chat_moderation_state(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller(), mod = make_user(), user = make_user();
    int64_t show = make_show(seller);

    bool yes = true;
    OK(store_is_moderator(S, seller, mod, &yes));
    assert_false(yes);
    OK(store_moderator_add(S, seller, mod, T0));
    OK(store_moderator_add(S, seller, mod, T0 + 1)); /* again: no error */
    assert_int_equal(store_moderator_add(S, seller, new_id(), T0), BZ_ENOTFOUND);
    OK(store_is_moderator(S, seller, mod, &yes));
    assert_true(yes);
    chat_moderator *mods;
    size_t n;
    OK(store_moderators(S, seller, A, &mods, &n));
    assert_int_equal(n, 1);
    assert_int_equal(mods[0].id, mod);
    assert_true(strlen(mods[0].username) > 0);
    OK(store_moderator_remove(S, seller, mod));
    OK(store_moderator_remove(S, seller, mod));
    OK(store_is_moderator(S, seller, mod, &yes));
    assert_false(yes);

    int64_t until = -1;
    OK(store_chat_mute_until(S, show, user, &until));
    assert_int_equal(until, 0);
    OK(store_chat_mute_set(S, show, user, T0 + 60000, seller, T0));
    OK(store_chat_mute_set(S, show, user, T0 + 30000, seller, T0 + 1)); /* replaces */
    OK(store_chat_mute_until(S, show, user, &until));
    assert_int_equal(until, T0 + 30000);
    OK(store_chat_mute_clear(S, show, user));
    OK(store_chat_mute_until(S, show, user, &until));
    assert_int_equal(until, 0);

    OK(store_stream_is_banned(S, show, user, &yes));
    assert_false(yes);
    OK(store_stream_ban_add(S, show, user, seller, T0));
    OK(store_stream_ban_add(S, show, user, seller, T0));
    OK(store_stream_is_banned(S, show, user, &yes));
    assert_true(yes);
    OK(store_stream_ban_remove(S, show, user));
    OK(store_stream_is_banned(S, show, user, &yes));
    assert_false(yes);

    int slow = -1;
    OK(store_chat_slow_mode(S, show, &slow));
    assert_int_equal(slow, 0);
    OK(store_chat_slow_mode_set(S, show, 30, T0));
    OK(store_chat_slow_mode(S, show, &slow));
    assert_int_equal(slow, 30);
    OK(store_chat_slow_mode_set(S, show, 0, T0));
    OK(store_chat_slow_mode(S, show, &slow));
    assert_int_equal(slow, 0);

    /* the pinned message: none at first, set, kept when slow mode changes, unpinned */
    int64_t pinned = -1, msg = post(show, user, "Free postage tonight!", T0);
    int64_t pin_show = make_show(seller);
    OK(store_chat_pinned(S, pin_show, &pinned));
    assert_int_equal(pinned, 0);
    OK(store_chat_pin_set(S, pin_show, msg, T0));
    OK(store_chat_pinned(S, pin_show, &pinned));
    assert_int_equal(pinned, msg);
    OK(store_chat_slow_mode_set(S, pin_show, 10, T0));
    OK(store_chat_pinned(S, pin_show, &pinned));
    assert_int_equal(pinned, msg);
    OK(store_chat_slow_mode(S, pin_show, &slow));
    assert_int_equal(slow, 10);
    OK(store_chat_pin_set(S, pin_show, 0, T0));
    OK(store_chat_pinned(S, pin_show, &pinned));
    assert_int_equal(pinned, 0);
    assert_int_not_equal(store_chat_pin_set(S, new_id(), msg, T0), BZ_OK); /* no such show */
}

void test_blocked_words(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    const char **words;
    size_t n = 9;
    OK(store_blocked_words(S, seller, A, &words, &n));
    assert_int_equal(n, 0);
    const char *set1[] = {"scam", "bodoh", "\xe5\x82\xbb\xe7\x93\x9c", "call me"};
    OK(store_blocked_words_set(S, seller, set1, 4));
    OK(store_blocked_words(S, seller, A, &words, &n));
    assert_int_equal(n, 4);
    assert_string_equal(words[0], "bodoh"); /* byte order */
    assert_string_equal(words[1], "call me");
    assert_string_equal(words[2], "scam");
    assert_string_equal(words[3], "\xe5\x82\xbb\xe7\x93\x9c");
    const char *set2[] = {"palsu"};
    OK(store_blocked_words_set(S, seller, set2, 1)); /* replaces the list */
    OK(store_blocked_words(S, seller, A, &words, &n));
    assert_int_equal(n, 1);
    assert_string_equal(words[0], "palsu");
    OK(store_blocked_words_set(S, seller, NULL, 0));
    OK(store_blocked_words(S, seller, A, &words, &n));
    assert_int_equal(n, 0);
}

void test_buyer_limits(void **state)
{
    bz_arena_reset(A);
    int64_t buyer = make_user();
    buyer_limits l;
    assert_int_equal(store_buyer_limits_get(S, buyer, A, &l), BZ_ENOTFOUND);
    buyer_limits in = {.user_id = buyer,
                       .spending_cap = 50000,
                       .cap_period = "week",
                       .cool_off_until = T0,
                       .updated_at = T0};
    OK(store_buyer_limits_put(S, &in));
    OK(store_buyer_limits_get(S, buyer, A, &l));
    assert_int_equal(l.spending_cap, 50000);
    assert_string_equal(l.cap_period, "week");
    assert_int_equal(l.cool_off_until, T0);
    in.spending_cap = 0; /* no cap: the period goes too */
    in.updated_at = T0 + 1;
    OK(store_buyer_limits_put(S, &in));
    OK(store_buyer_limits_get(S, buyer, A, &l));
    assert_int_equal(l.spending_cap, 0);
    assert_null(l.cap_period);
    assert_int_equal(l.updated_at, T0 + 1);
    in.user_id = new_id();
    assert_int_equal(store_buyer_limits_put(S, &in), BZ_ENOTFOUND);

    int64_t orders = -1, leading = -1;
    OK(store_buyer_committed(S, buyer, 0, 0, &orders, &leading));
    assert_int_equal(orders, 0);
    assert_int_equal(leading, 0);
}

/* One read for a bid batch: names, bans of that show, limits; unknown ids answer "absent". */
void test_bidder_facts(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller(), plain = make_user(), banned = make_user(), capped = make_user();
    int64_t show = make_show(seller), other = make_show(seller), ghost = new_id();
    OK(store_stream_ban_add(S, show, banned, seller, T0));
    OK(store_stream_ban_add(S, other, capped, seller, T0)); /* another show's ban: not this one */
    buyer_limits in = {.user_id = capped,
                       .spending_cap = 7500,
                       .cap_period = "day",
                       .cool_off_until = T0 + 5,
                       .updated_at = T0};
    OK(store_buyer_limits_put(S, &in));
    account_user u;
    OK(store_user_get(S, plain, A, &u));

    const int64_t ids[] = {capped, ghost, plain, banned};
    store_bidder_facts f[4];
    OK(store_bidder_facts_get(S, show, ids, 4, A, f));
    for (int i = 0; i < 4; i++) {
        assert_int_equal(f[i].user_id, ids[i]); /* out[i] answers ids[i] */
        assert_int_equal(f[i].limits.user_id, ids[i]);
    }
    assert_true(f[0].exists);
    assert_false(f[0].banned);
    assert_int_equal(f[0].limits.spending_cap, 7500);
    assert_string_equal(f[0].limits.cap_period, "day");
    assert_int_equal(f[0].limits.cool_off_until, T0 + 5);
    assert_false(f[1].exists);
    assert_string_equal(f[1].username, "");
    assert_false(f[1].banned);
    assert_true(f[2].exists);
    assert_string_equal(f[2].username, u.username);
    assert_false(f[2].banned);
    assert_int_equal(f[2].limits.spending_cap, 0);
    assert_null(f[2].limits.cap_period);
    assert_int_equal(f[2].limits.cool_off_until, 0);
    assert_true(f[3].banned);

    OK(store_bidder_facts_get(S, other, ids, 1, A, f));
    assert_true(f[0].banned);
    OK(store_bidder_facts_get(S, show, ids, 0, A, f));

    static int64_t many[STORE_FACTS_MAX + 1];
    static store_bidder_facts fs[STORE_FACTS_MAX + 1];
    for (int i = 0; i < STORE_FACTS_MAX; i++) {
        many[i] = i == 7 ? plain : new_id();
    }
    OK(store_bidder_facts_get(S, show, many, STORE_FACTS_MAX, A, fs));
    assert_true(fs[7].exists);
    assert_false(fs[8].exists);
    assert_int_equal(store_bidder_facts_get(S, show, many, STORE_FACTS_MAX + 1, A, fs),
                     BZ_EINTERNAL);
}

/* Orders in the window count, older and cancelled ones do not. */
void test_buyer_committed_orders(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller(), buyer = make_user();
    int64_t product = make_product(seller, 0, "Lot", 1000, 5);
    const int64_t amounts[] = {1000, 2500, 4000};
    const int64_t times[] = {T0 - 10, T0 + 10, T0 + 20};
    for (int i = 0; i < 3; i++) {
        order_record o = {.id = new_id(),
                          .buyer_id = buyer,
                          .seller_id = seller,
                          .product_id = product,
                          .amount = amounts[i],
                          .currency = "MYR",
                          .status = "awaiting_payment",
                          .created_at = times[i],
                          .updated_at = times[i]};
        OK(store_order_create(S, &o));
    }
    int64_t orders = 0, leading = 0;
    OK(store_buyer_committed(S, buyer, T0, 0, &orders, &leading));
    assert_int_equal(orders, 6500);
    assert_int_equal(leading, 0);
}
