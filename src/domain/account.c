/* domain/account.c - email, username, password, display name and bio rules. */
#include "domain/account.h"

#include "base/err.h"
#include "base/str.h"
#include "domain/text.h"

#include <string.h>
#include <strings.h>

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* ---- email ---------------------------------------------------------------------------- */

static bool local_char_ok(char c)
{
    if (c <= ' ' || c >= 0x7f) {
        return false;
    }
    return !strchr("\"(),:;<>[\\]@", c);
}

static bool domain_ok(const char *d, size_t len)
{
    size_t labels = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && d[i] != '.') {
            if (!is_alnum(d[i]) && d[i] != '-') {
                return false;
            }
            continue;
        }
        size_t n = i - start;
        if (n == 0 || n > 63 || d[start] == '-' || d[i - 1] == '-') {
            return false;
        }
        labels++;
        if (i == len) { /* top-level label: letters only, 2+ */
            if (n < 2) {
                return false;
            }
            for (size_t k = start; k < i; k++) {
                if (!(d[k] >= 'a' && d[k] <= 'z')) {
                    return false;
                }
            }
        }
        start = i + 1;
    }
    return labels >= 2;
}

int account_email_normalize(const char *s, size_t len, char out[ACCOUNT_EMAIL_MAX + 1],
                            field_error *err)
{
    out[0] = '\0';
    if (len == 0) {
        return field_fail(err, BZ_EVALIDATION, "email", "Email is required");
    }
    if (len > ACCOUNT_EMAIL_MAX) {
        return field_fail(err, BZ_EVALIDATION, "email", "Email is too long");
    }
    const char *at = memchr(s, '@', len);
    if (!at || memchr(at + 1, '@', len - (size_t)(at + 1 - s))) {
        return field_fail(err, BZ_EVALIDATION, "email", "Email must contain one @");
    }
    size_t local_len = (size_t)(at - s);
    char buf[ACCOUNT_EMAIL_MAX + 1];
    for (size_t i = 0; i < len; i++) {
        buf[i] = lower(s[i]);
    }
    buf[len] = '\0';
    const char *local = buf, *domain = buf + local_len + 1;
    size_t domain_len = len - local_len - 1;
    if (local_len == 0 || local_len > 64 || local[0] == '.' || local[local_len - 1] == '.' ||
        memmem(local, local_len, "..", 2)) {
        return field_fail(err, BZ_EVALIDATION, "email", "Email address is not valid");
    }
    for (size_t i = 0; i < local_len; i++) {
        if (!local_char_ok(local[i])) {
            return field_fail(err, BZ_EVALIDATION, "email", "Email address is not valid");
        }
    }
    if (!domain_ok(domain, domain_len)) {
        return field_fail(err, BZ_EVALIDATION, "email", "Email domain is not valid");
    }
    memcpy(out, buf, len + 1);
    return BZ_OK;
}

/* ---- username ------------------------------------------------------------------------- */

/* Names that would let someone pose as staff or collide with routes. "blytz" is refused as a
 * prefix too ("blytz_official"). */
static const char *const reserved_names[] = {
    "admin",     "administrator", "api",      "support",  "help",      "root",    "system",
    "staff",     "moderator",     "mod",      "official", "security",  "billing", "payments",
    "payment",   "www",           "mail",     "null",     "undefined", "me",      "settings",
    "login",     "logout",        "register", "signup",   "auth",      "static",  "assets",
    "seller",    "sellers",       "webhooks", "healthz",  "readyz",    "metrics", "socket.io",
    "anonymous", "everyone",      "here",
};

bool account_username_reserved(const char *name, size_t len)
{
    if (len >= 5 && memcmp(name, "blytz", 5) == 0) {
        return true;
    }
    for (size_t i = 0; i < sizeof reserved_names / sizeof reserved_names[0]; i++) {
        if (strlen(reserved_names[i]) == len && memcmp(reserved_names[i], name, len) == 0) {
            return true;
        }
    }
    return false;
}

int account_username_normalize(const char *s, size_t len, char out[ACCOUNT_USERNAME_MAX + 1],
                               field_error *err)
{
    out[0] = '\0';
    if (len < ACCOUNT_USERNAME_MIN || len > ACCOUNT_USERNAME_MAX) {
        return field_fail(err, BZ_EVALIDATION, "username",
                          "Username must be 3 to 32 characters long");
    }
    char buf[ACCOUNT_USERNAME_MAX + 1];
    for (size_t i = 0; i < len; i++) {
        char c = lower(s[i]);
        if (!is_alnum(c) && c != '_' && c != '.') {
            return field_fail(err, BZ_EVALIDATION, "username",
                              "Username may contain only letters, digits, '_' and '.'");
        }
        buf[i] = c;
    }
    buf[len] = '\0';
    if (buf[0] == '.' || buf[len - 1] == '.' || strstr(buf, "..")) {
        return field_fail(err, BZ_EVALIDATION, "username",
                          "Username cannot start or end with '.' or contain '..'");
    }
    if (account_username_reserved(buf, len)) {
        return field_fail(err, BZ_EVALIDATION, "username", "This username is reserved");
    }
    memcpy(out, buf, len + 1);
    return BZ_OK;
}

/* ---- password ------------------------------------------------------------------------- */

/* The most common leaked passwords long enough to pass the length rule (lower case; compared
 * ignoring case). Short ones are caught by the length rule already. */
