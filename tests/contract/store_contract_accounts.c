/*
 * tests/contract/store_contract_accounts.c - users, refresh tokens, sellers,
 * follows and idempotency records: the accounts half of the store contract.
 */
#include "contract.h"

#include "base/err.h"
#include "base/rand.h"
#include "base/time.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/* ---- users -------------------------------------------------------------------- */

void test_users(void **state)
{
    bz_arena_reset(A);
    const char *name = unique_word();
    account_user u = {
        .id = new_id(),
        .email = bz_arena_printf(A, "%s@Example.MY", name),
        .username = bz_arena_printf(A, "Mixed%s", name),
        .display_name = "Aminah",
        .bio = "collector",
        .password_hash = "$argon2id$hash",
        .created_at = 1700000000000,
        .updated_at = 1700000000000,
    };
    OK(store_user_create(S, &u));

    account_user got;
    OK(store_user_get(S, u.id, A, &got));
    assert_int_equal(got.id, u.id);
    assert_string_equal(got.email, bz_arena_printf(A, "%s@example.my", name)); /* lower-cased */
    assert_string_equal(got.username, u.username);
    assert_string_equal(got.display_name, "Aminah");
    assert_string_equal(got.bio, "collector");
    assert_null(got.password_hash);
    assert_int_equal(got.avatar_image_id, 0);
    assert_false(got.is_seller);
    assert_int_equal(got.created_at, 1700000000000);

    OK(store_user_by_email(S, got.email, A, &got));
    assert_int_equal(got.id, u.id);
    assert_string_equal(got.password_hash, "$argon2id$hash");

    /* usernames match case-insensitively */
    const char *upper = bz_arena_printf(A, "MIXED%s", name);
    for (char *c = (char *)upper; *c; c++) {
        *c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
    }
    OK(store_user_by_username(S, upper, A, &got));
    assert_int_equal(got.id, u.id);
    assert_null(got.password_hash);

    /* NULL fields stay as they were */
    OK(store_user_update(S, u.id, NULL, "new bio", -1, 1700000001000));
    OK(store_user_get(S, u.id, A, &got));
    assert_string_equal(got.display_name, "Aminah");
    assert_string_equal(got.bio, "new bio");
    assert_int_equal(got.updated_at, 1700000001000);
    OK(store_user_update(S, u.id, "Aminah B", NULL, -1, 1700000002000));
    OK(store_user_get(S, u.id, A, &got));
    assert_string_equal(got.display_name, "Aminah B");
    assert_string_equal(got.bio, "new bio");
    /* showing one's name on lots won: off by default, on and off again, kept by other edits */
    assert_false(got.show_win_name);
    OK(store_user_update(S, u.id, NULL, NULL, 1, 1700000002500));
    OK(store_user_update(S, u.id, NULL, "bio again", -1, 1700000002600));
    OK(store_user_get(S, u.id, A, &got));
    assert_true(got.show_win_name);
    OK(store_user_by_email(S, u.email, A, &got));
    assert_true(got.show_win_name);
    OK(store_user_update(S, u.id, NULL, NULL, 0, 1700000002700));
    OK(store_user_get(S, u.id, A, &got));
    assert_false(got.show_win_name);

    OK(store_user_set_avatar(S, u.id, 777, 1700000003000));
    OK(store_user_get(S, u.id, A, &got));
    assert_int_equal(got.avatar_image_id, 777);
    OK(store_user_set_avatar(S, u.id, 0, 1700000004000));
    OK(store_user_get(S, u.id, A, &got));
    assert_int_equal(got.avatar_image_id, 0);

    int64_t missing = new_id();
    assert_int_equal(store_user_get(S, missing, A, &got), BZ_ENOTFOUND);
    assert_int_equal(store_user_by_email(S, "nobody@nowhere.my", A, &got), BZ_ENOTFOUND);
    assert_int_equal(store_user_by_username(S, "nobody-at-all", A, &got), BZ_ENOTFOUND);
    assert_int_equal(store_user_update(S, missing, "x", "y", -1, 1), BZ_ENOTFOUND);
    assert_int_equal(store_user_set_avatar(S, missing, 1, 1), BZ_ENOTFOUND);
}

