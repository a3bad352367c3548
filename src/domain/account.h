/*
 * domain/account.h - an account (account_user) and the rules for its fields:
 * email, username, password strength, display name and bio.
 *
 * Each check returns BZ_OK or a code from base/err.h and fills a field_error
 * (may be NULL) whose reason can go straight into the 422 message. Inputs are
 * (pointer, length) pairs and need not be NUL-terminated; normalised copies go
 * to caller-provided buffers.
 */
#ifndef DOMAIN_ACCOUNT_H
#define DOMAIN_ACCOUNT_H

#include "domain/field.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ACCOUNT_EMAIL_MAX            254 /* RFC 5321 path limit */
#define ACCOUNT_USERNAME_MIN         3
#define ACCOUNT_USERNAME_MAX         32
#define ACCOUNT_PASSWORD_MIN_DEFAULT 10   /* code points; app_config.min_password_len */
#define ACCOUNT_PASSWORD_MAX_BYTES   1024 /* hashing longer inputs only invites DoS */
#define ACCOUNT_PASSWORD_EASY_BELOW  16   /* shorter passwords need two character classes */
#define ACCOUNT_DISPLAY_NAME_MAX     50   /* code points */
#define ACCOUNT_BIO_MAX              500  /* code points */

/* Check an email address and write it in lower case to `out` (ACCOUNT_EMAIL_MAX + 1 bytes).
 * Pragmatic syntax, not RFC 5322: one '@'; a local part of 1-64 printable ASCII characters
 * without spaces, quotes, '(),:;<>[\]' or leading/trailing/double dots; a domain of at least
 * two dot-separated labels of [a-z0-9-] (1-63 each, no leading/trailing '-'), the last one
 * alphabetic and 2+ letters. BZ_OK or BZ_EVALIDATION (field "email"). */
int account_email_normalize(const char *s, size_t len, char out[ACCOUNT_EMAIL_MAX + 1],
                            field_error *err);

/* Check a username and write it in lower case to `out` (ACCOUNT_USERNAME_MAX + 1 bytes):
 * 3-32 characters of [a-z0-9_.] after lower-casing ASCII letters, not starting or ending with
 * '.', no "..", and not reserved (admin, api, support, blytz..., see account.c).
 * BZ_OK or BZ_EVALIDATION (field "username"). */
int account_username_normalize(const char *s, size_t len, char out[ACCOUNT_USERNAME_MAX + 1],
                               field_error *err);

/* True if `name` (already lower case) is reserved for the platform. */
bool account_username_reserved(const char *name, size_t len);

/* Password strength: valid UTF-8, at most ACCOUNT_PASSWORD_MAX_BYTES (else BZ_EVALIDATION);
 * at least `min_len` code points; below ACCOUNT_PASSWORD_EASY_BELOW code points it must mix
 * two of lower case, upper case, digits and other characters; at least 4 distinct characters;
 * not the email, its local part or the username (ignoring case); not one of the most common
 * passwords. BZ_OK or BZ_EWEAKPASSWORD (field "password", reason says which rule).
 * `email` and `username` are C strings or NULL. */
int account_password_check(const char *pw, size_t len, int min_len, const char *email,
                           const char *username, field_error *err);

/* Display name: valid UTF-8, 1-ACCOUNT_DISPLAY_NAME_MAX code points, no control characters,
 * not only spaces, no leading/trailing space. BZ_OK or BZ_EVALIDATION ("display_name"). */
int account_display_name_check(const char *s, size_t len, field_error *err);

/* Bio: valid UTF-8, at most ACCOUNT_BIO_MAX code points, no control characters except
 * newline and tab. Empty is fine. BZ_OK or BZ_EVALIDATION ("bio"). */
int account_bio_check(const char *s, size_t len, field_error *err);

/* A user account. Plain data, as every model type of the domain: ids are int64, times UTC ms,
 * and the strings are borrowed (from a store read: the caller's arena). */
typedef struct account_user {
    int64_t id;
    const char *email;         /* stored lower-cased; unique */
    const char *username;      /* unique, case-insensitively */
    const char *display_name;  /* may be "" */
    const char *bio;           /* may be "" */
    const char *password_hash; /* PHC string; filled only by a read by email */
    int64_t avatar_image_id;   /* 0 = none */
    bool is_seller;
    int64_t created_at;
    int64_t updated_at;
    bool show_win_name; /* may later visitors see this user's name on lots they won */
} account_user;

#endif
