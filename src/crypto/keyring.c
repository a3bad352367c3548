/*
 * crypto/keyring.c - parsing key-ring strings and keeping a generated key in
 * a file. Reasons written to `why` never include secret bytes.
 */
#include "crypto/crypto_private.h"

#include "base/err.h"
#include "base/rand.h"
#include "base/str.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEYRING_FILE_MAX 4096

int crypto_fail(char *why, size_t why_len, int code, const char *fmt, ...)
{
    if (why && why_len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, why_len, fmt, ap);
        va_end(ap);
    }
    return code;
}

void crypto_why_clear(char *why, size_t why_len)
{
    if (why && why_len) {
        why[0] = '\0';
    }
}

bool crypto_kid_valid(const char *kid, size_t len)
{
    if (len == 0 || len >= CRYPTO_KID_MAX) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        char ch = kid[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

void crypto_trim(const char **s, size_t *len)
{
    while (*len && is_space(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && is_space((*s)[*len - 1])) {
        (*len)--;
    }
}

/* Operators paste secrets from many tools: accept both base64 alphabets, padded or not. */
int crypto_base64_decode(const char *b64, size_t len, unsigned char *out, size_t out_max,
                         size_t *out_len)
{
    static const int variants[] = {
        sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
        sodium_base64_VARIANT_URLSAFE, sodium_base64_VARIANT_URLSAFE_NO_PADDING};
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        const char *end = NULL;
        if (sodium_base642bin(out, out_max, b64, len, NULL, out_len, &end, variants[i]) == 0 &&
            end == b64 + len) {
            return BZ_OK;
        }
    }
    return BZ_EVALIDATION;
}

static int parse_entry(const char *s, size_t len, size_t index, crypto_key *key, char *why,
                       size_t why_len)
{
    const char *colon = memchr(s, ':', len);
    if (!colon) {
        return crypto_fail(why, why_len, BZ_EVALIDATION, "key %zu: expected kid:base64secret",
                           index + 1);
    }
    size_t kid_len = (size_t)(colon - s);
    const char *kid = s;
    crypto_trim(&kid, &kid_len);
    if (!crypto_kid_valid(kid, kid_len)) {
        return crypto_fail(why, why_len, BZ_EVALIDATION,
                           "key %zu: kid must be 1-%d characters of A-Z a-z 0-9 . _ -", index + 1,
                           CRYPTO_KID_MAX - 1);
    }
    memcpy(key->kid, kid, kid_len);
    key->kid[kid_len] = '\0';

    const char *b64 = colon + 1;
    size_t b64_len = (size_t)(s + len - b64);
    crypto_trim(&b64, &b64_len);
    /* Decode into a scratch buffer one byte larger than allowed, to tell "too long" apart. */
    unsigned char scratch[CRYPTO_SECRET_MAX + 1];
    size_t n = 0;
    int rc = crypto_base64_decode(b64, b64_len, scratch, sizeof scratch, &n);
    if (rc != BZ_OK) {
        sodium_memzero(scratch, sizeof scratch);
        return crypto_fail(why, why_len, BZ_EVALIDATION, "key %s: secret is not valid base64",
                           key->kid);
    }
    if (n < CRYPTO_SECRET_MIN || n > CRYPTO_SECRET_MAX) {
        sodium_memzero(scratch, sizeof scratch);
        return crypto_fail(why, why_len, BZ_EVALIDATION,
                           "key %s: secret must decode to %d-%d bytes", key->kid, CRYPTO_SECRET_MIN,
                           CRYPTO_SECRET_MAX);
    }
    memcpy(key->secret, scratch, n);
    key->secret_len = n;
    sodium_memzero(scratch, sizeof scratch);
    return BZ_OK;
}

int crypto_keyring_parse(const char *spec, crypto_keyring *out, char *why, size_t why_len)
{
    memset(out, 0, sizeof *out);
    crypto_why_clear(why, why_len);
    if (!spec) {
        return crypto_fail(why, why_len, BZ_EVALIDATION, "key ring is empty");
    }
    size_t total = strlen(spec);
    const char *all = spec;
    crypto_trim(&all, &total);
    if (total == 0) {
        return crypto_fail(why, why_len, BZ_EVALIDATION, "key ring is empty");
    }

    if (!memchr(all, ':', total)) {
        /* A bare secret: its bytes are the key. */
        if (total < CRYPTO_SECRET_MIN || total > CRYPTO_SECRET_MAX) {
            return crypto_fail(why, why_len, BZ_EVALIDATION,
                               "a bare secret must be %d-%d bytes (or use kid:base64secret)",
                               CRYPTO_SECRET_MIN, CRYPTO_SECRET_MAX);
        }
        bz_strlcpy(out->keys[0].kid, "default", CRYPTO_KID_MAX);
        memcpy(out->keys[0].secret, all, total);
        out->keys[0].secret_len = total;
        out->count = 1;
        return BZ_OK;
    }

    const char *p = all, *end = all + total;
    while (p <= end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        const char *entry = p;
        size_t len = (size_t)(stop - p);
        crypto_trim(&entry, &len);
        int rc;
        if (len == 0) {
            rc = crypto_fail(why, why_len, BZ_EVALIDATION, "key %zu is empty", out->count + 1);
        } else if (out->count == CRYPTO_KEYS_MAX) {
            rc = crypto_fail(why, why_len, BZ_EVALIDATION, "at most %d keys", CRYPTO_KEYS_MAX);
        } else {
            rc = parse_entry(entry, len, out->count, &out->keys[out->count], why, why_len);
        }
        if (rc == BZ_OK) {
            for (size_t i = 0; i < out->count; i++) {
                if (strcmp(out->keys[i].kid, out->keys[out->count].kid) == 0) {
                    rc = crypto_fail(why, why_len, BZ_EVALIDATION, "kid %s appears twice",
                                     out->keys[i].kid);
                }
            }
        }
        if (rc != BZ_OK) {
            crypto_keyring_wipe(out);
            return rc;
        }
        out->count++;
        if (!comma) {
            break;
        }
        p = comma + 1;
    }
    return BZ_OK;
}

void crypto_keyring_wipe(crypto_keyring *ring)
{
    if (ring) {
        sodium_memzero(ring, sizeof *ring);
    }
}

static int create_key_file(const char *path, char *why, size_t why_len)
{
    unsigned char secret[32];
    unsigned char tag[4];
    char tag_hex[9];
    char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
    char line[sizeof b64 + 16];

    bz_random_bytes(secret, sizeof secret);
    bz_random_bytes(tag, sizeof tag);
    bz_hex_encode(tag, sizeof tag, tag_hex);
    sodium_bin2base64(b64, sizeof b64, secret, sizeof secret, sodium_base64_VARIANT_ORIGINAL);
    int n = snprintf(line, sizeof line, "k%s:%s\n", tag_hex, b64);
    sodium_memzero(secret, sizeof secret);
    sodium_memzero(b64, sizeof b64);

    /* Write a private temporary file, then link() it into place: link fails with EEXIST
     * instead of replacing, so the key file appears complete or not at all, and when two
     * processes start together exactly one key wins and both read it. */
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp-%d-%s", path, (int)getpid(), tag_hex) >=
        (int)sizeof tmp) {
        sodium_memzero(line, sizeof line);
        return crypto_fail(why, why_len, BZ_EINTERNAL, "key file path is too long");
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        sodium_memzero(line, sizeof line);
        return crypto_fail(why, why_len, BZ_EINTERNAL, "cannot create %s: %s", tmp,
                           strerror(errno));
    }
    ssize_t w = write(fd, line, (size_t)n);
    int sync_rc = fsync(fd);
    int close_rc = close(fd);
    sodium_memzero(line, sizeof line);
    int rc = BZ_OK;
    if (w != n || sync_rc != 0 || close_rc != 0) {
        rc = crypto_fail(why, why_len, BZ_EINTERNAL, "cannot write %s", tmp);
    } else if (link(tmp, path) != 0 && errno != EEXIST) {
        rc = crypto_fail(why, why_len, BZ_EINTERNAL, "cannot create %s: %s", path, strerror(errno));
    }
    unlink(tmp);
    return rc;
}

int crypto_keyring_load_with(const char *path, crypto_keyring *out, char *why, size_t why_len,
                             int (*parse)(const char *, crypto_keyring *, char *, size_t))
{
    memset(out, 0, sizeof *out);
    crypto_why_clear(why, why_len);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        int rc = create_key_file(path, why, why_len);
        if (rc != BZ_OK) {
            return rc;
        }
        fd = open(path, O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0) {
        return crypto_fail(why, why_len, BZ_EINTERNAL, "cannot open %s: %s", path, strerror(errno));
    }

    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return crypto_fail(why, why_len, BZ_EVALIDATION, "%s is not a regular file", path);
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        close(fd);
        return crypto_fail(why, why_len, BZ_EVALIDATION,
                           "%s must not be accessible by group or others "
                           "(chmod 600)",
                           path);
    }
    char text[KEYRING_FILE_MAX + 1];
    size_t len = 0;
    for (;;) {
        ssize_t r = read(fd, text + len, sizeof text - 1 - len);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r < 0) {
            close(fd);
            sodium_memzero(text, sizeof text);
            return crypto_fail(why, why_len, BZ_EINTERNAL, "cannot read %s", path);
        }
        if (r == 0) {
            break;
        }
        len += (size_t)r;
        if (len == sizeof text - 1) {
            break;
        }
    }
    close(fd);
    text[len] = '\0';
    int rc = len == KEYRING_FILE_MAX
                 ? crypto_fail(why, why_len, BZ_EVALIDATION, "%s is too large", path)
                 : parse(text, out, why, why_len);
    sodium_memzero(text, sizeof text);
    return rc;
}

int crypto_keyring_load_or_create(const char *path, crypto_keyring *out, char *why, size_t why_len)
{
    return crypto_keyring_load_with(path, out, why, why_len, crypto_keyring_parse);
}

const crypto_key *crypto_keyring_find(const crypto_keyring *ring, const char *kid)
{
    for (size_t i = 0; i < ring->count; i++) {
        if (strcmp(ring->keys[i].kid, kid) == 0) {
            return &ring->keys[i];
        }
    }
    return NULL;
}