void test_user_duplicates(void **state)
{
    bz_arena_reset(A);
    int64_t first = make_user();
    account_user a;
    OK(store_user_get(S, first, A, &a));

    account_user dup = {
        .id = new_id(),
        .email = a.email,
        .username = unique_word(),
        .password_hash = "h",
        .created_at = 1,
        .updated_at = 1,
    };
    assert_int_equal(store_user_create(S, &dup), BZ_EEMAILTAKEN);

    /* the same address in other case is the same address */
    char *upper_email = bz_arena_strdup(A, a.email);
    upper_email[0] = (char)(upper_email[0] - 32);
    dup.email = upper_email;
    assert_int_equal(store_user_create(S, &dup), BZ_EEMAILTAKEN);

    /* usernames collide case-insensitively */
    char *upper_name = bz_arena_strdup(A, a.username);
    upper_name[1] = (char)(upper_name[1] - 32);
    dup.email = bz_arena_printf(A, "%s@other.my", unique_word());
    dup.username = upper_name;
    assert_int_equal(store_user_create(S, &dup), BZ_EUSERNAMETAKEN);

    dup.username = unique_word();
    OK(store_user_create(S, &dup));
}

/* ---- refresh tokens -------------------------------------------------------------- */

static void fill_hash(unsigned char hash[32])
{
    bz_random_bytes(hash, 32);
}

/* Rotate the refresh token whose id is at `token_id`. */
static int mark_used(store *conn, void *token_id)
{
    return store_refresh_mark_used(conn, *(const int64_t *)token_id, bz_now_ms());
}

void test_refresh_tokens(void **state)
{
    int64_t user = make_user();
    int64_t family = new_id();
    store_refresh t1 = make_refresh(user, family, 1000, 999999999999999);

    store_refresh got;
    OK(store_refresh_by_hash(S, t1.hash, &got));
    assert_int_equal(got.id, t1.id);
    assert_int_equal(got.user_id, user);
    assert_int_equal(got.family_id, family);
    assert_memory_equal(got.hash, t1.hash, 32);
    assert_int_equal(got.created_at, 1000);
    assert_int_equal(got.expires_at, 999999999999999);
    assert_int_equal(got.used_at, 0);
    assert_int_equal(got.revoked_at, 0);

    unsigned char other[32];
    fill_hash(other);
    assert_int_equal(store_refresh_by_hash(S, other, &got), BZ_ENOTFOUND);
    assert_int_equal(store_refresh_create(S, &t1), BZ_ECONFLICT);

    /* exactly once: the second rotation of the same token is reuse */
    OK(store_refresh_mark_used(S, t1.id, 2000));
    assert_int_equal(store_refresh_mark_used(S, t1.id, 2001), BZ_ETOKENREUSED);
    OK(store_refresh_by_hash(S, t1.hash, &got));
    assert_int_equal(got.used_at, 2000);
    assert_int_equal(store_refresh_mark_used(S, new_id(), 1), BZ_ENOTFOUND);

    /* ... also when connections race for it */
    store_refresh t2 = make_refresh(user, family, 3000, 999999999999999);
    enum { RACERS = 4 };
    int64_t ids[RACERS];
    for (int i = 0; i < RACERS; i++) {
        ids[i] = t2.id;
    }
    assert_int_equal(race_threads(RACERS, mark_used, ids, sizeof ids[0], BZ_ETOKENREUSED), 1);

    /* revoking the family stops every token of it, used or not, and nothing else */
    store_refresh t3 = make_refresh(user, family, 4000, 999999999999999);
    store_refresh t4 = make_refresh(user, new_id(), 4000, 999999999999999);
    OK(store_refresh_revoke_family(S, family, 5000));
    OK(store_refresh_by_hash(S, t3.hash, &got));
    assert_int_equal(got.revoked_at, 5000);
    OK(store_refresh_by_hash(S, t1.hash, &got));
    assert_int_equal(got.revoked_at, 5000);
    assert_int_equal(store_refresh_mark_used(S, t3.id, 6000), BZ_ETOKENREUSED);
    OK(store_refresh_by_hash(S, t4.hash, &got));
    assert_int_equal(got.revoked_at, 0);
    OK(store_refresh_mark_used(S, t4.id, 6000));
    OK(store_refresh_revoke_family(S, new_id(), 1)); /* an unknown family is not an error */
}

