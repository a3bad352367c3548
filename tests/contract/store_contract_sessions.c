/*
 * tests/contract/store_contract_sessions.c - ending sessions early: the session revocation
 * list, the refresh tokens it cuts off, and password changes.
 *
 * The run's rows share one database, and other tests make refresh tokens too, so each test
 * uses its own users and a time range of its own (T below) for revoked_at.
 */
#include "contract.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#define FOREVER 999999999999999LL

/* A refresh token of `family` for `user`, expiring at `expires_at`. Returns its id. */
static int64_t token(int64_t user, int64_t family, int64_t expires_at, store_refresh *out)
{
    store_refresh t = make_refresh(user, family, 1000, expires_at);
    if (out) {
        *out = t;
    }
    return t.id;
}

static int64_t revoked_at_of(const store_refresh *t)
{
    store_refresh got;
    OK(store_refresh_by_hash(S, t->hash, &got));
    return got.revoked_at;
}

/* The list's entry for `family` among those revoked at or after `from` (live at `now`), or
 * NULL. */
static const store_revocation *entry(int64_t from, int64_t now, int64_t family)
{
    int64_t at = from - 1, fam = INT64_MAX;
    size_t n = 0;
    do {
        store_revocation *rows = NULL;
        OK(store_revocations_after(S, at, fam, now, 100, A, &rows, &n));
        const store_revocation *found =
            find_row(rows, n, sizeof(*rows), offsetof(store_revocation, family_id), family);
        if (found) {
            return found;
        }
        if (n) {
            at = rows[n - 1].revoked_at;
            fam = rows[n - 1].family_id;
        }
    } while (n == 100);
    return NULL;
}

void test_session_revoke(void **state)
{
    (void)state;
    bz_arena_reset(A);
    const int64_t T = 7100000000000;
    int64_t user = make_user();
    int64_t family = new_id(), other = new_id();
    store_refresh used, fresh, elsewhere;
    token(user, family, FOREVER, &used);
    OK(store_refresh_mark_used(S, used.id, 1500));
    token(user, family, FOREVER, &fresh);
    token(user, other, FOREVER, &elsewhere);

    bool added = false;
    OK(store_session_revoke(S, family, user, T, T + 60000, &added));
    assert_true(added);
    assert_int_equal(revoked_at_of(&used), T);
    assert_int_equal(revoked_at_of(&fresh), T);
    assert_int_equal(revoked_at_of(&elsewhere), 0); /* one session, not the user's others */
    assert_int_equal(store_refresh_mark_used(S, fresh.id, T + 1), BZ_ETOKENREUSED);

    const store_revocation *e = entry(T, T, family);
    assert_non_null(e);
    assert_int_equal(e->user_id, user);
    assert_int_equal(e->revoked_at, T);
    assert_int_equal(e->expires_at, T + 60000);

    /* again: not an error, and the first entry stays as it was */
    OK(store_session_revoke(S, family, user, T + 5, T + 90000, &added));
    assert_false(added);
    e = entry(T, T, family);
    assert_non_null(e);
    assert_int_equal(e->revoked_at, T);
    assert_int_equal(e->expires_at, T + 60000);
    assert_int_equal(revoked_at_of(&fresh), T);

    /* a family without tokens can be listed too (its tokens may all have expired) */
    int64_t bare = new_id();
    OK(store_session_revoke(S, bare, user, T + 7, T + 60000, NULL));
    assert_non_null(entry(T, T, bare));

    /* inside a caller's transaction it is part of it */
    int64_t rolled = new_id();
    store_refresh r;
    token(user, rolled, FOREVER, &r);
    OK(store_begin(S));
    OK(store_session_revoke(S, rolled, user, T + 9, T + 60000, &added));
    assert_true(added);
    OK(store_rollback(S));
    assert_null(entry(T, T, rolled));
    assert_int_equal(revoked_at_of(&r), 0);
}

