/*
 * integrations/ninjavan/nv_read.c - NinjaVan's answers read (see nv_read.h).
 */
#include "integrations/ninjavan/nv_read.h"

#include "base/str.h"

#include <jansson.h>

#include <ctype.h>
#include <string.h>

static bool tracking_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

bool nv_tracking_ok(const char *s)
{
    size_t n = s ? strnlen(s, SHIPPER_TRACKING_MAX) : 0;
    if (n == 0 || n >= SHIPPER_TRACKING_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!tracking_char(s[i])) {
            return false;
        }
    }
    return true;
}

bool nv_requested_ok(const char *s)
{
    size_t n = s ? strnlen(s, 21) : 0;
    if (n == 0 || n > 20 || !nv_tracking_ok(s) || s[0] == '-' || s[n - 1] == '-') {
        return false;
    }
    return strstr(s, "--") == NULL;
}

void nv_copy_text(char *out, size_t size, const char *s, size_t n)
{
    if (size == 0) {
        return;
    }
    if (n >= size) { /* cut before the character that would not fit whole */
        n = size - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) {
            n--;
        }
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
    }
    out[n] = '\0';
}

static json_t *load(const char *body, size_t len)
{
    return json_loadb(body ? body : "", len, JSON_REJECT_DUPLICATES, NULL);
}

/* obj[key] as a positive integer (a JSON integer, or a real with no fraction); 0 otherwise. */
static int64_t positive(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (json_is_integer(v) && json_integer_value(v) > 0) {
        return (int64_t)json_integer_value(v);
    }
    if (json_is_real(v) && json_real_value(v) >= 1 && json_real_value(v) < 1e15) {
        return (int64_t)json_real_value(v);
    }
    return 0;
}

bool nv_read_token(const char *body, size_t len, int64_t now_ms, char *token, size_t size,
                   int64_t *expires_ms)
{
    token[0] = '\0';
    *expires_ms = 0;
    json_t *root = load(body, len);
    json_t *t = json_object_get(root, "access_token");
    const char *s = json_string_value(t);
    size_t n = s ? json_string_length(t) : 0;
    bool ok = s && n > 0 && n < size && strlen(s) == n;
    for (size_t i = 0; ok && i < n; i++) {
        ok = s[i] > 0x20 && s[i] < 0x7f; /* printable ASCII, no space: it goes in a header */
    }
    int64_t expires = positive(root, "expires"), expires_in = positive(root, "expires_in");
    int64_t at = 0;
    if (expires > 0 && expires < INT64_MAX / 1000) {
        at = expires * 1000;
    }
    if (expires_in > 0 && expires_in < INT64_MAX / 2000 && now_ms < INT64_MAX / 2) {
        int64_t rel = now_ms + expires_in * 1000;
        at = at == 0 || rel < at ? rel : at;
    }
    ok = ok && at > 0;
    if (ok) {
        memcpy(token, s, n + 1);
        *expires_ms = at;
    }
    json_decref(root);
    return ok;
}

static void text_of(const json_t *obj, const char *key, char *out, size_t size)
{
    json_t *v = json_object_get(obj, key);
    if (json_is_string(v)) {
        nv_copy_text(out, size, json_string_value(v), json_string_length(v));
    }
}

void nv_read_error(const char *body, size_t len, shipper_note *note)
{
    note->title[0] = note->message[0] = '\0';
    json_t *root = load(body, len);
    json_t *e = json_object_get(root, "error");
    if (json_is_object(e)) {
        text_of(e, "title", note->title, sizeof(note->title));
        text_of(e, "message", note->message, sizeof(note->message));
    } else {
        text_of(root, "message", note->message, sizeof(note->message));
    }
    json_decref(root);
}

bool nv_read_created(const char *body, size_t len, char tracking[SHIPPER_TRACKING_MAX])
{
    tracking[0] = '\0';
    json_t *root = load(body, len);
    json_t *t = json_object_get(root, "tracking_number");
    const char *s = json_string_value(t);
    bool ok = s && json_string_length(t) == strlen(s) && nv_tracking_ok(s);
    if (ok) {
        bz_strlcpy(tracking, s, SHIPPER_TRACKING_MAX);
    }
    json_decref(root);
    return ok;
}

