/* Unit tests for domain/account.h and domain/text.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>

#include "base/err.h"
#include "domain/account.h"
#include "domain/text.h"
#include "text_checks.h"

typedef int (*normalizer)(const char *s, size_t len, char *out, field_error *err);

/* Runs one normalizer; a refusal must name `field` and give a reason. */
static int normalized(normalizer fn, const char *field, const char *in, char *out)
{
    field_error err = {0};
    int rc = fn(in, strlen(in), out, &err);
    if (rc != BZ_OK) {
        assert_string_equal(err.field, field);
        assert_true(strlen(err.reason) > 0);
    }
    return rc;
}

/* Emails and usernames are accepted and lower cased. */
static void valid_and_lower_cased(void **state)
{
    char out[ACCOUNT_EMAIL_MAX + 1];
    const struct {
        normalizer fn;
        const char *in, *want;
    } ok[] = {
        {account_email_normalize, "Aisyah.Binti+auction@Example.COM.my",
         "aisyah.binti+auction@example.com.my"},
        {account_email_normalize, "a@b.co", "a@b.co"},
        {account_email_normalize, "o'neil_99@mail-server.example.org",
         "o'neil_99@mail-server.example.org"},
        {account_email_normalize, "x@xn--80ak6aa92e.com", "x@xn--80ak6aa92e.com"},
        {account_username_normalize, "Ali_Baba.88", "ali_baba.88"},
        {account_username_normalize, "abc", "abc"},
        {account_username_normalize, "_underscore_", "_underscore_"},
        {account_username_normalize, "a2345678901234567890123456789012",
         "a2345678901234567890123456789012"},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(normalized(ok[i].fn, "", ok[i].in, out), BZ_OK);
        assert_string_equal(out, ok[i].want);
    }
}

static void email_invalid(void **state)
{
    char out[ACCOUNT_EMAIL_MAX + 1];
    const char *bad[] = {
        "",           "plain",     "@example.com", "a@",          "a@b",
        "a@b.c",      "a@@b.com",  "a@b@c.com",    ".a@b.com",    "a.@b.com",
        "a..b@c.com", "a b@c.com", "a@b..com",     "a@-b.com",    "a@b-.com",
        "a@b.c0m",    "a@.b.com",  "a@b.com.",     "\"a\"@b.com", "a@b_c.com",
        "ä@b.com",    "a@b.com\n", "a<b>@c.com",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(normalized(account_email_normalize, "email", bad[i], out), BZ_EVALIDATION);
        assert_string_equal(out, "");
    }
    /* Length: 254 total is the limit; the local part at most 64. */
    char long_email[300];
    memset(long_email, 'a', 64);
    strcpy(long_email + 64, "@");
    size_t n = strlen(long_email);
    while (n < 250) {
        strcat(long_email, "bbbbbbbbb.");
        n += 10;
    }
    strcat(long_email, "com");
    assert_true(strlen(long_email) > 254);
    assert_int_equal(normalized(account_email_normalize, "email", long_email, out), BZ_EVALIDATION);
    memset(long_email, 'a', 65);
    strcpy(long_email + 65, "@b.com");
    assert_int_equal(normalized(account_email_normalize, "email", long_email, out), BZ_EVALIDATION);
}

static void usernames_invalid(void **state)
{
    char out[ACCOUNT_USERNAME_MAX + 1];
    const char *bad[] = {"ab",
                         "a23456789012345678901234567890123",
                         ".dot",
                         "dot.",
                         "do..t",
                         "with space",
                         "dash-name",
                         "emoji😀",
                         "ünï",
                         "admin",
                         "ADMIN",
                         "api",
                         "support",
                         "blytz",
                         "blytz_official",
                         "BlytzHelp",
                         "root",
                         "socket.io"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(normalized(account_username_normalize, "username", bad[i], out),
                         BZ_EVALIDATION);
    }
    assert_true(account_username_reserved("admin", 5));
    assert_false(account_username_reserved("admins", 6));
}

static int password(const char *pw, const char *mail, const char *user, field_error *err)
{
    return account_password_check(pw, strlen(pw), ACCOUNT_PASSWORD_MIN_DEFAULT, mail, user, err);
}