/* ---- sellers and follows ------------------------------------------------------------ */

void test_sellers(void **state)
{
    bz_arena_reset(A);
    int64_t id = make_user();
    catalog_seller sl = {
        .id = id,
        .shop_name = "Batik Corner",
        .description = "hand-drawn batik",
        .pickup = {"12 Lorong Hang Jebat", "Unit 3", "Melaka", "Melaka", "75200"},
        .created_at = 1700000000000,
    };
    OK(store_seller_create(S, &sl));
    assert_int_equal(store_seller_create(S, &sl), BZ_EALREADYSELLER);

    account_user u;
    OK(store_user_get(S, id, A, &u));
    assert_true(u.is_seller);

    catalog_seller got;
    OK(store_seller_get(S, id, A, &got));
    assert_int_equal(got.id, id);
    assert_string_equal(got.shop_name, "Batik Corner");
    assert_string_equal(got.description, "hand-drawn batik");
    assert_string_equal(got.pickup.line1, "12 Lorong Hang Jebat");
    assert_string_equal(got.pickup.line2, "Unit 3");
    assert_string_equal(got.pickup.city, "Melaka");
    assert_string_equal(got.pickup.state, "Melaka");
    assert_string_equal(got.pickup.postcode, "75200");
    assert_int_equal(got.follower_count, 0);
    assert_int_equal(got.created_at, 1700000000000);
    assert_string_equal(got.username, u.username);

    sl.shop_name = "Batik Corner II";
    sl.description = "";
    sl.pickup = (address_postal){"1 Jalan Baru", "", "Ipoh", "Perak", "30000"};
    OK(store_seller_update(S, &sl));
    OK(store_seller_get(S, id, A, &got));
    assert_string_equal(got.shop_name, "Batik Corner II");
    assert_string_equal(got.description, "");
    assert_string_equal(got.pickup.line2, "");
    assert_string_equal(got.pickup.city, "Ipoh");
    assert_string_equal(got.pickup.postcode, "30000");

    catalog_seller ghost = sl;
    ghost.id = new_id();
    assert_int_equal(store_seller_create(S, &ghost), BZ_ENOTFOUND);
    assert_int_equal(store_seller_get(S, ghost.id, A, &got), BZ_ENOTFOUND);
    assert_int_equal(store_seller_update(S, &ghost), BZ_ENOTFOUND);
    OK(store_user_get(S, make_user(), A, &u));
    assert_false(u.is_seller);
}

void test_follows(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    int64_t fan1 = make_user(), fan2 = make_user();
    catalog_seller got;
    bool following = true;

    OK(store_is_following(S, fan1, seller, &following));
    assert_false(following);
    OK(store_follow(S, fan1, seller, 1000));
    OK(store_follow(S, fan1, seller, 1001)); /* twice: no error, counted once */
    OK(store_follow(S, fan2, seller, 1002));
    OK(store_is_following(S, fan1, seller, &following));
    assert_true(following);
    OK(store_seller_get(S, seller, A, &got));
    assert_int_equal(got.follower_count, 2);

    OK(store_unfollow(S, fan1, seller));
    OK(store_unfollow(S, fan1, seller)); /* twice: no error */
    OK(store_is_following(S, fan1, seller, &following));
    assert_false(following);
    OK(store_seller_get(S, seller, A, &got));
    assert_int_equal(got.follower_count, 1);

    assert_int_equal(store_follow(S, fan1, new_id(), 1), BZ_ENOTFOUND); /* no such seller */
    assert_int_equal(store_follow(S, fan1, fan2, 1), BZ_ENOTFOUND);     /* not a seller */
    OK(store_unfollow(S, fan1, new_id()));
}