static const char *const common_passwords[] = {
    "1234567890",   "12345678910",   "123456789a",   "a123456789",   "0123456789",   "0987654321",
    "1111111111",   "password1",     "password12",   "password123",  "password1234", "password!",
    "password1!",   "passw0rd123",   "p@ssw0rd123",  "qwertyuiop",   "qwerty12345",  "qwerty123456",
    "1q2w3e4r5t",   "1qaz2wsx3edc",  "zaq12wsxcde3", "asdfghjkl1",   "asdfghjkl;",   "zxcvbnm123",
    "iloveyou12",   "iloveyou123",   "abcd123456",   "abc1234567",   "abcdefghij",   "abcdefg123",
    "123abc123abc", "1234qwerasdf",  "qwer1234asdf", "letmein123",   "welcome123",   "welcome@123",
    "admin12345",   "administrator", "changeme123",  "football123",  "monkey12345",  "sunshine123",
    "princess123",  "dragon12345",   "baseball123",  "superman123",  "trustno1234",  "starwars123",
    "whatever123",  "computer123",   "malaysia123",  "malaysia1234", "sayang12345",  "sayangku123",
    "kualalumpur",  "blytz12345",    "blytz123456",  "password2024", "password2025", "password2026",
};

static bool ieq(const char *a, size_t alen, const char *b)
{
    return b && bz_strn_ieq(a, alen, b);
}

int account_password_check(const char *pw, size_t len, int min_len, const char *email,
                           const char *username, field_error *err)
{
    if (len > ACCOUNT_PASSWORD_MAX_BYTES) {
        return field_fail(err, BZ_EVALIDATION, "password", "Password is too long");
    }
    /* Passwords may contain any character; only NUL and broken UTF-8 are refused. */
    if (!bz_utf8_valid(pw, len)) {
        return field_fail(err, BZ_EVALIDATION, "password", "Password must be valid UTF-8 text");
    }
    size_t code_points = bz_utf8_len(pw, len);
    if (min_len < 1) {
        min_len = ACCOUNT_PASSWORD_MIN_DEFAULT;
    }
    if (code_points < (size_t)min_len) {
        return field_fail(err, BZ_EWEAKPASSWORD, "password", "Password is too short");
    }

    /* Non-ASCII characters (Chinese, Tamil, Jawi...) come from alphabets of thousands, so a
     * password using them is exempt from the "mix two classes" rule. */
    bool lower_c = false, upper_c = false, digit_c = false, other_c = false, non_ascii = false;
    unsigned char seen[256] = {0};
    size_t distinct = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)pw[i];
        if (c >= 'a' && c <= 'z') {
            lower_c = true;
        } else if (c >= 'A' && c <= 'Z') {
            upper_c = true;
        } else if (c >= '0' && c <= '9') {
            digit_c = true;
        } else {
            other_c = true;
        }
        if (c >= 0x80) {
            non_ascii = true;
        }
        if (!seen[c]++) {
            distinct++;
        }
    }
    int classes = lower_c + upper_c + digit_c + other_c;
    if (code_points < ACCOUNT_PASSWORD_EASY_BELOW && classes < 2 && !non_ascii) {
        return field_fail(err, BZ_EWEAKPASSWORD, "password",
                          "Use a mix of letters, digits or symbols, or a longer passphrase");
    }
    if (distinct < 4) {
        return field_fail(err, BZ_EWEAKPASSWORD, "password", "Password is too repetitive");
    }

    if (ieq(pw, len, email) || ieq(pw, len, username)) {
        return field_fail(err, BZ_EWEAKPASSWORD, "password",
                          "Password must not be your email or username");
    }
    if (email) {
        const char *at = strchr(email, '@');
        if (at && (size_t)(at - email) == len && strncasecmp(email, pw, len) == 0) {
            return field_fail(err, BZ_EWEAKPASSWORD, "password",
                              "Password must not be your email or username");
        }
    }
    for (size_t i = 0; i < sizeof common_passwords / sizeof common_passwords[0]; i++) {
        if (bz_strn_ieq(pw, len, common_passwords[i])) {
            return field_fail(err, BZ_EWEAKPASSWORD, "password",
                              "This password is too common; choose another");
        }
    }
    return BZ_OK;
}

/* ---- profile text --------------------------------------------------------------------- */

int account_display_name_check(const char *s, size_t len, field_error *err)
{
    size_t cp = 0;
    if (!text_ok(s, len, NULL, &cp)) {
        return field_fail(err, BZ_EVALIDATION, "display_name",
                          "Display name contains invalid characters");
    }
    if (text_blank(s, len)) {
        return field_fail(err, BZ_EVALIDATION, "display_name", "Display name is required");
    }
    if (!text_trimmed(s, len)) {
        return field_fail(err, BZ_EVALIDATION, "display_name",
                          "Display name cannot start or end with a space");
    }
    if (cp > ACCOUNT_DISPLAY_NAME_MAX) {
        return field_fail(err, BZ_EVALIDATION, "display_name",
                          "Display name must be at most 50 characters");
    }
    return BZ_OK;
}

int account_bio_check(const char *s, size_t len, field_error *err)
{
    size_t cp = 0;
    if (!text_ok(s, len, "\n\t", &cp)) {
        return field_fail(err, BZ_EVALIDATION, "bio", "Bio contains invalid characters");
    }
    if (cp > ACCOUNT_BIO_MAX) {
        return field_fail(err, BZ_EVALIDATION, "bio", "Bio must be at most 500 characters");
    }
    return BZ_OK;
}