static void password_strength(void **state)
{
    field_error err = {0};
    assert_int_equal(password("kucing-oren-77", "a@b.com", "ali", &err), BZ_OK);
    assert_int_equal(password("correct horse battery staple", NULL, NULL, &err), BZ_OK);
    assert_int_equal(password("alllowercaseletters", NULL, NULL, &err), BZ_OK); /* long enough */
    assert_int_equal(password("Ringgit2026", NULL, NULL, &err), BZ_OK);
    assert_int_equal(password("kata laluan ku", NULL, NULL, &err), BZ_OK);

    assert_int_equal(password("Short1!", NULL, NULL, &err), BZ_EWEAKPASSWORD);
    assert_string_equal(err.field, "password");
    assert_string_equal(err.reason, "Password is too short");
    /* Ten lower-case letters: one class and short. */
    assert_int_equal(password("abcdefghik", NULL, NULL, &err), BZ_EWEAKPASSWORD);
    assert_non_null(strstr(err.reason, "mix"));
    assert_int_equal(password("12345678901", NULL, NULL, &err), BZ_EWEAKPASSWORD);
    /* Repetitive even when long. */
    assert_int_equal(password("aaaaaaaaaaaaaaaaaaaaaaaa", NULL, NULL, &err), BZ_EWEAKPASSWORD);
    assert_int_equal(password("abababababababababab", NULL, NULL, &err), BZ_EWEAKPASSWORD);
    assert_string_equal(err.reason, "Password is too repetitive");
    /* Same as the email, its local part or the username, ignoring case. */
    assert_int_equal(password("Siti.Nur@Example.com", "siti.nur@example.com", "sitinur", &err),
                     BZ_EWEAKPASSWORD);
    assert_int_equal(password("Siti.Nur_2024", "siti.nur_2024@example.com", "x", &err),
                     BZ_EWEAKPASSWORD);
    assert_int_equal(password("Seller.Supreme9", "a@b.com", "seller.supreme9", &err),
                     BZ_EWEAKPASSWORD);
    assert_non_null(strstr(err.reason, "email or username"));
    /* Common passwords, any case. */
    assert_int_equal(password("Password123", NULL, NULL, &err), BZ_EWEAKPASSWORD);
    assert_non_null(strstr(err.reason, "common"));
    assert_int_equal(password("QWERTYUIOP", NULL, NULL, &err), BZ_EWEAKPASSWORD);
    assert_int_equal(password("malaysia123", NULL, NULL, &err), BZ_EWEAKPASSWORD);
    /* Length counts code points: ten Malay/Chinese characters pass the length rule. */
    assert_int_equal(password("密码很长的句子啊哈哈", NULL, NULL, &err), BZ_OK);
    assert_int_equal(password("密码很长的句子啊哈", NULL, NULL, &err), BZ_EWEAKPASSWORD);
    /* Encoding and size problems are validation errors. */
    assert_int_equal(password("bad\xff utf8 password", NULL, NULL, &err), BZ_EVALIDATION);
    char big[ACCOUNT_PASSWORD_MAX_BYTES + 2];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(password(big, NULL, NULL, &err), BZ_EVALIDATION);
    /* A configurable minimum. */
    assert_int_equal(account_password_check("Ab1!Ab1!Ab1!", 12, 14, NULL, NULL, &err),
                     BZ_EWEAKPASSWORD);
    assert_int_equal(account_password_check("Ab1!x", 5, 4, NULL, NULL, &err), BZ_OK);
}

static void display_name_and_bio(void **state)
{
    field_error err = {0};
    const char *ok[] = {"Siti", "陈大文", "Ah Meng 🐯", "M. Raj", "a"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(account_display_name_check(ok[i], strlen(ok[i]), &err), BZ_OK);
    }
    const char *bad[] = {"",          "   ",    " lead",      "trail ",
                         "tab\there", "bell\a", "c1\xc2\x85", "bad\xc3"};
    refuses_all(account_display_name_check, bad, sizeof bad / sizeof bad[0], "display_name");
    length_limit(account_display_name_check, "马", 50, "display_name");

    assert_int_equal(account_bio_check("", 0, &err), BZ_OK);
    const char *bio = "Jual barang antik.\nPenghantaran seluruh Malaysia.\tTQ";
    assert_int_equal(account_bio_check(bio, strlen(bio), &err), BZ_OK);
    assert_int_equal(account_bio_check("esc\x1b[31m", 8, &err), BZ_EVALIDATION);
    length_limit(account_bio_check, "b", 500, "bio");
}

static void text_helpers(void **state)
{
    size_t cp = 0;
    assert_true(text_ok("héllo", strlen("héllo"), NULL, &cp));
    assert_int_equal(cp, 5);
    assert_false(text_ok("a\nb", 3, NULL, NULL));
    assert_true(text_ok("a\nb", 3, "\n", NULL));
    assert_false(text_ok("a\0b", 3, "\n", NULL));
    assert_false(text_ok("del\x7f", 4, NULL, NULL));
    assert_true(text_ok("\xc2\xa0nbsp", 6, NULL, NULL)); /* U+00A0 is not a control */
    assert_true(text_trimmed("", 0));
    assert_false(text_trimmed(" a", 2));
    assert_true(text_blank(" \t\n", 3));
    assert_false(text_blank(" x ", 3));
}

UNIT_MAIN(cmocka_unit_test(valid_and_lower_cased), cmocka_unit_test(email_invalid),
          cmocka_unit_test(usernames_invalid), cmocka_unit_test(password_strength),
          cmocka_unit_test(display_name_and_bio), cmocka_unit_test(text_helpers))