void test_following_pagination(void **state)
{
    bz_arena_reset(A);
    int64_t fan = make_user();
    enum { N = 7 };
    int64_t sellers[N];
    for (int i = 0; i < N; i++) {
        sellers[i] = make_seller();
        OK(store_follow(S, fan, sellers[i], 1000 + i));
    }
    OK(store_follow(S, fan, sellers[2], 5000)); /* following again keeps the first place */

    /* most recently followed first, pages of 3: 3 + 3 + 1 */
    int64_t cursor = 0;
    int seen = 0;
    for (int page_no = 0; page_no < 5; page_no++) {
        catalog_seller *rows = NULL;
        store_page page = {0};
        OK(store_following(S, fan, cursor, 3, A, &rows, &page));
        for (size_t i = 0; i < page.n; i++) {
            assert_int_equal(rows[i].id, sellers[N - 1 - seen]);
            assert_non_null(rows[i].username);
            assert_string_equal(rows[i].shop_name, "Kedai Ujian");
            seen++;
        }
        cursor = page.next_cursor;
        if (cursor == 0) {
            break;
        }
        assert_int_equal(page.n, 3);
    }
    assert_int_equal(seen, N);

    catalog_seller *rows = NULL;
    store_page page = {0};
    OK(store_following(S, make_user(), 0, 10, A, &rows, &page));
    assert_int_equal(page.n, 0);
    assert_int_equal(page.next_cursor, 0);
}

/* ---- idempotency ---------------------------------------------------------------------- */

void test_idempotency(void **state)
{
    bz_arena_reset(A);
    int64_t user = make_user();
    store_idem rec = {
        .user_id = user,
        .key = "7f1c9a3e-key",
        .status = 201,
        .body = "{\"product\":{\"id\":\"1\"}}",
        .created_at = 1234,
    };
    fill_hash(rec.req_hash);
    store_idem got;
    assert_int_equal(store_idem_get(S, user, rec.key, A, &got), BZ_ENOTFOUND);
    OK(store_idem_put(S, &rec));

    OK(store_idem_get(S, user, rec.key, A, &got));
    assert_int_equal(got.user_id, user);
    assert_string_equal(got.key, rec.key);
    assert_memory_equal(got.req_hash, rec.req_hash, 32);
    assert_int_equal(got.status, 201);
    assert_string_equal(got.body, rec.body);
    assert_int_equal(got.created_at, 1234);

    store_idem again = rec;
    again.status = 500;
    assert_int_equal(store_idem_put(S, &again), BZ_ECONFLICT);
    OK(store_idem_get(S, user, rec.key, A, &got));
    assert_int_equal(got.status, 201); /* the first record stands */

    /* keys are per user */
    again.user_id = make_user();
    OK(store_idem_put(S, &again));
    assert_int_equal(store_idem_get(S, user, "other-key", A, &got), BZ_ENOTFOUND);
}

/* Nobody is an admin until granted by email (any case); revoked, they are not; a missing user
 * or email is none. */
void test_admins(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t id = make_user(), other = make_user();
    account_user u;
    OK(store_user_get(S, id, A, &u));
    bool admin = true;
    OK(store_user_is_admin(S, id, &admin));
    assert_false(admin);
    char *upper = bz_arena_strdup(A, u.email);
    for (char *p = upper; *p; p++) {
        *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    }
    OK(store_user_set_admin(S, upper, true));
    OK(store_user_is_admin(S, id, &admin));
    assert_true(admin);
    OK(store_user_is_admin(S, other, &admin));
    assert_false(admin);
    OK(store_user_set_admin(S, u.email, false));
    OK(store_user_is_admin(S, id, &admin));
    assert_false(admin);
    assert_int_equal(store_user_set_admin(S, "nobody@example.my", true), BZ_ENOTFOUND);
    admin = true;
    OK(store_user_is_admin(S, new_id(), &admin));
    assert_false(admin);
}