void test_sessions_revoke_user(void **state)
{
    (void)state;
    bz_arena_reset(A);
    const int64_t T = 7200000000000;
    int64_t user = make_user(), stranger = make_user();
    int64_t live = new_id(), kept = new_id(), dead = new_id(), listed = new_id();
    int64_t theirs = new_id();
    store_refresh t_live, t_kept, t_dead, t_listed, t_theirs;
    token(user, live, FOREVER, &t_live);
    token(user, kept, FOREVER, &t_kept);
    token(user, dead, T - 1, &t_dead); /* expired: no access token of it can be valid */
    token(user, listed, FOREVER, &t_listed);
    token(stranger, theirs, FOREVER, &t_theirs);
    OK(store_session_revoke(S, listed, user, T - 10, T + 60000, NULL));

    int64_t *out = NULL;
    size_t n = 99;
    OK(store_sessions_revoke_user(S, user, kept, T, T + 60000, A, &out, &n));
    assert_int_equal(n, 1); /* the live one; `listed` was already on the list */
    assert_non_null(out);
    assert_int_equal(out[0], live);

    assert_int_equal(revoked_at_of(&t_live), T);
    assert_int_equal(revoked_at_of(&t_dead), T); /* every other token is cut off too */
    assert_int_equal(revoked_at_of(&t_listed), T - 10);
    assert_int_equal(revoked_at_of(&t_kept), 0);
    assert_int_equal(revoked_at_of(&t_theirs), 0);
    const store_revocation *e = entry(T, T, live);
    assert_non_null(e);
    assert_int_equal(e->user_id, user);
    assert_int_equal(e->expires_at, T + 60000);
    assert_null(entry(T - 100, T, dead));
    assert_null(entry(T - 100, T, kept));
    assert_null(entry(T - 100, T, theirs));

    /* nothing left to end: an empty answer */
    OK(store_sessions_revoke_user(S, user, kept, T + 1, T + 60000, A, &out, &n));
    assert_int_equal(n, 0);

    /* keep_family 0 keeps nothing */
    OK(store_sessions_revoke_user(S, user, 0, T + 2, T + 60000, A, &out, &n));
    assert_int_equal(n, 1);
    assert_int_equal(out[0], kept);
    assert_int_equal(revoked_at_of(&t_kept), T + 2);

    /* inside a caller's transaction it is part of it */
    int64_t later = new_id();
    store_refresh t_later;
    token(user, later, FOREVER, &t_later);
    OK(store_begin(S));
    OK(store_sessions_revoke_user(S, user, 0, T + 3, T + 60000, A, &out, &n));
    assert_int_equal(n, 1);
    OK(store_rollback(S));
    assert_int_equal(revoked_at_of(&t_later), 0);
    assert_null(entry(T, T, later));
}

void test_revocations_after_and_prune(void **state)
{
    (void)state;
    bz_arena_reset(A);
    const int64_t T = 7300000000000;
    int64_t user = make_user();
    /* five entries: two share a revoked_at (ordered by family then), one expires early */
    int64_t f[5];
    for (int i = 0; i < 5; i++) {
        f[i] = new_id();
    }
    const int64_t at[5] = {T + 1, T + 2, T + 2, T + 3, T + 4};
    const int64_t exp[5] = {T + 1000, T + 1000, T + 1000, T + 10, T + 1000};
    for (int i = 0; i < 5; i++) {
        OK(store_session_revoke(S, f[i], user, at[i], exp[i], NULL));
    }

    /* pages of two from just before T, live at T + 100: f[3] has expired */
    int64_t cur_at = T, cur_f = 0;
    int64_t seen[8];
    size_t nseen = 0, n;
    do {
        store_revocation *rows = NULL;
        OK(store_revocations_after(S, cur_at, cur_f, T + 100, 2, A, &rows, &n));
        assert_true(n <= 2);
        for (size_t i = 0; i < n && nseen < 8; i++) {
            if (rows[i].user_id == user) {
                seen[nseen++] = rows[i].family_id;
            }
            assert_true(rows[i].revoked_at > cur_at ||
                        (rows[i].revoked_at == cur_at && rows[i].family_id > cur_f));
            cur_at = rows[i].revoked_at;
            cur_f = rows[i].family_id;
        }
    } while (n == 2);
    assert_int_equal(nseen, 4);
    assert_int_equal(seen[0], f[0]);
    assert_int_equal(seen[1], f[1]); /* ids grow: f[1] < f[2] at the same revoked_at */
    assert_int_equal(seen[2], f[2]);
    assert_int_equal(seen[3], f[4]);

    /* the limit is clamped, never zero or unbounded */
    store_revocation *rows = NULL;
    OK(store_revocations_after(S, T, 0, T + 100, 0, A, &rows, &n));
    assert_int_equal(n, 1);

    /* prune: what expired before T + 11 goes (f[3]), the rest stays */
    int deleted = 0;
    OK(store_revocations_prune(S, T + 11, &deleted));
    assert_true(deleted >= 1);
    assert_null(entry(T, 0, f[3]));
    for (int i = 0; i < 5; i++) {
        if (i != 3) {
            assert_non_null(entry(T, 0, f[i]));
        }
    }
}

void test_user_set_password(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t id = make_user();
    account_user u;
    OK(store_user_get(S, id, A, &u));
    OK(store_user_set_password(S, id, "$argon2id$new-hash", 1800000000000));
    OK(store_user_by_email(S, u.email, A, &u));
    assert_string_equal(u.password_hash, "$argon2id$new-hash");
    assert_int_equal(u.updated_at, 1800000000000);
    assert_int_equal(store_user_set_password(S, new_id(), "$x", 1), BZ_ENOTFOUND);
}
