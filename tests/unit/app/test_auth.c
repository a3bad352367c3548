/* Unit tests for app/auth: registration, login, refresh rotation and reuse detection,
 * logout, access-token verification - against the real SQLite and crypto adapters. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>

#include "app/auth.h"
#include "base/err.h"
#include "fixture.h"

#define PW "correct horse battery"

static app_session reg(fixture *f, const char *email, const char *username)
{
    app_session s;
    assert_int_equal(app_auth_register(&f->ctx, email, username, PW, &s), BZ_OK);
    return s;
}

static void register_creates_user_and_tokens(void **state)
{
    fixture *f = *state;
    app_session s = reg(f, "Aminah@Example.MY", "Aminah");
    assert_true(s.user.id > 0);
    assert_string_equal(s.user.email, "aminah@example.my");
    assert_string_equal(s.user.username, "aminah");
    assert_null(s.user.password_hash);
    assert_non_null(s.access_token);
    assert_int_equal(strlen(s.refresh_token), CRYPTO_REFRESH_LEN);
    assert_int_equal(s.access_expires_at, FIX_NOW + f->env.cfg.access_ttl_ms);
    int64_t uid = 0;
    assert_int_equal(app_auth_verify(&f->ctx, s.access_token, &uid), BZ_OK);
    assert_int_equal(uid, s.user.id);
}

static void register_refuses_duplicates_and_bad_fields(void **state)
{
    fixture *f = *state;
    app_session s;
    reg(f, "a@example.my", "alpha");
    assert_int_equal(app_auth_register(&f->ctx, "A@EXAMPLE.MY", "other", PW, &s), BZ_EEMAILTAKEN);
    assert_string_equal(f->ctx.err.field, "email");
    assert_int_equal(app_auth_register(&f->ctx, "b@example.my", "ALPHA", PW, &s),
                     BZ_EUSERNAMETAKEN);
    assert_int_equal(app_auth_register(&f->ctx, "nope", "beta", PW, &s), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "email");
    assert_int_equal(app_auth_register(&f->ctx, "c@example.my", "x", PW, &s), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "username");
    assert_int_equal(app_auth_register(&f->ctx, "c@example.my", "gamma", "short", &s),
                     BZ_EWEAKPASSWORD);
    assert_string_equal(f->ctx.err.field, "password");
    assert_true(strlen(f->ctx.err.message) > 0);
    assert_int_equal(app_auth_register(&f->ctx, NULL, "gamma", PW, &s), BZ_EVALIDATION);
}

static void login_checks_password_and_hides_unknown_emails(void **state)
{
    fixture *f = *state;
    app_session s = reg(f, "b@example.my", "bravo"), l;
    assert_int_equal(app_auth_login(&f->ctx, "B@example.my", PW, &l), BZ_OK);
    assert_int_equal(l.user.id, s.user.id);
    assert_null(l.user.password_hash);
    assert_int_equal(app_auth_login(&f->ctx, "b@example.my", "wrong password!", &l),
                     BZ_EBADCREDENTIALS);
    assert_int_equal(app_auth_login(&f->ctx, "nobody@example.my", PW, &l), BZ_EBADCREDENTIALS);
    assert_int_equal(app_auth_login(&f->ctx, NULL, PW, &l), BZ_EBADCREDENTIALS);
}

static void refresh_rotates_within_the_family(void **state)
{
    fixture *f = *state;
    app_session s = reg(f, "c@example.my", "charlie"), r1, r2;
    f->ctx.now += 1000;
    assert_int_equal(app_auth_refresh(&f->ctx, s.refresh_token, &r1), BZ_OK);
    assert_string_not_equal(r1.refresh_token, s.refresh_token);
    assert_int_equal(r1.user.id, s.user.id);
    assert_int_equal(app_auth_refresh(&f->ctx, r1.refresh_token, &r2), BZ_OK);
    assert_string_not_equal(r2.refresh_token, r1.refresh_token);
}

static void reused_refresh_token_revokes_the_family(void **state)
{
    fixture *f = *state;
    app_session s = reg(f, "d@example.my", "delta"), r1, r2, other;
    app_session login2;
    assert_int_equal(app_auth_login(&f->ctx, "d@example.my", PW, &login2), BZ_OK);
    assert_int_equal(app_auth_refresh(&f->ctx, s.refresh_token, &r1), BZ_OK);
    /* An attacker replays the original token: reuse is detected... */
    assert_int_equal(app_auth_refresh(&f->ctx, s.refresh_token, &r2), BZ_ETOKENREUSED);
    /* ...and the legitimate successor dies with it. */
    assert_int_equal(app_auth_refresh(&f->ctx, r1.refresh_token, &r2), BZ_ETOKENREUSED);
    /* Another session (another family) of the same user is untouched. */
    assert_int_equal(app_auth_refresh(&f->ctx, login2.refresh_token, &other), BZ_OK);
}

static void refresh_rejects_unknown_and_expired_tokens(void **state)
{
    fixture *f = *state;
    app_session s = reg(f, "e@example.my", "echo"), r;
    assert_int_equal(app_auth_refresh(&f->ctx, "not-a-token", &r), BZ_EUNAUTHORIZED);
    assert_int_equal(app_auth_refresh(&f->ctx, "", &r), BZ_EVALIDATION);
    f->ctx.now += f->env.cfg.refresh_ttl_ms + 1;
    assert_int_equal(app_auth_refresh(&f->ctx, s.refresh_token, &r), BZ_ETOKENEXPIRED);
}

static void logout_revokes_and_never_leaks(void **state)
{
    fixture *f = *state;
    app_session s = reg(f, "f@example.my", "foxtrot"), r1, r;
    assert_int_equal(app_auth_refresh(&f->ctx, s.refresh_token, &r1), BZ_OK);
    assert_int_equal(app_auth_logout(&f->ctx, r1.refresh_token), BZ_OK);
    assert_int_equal(app_auth_logout(&f->ctx, r1.refresh_token), BZ_OK);
    assert_int_equal(app_auth_logout(&f->ctx, "never-issued"), BZ_OK);
    assert_int_equal(app_auth_logout(&f->ctx, NULL), BZ_OK);
    assert_int_not_equal(app_auth_refresh(&f->ctx, r1.refresh_token, &r), BZ_OK);
}

static void access_token_expires(void **state)
{
    fixture *f = *state;
    app_session s = reg(f, "g@example.my", "golf");
    int64_t uid = 0;
    assert_int_equal(app_auth_verify(&f->ctx, "garbage", &uid), BZ_EUNAUTHORIZED);
    assert_int_equal(app_auth_verify(&f->ctx, NULL, &uid), BZ_EUNAUTHORIZED);
    f->ctx.now += f->env.cfg.access_ttl_ms + 60000;
    assert_int_equal(app_auth_verify(&f->ctx, s.access_token, &uid), BZ_ETOKENEXPIRED);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
UNIT_MAIN(T(register_creates_user_and_tokens), T(register_refuses_duplicates_and_bad_fields),
          T(login_checks_password_and_hides_unknown_emails), T(refresh_rotates_within_the_family),
          T(reused_refresh_token_revokes_the_family), T(refresh_rejects_unknown_and_expired_tokens),
          T(logout_revokes_and_never_leaks), T(access_token_expires))