/* Whether `needle` (lower case) is in the `n` bytes of `s`, ignoring case. */
static bool contains_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; k <= n && i <= n - k; i++) {
        size_t j = 0;
        while (j < k && tolower((unsigned char)s[i + j]) == needle[j]) {
            j++;
        }
        if (j == k) {
            return true;
        }
    }
    return false;
}

/* The title and the message of an error body, or false when it has neither. */
static bool error_texts(json_t *root, const char **title, size_t *tlen, const char **msg,
                        size_t *mlen)
{
    json_t *e = json_object_get(root, "error");
    json_t *t = json_object_get(e, "title"), *m = json_object_get(e, "message");
    *title = json_is_string(t) ? json_string_value(t) : "";
    *tlen = json_is_string(t) ? json_string_length(t) : 0;
    *msg = json_is_string(m) ? json_string_value(m) : "";
    *mlen = json_is_string(m) ? json_string_length(m) : 0;
    return *tlen || *mlen;
}

/* Whether the word w[0..n) is a tracking number made of a prefix and `requested`, ignoring
 * case. */
static bool ends_with_requested(const char *w, size_t n, const char *requested)
{
    size_t r = strlen(requested);
    if (n <= r || n >= SHIPPER_TRACKING_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!tracking_char(w[i])) {
            return false;
        }
    }
    return bz_strn_ieq(w + n - r, r, requested);
}

/* The first word of s[0..n) (split on anything not a tracking character) that is a prefix
 * and `requested`, into `out`. */
static bool word_ending(const char *s, size_t n, const char *requested,
                        char out[SHIPPER_TRACKING_MAX])
{
    size_t i = 0;
    while (i < n) {
        while (i < n && !tracking_char(s[i])) {
            i++;
        }
        size_t start = i;
        while (i < n && tracking_char(s[i])) {
            i++;
        }
        if (i > start && ends_with_requested(s + start, i - start, requested)) {
            memcpy(out, s + start, i - start);
            out[i - start] = '\0';
            return true;
        }
    }
    return false;
}

bool nv_read_exists(const char *body, size_t len, const char *requested,
                    char tracking[SHIPPER_TRACKING_MAX])
{
    tracking[0] = '\0';
    if (!nv_requested_ok(requested)) {
        return false;
    }
    json_t *root = load(body, len);
    const char *title, *msg;
    size_t tlen, mlen;
    bool exists =
        error_texts(root, &title, &tlen, &msg, &mlen) &&
        (contains_ci(title, tlen, "already exist") || contains_ci(msg, mlen, "already exist"));
    if (exists) {
        json_t *details = json_object_get(json_object_get(root, "error"), "details");
        const char *key;
        json_t *v;
        bool found = false;
        json_object_foreach(details, key, v)
        {
            if (!found && json_is_string(v)) {
                found =
                    word_ending(json_string_value(v), json_string_length(v), requested, tracking);
            }
        }
        if (!found && !word_ending(msg, mlen, requested, tracking)) {
            bz_strlcpy(tracking, requested, SHIPPER_TRACKING_MAX);
        }
    }
    json_decref(root);
    return exists;
}

bool nv_read_cancelled_already(const char *body, size_t len)
{
    json_t *root = load(body, len);
    const char *title, *msg;
    size_t tlen, mlen;
    /* "already cancelled", "already been cancelled": not a refusal that merely says both
     * words ("cannot be cancelled: already picked up") */
    bool yes =
        error_texts(root, &title, &tlen, &msg, &mlen) &&
        (contains_ci(title, tlen, "already cancel") ||
         contains_ci(title, tlen, "already been cancel") ||
         contains_ci(msg, mlen, "already cancel") || contains_ci(msg, mlen, "already been cancel"));
    json_decref(root);
    return yes;
}
