/* Unit tests for the key ring of src/crypto: parsing and the generated key file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"
#include "crypto/crypto_impl.h"
#include "fixture.h"

#define KEY_NODE1 "node1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
#define KEY_NEW   "k2:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="
#define NOW       1700000000000LL

static void keyring_parsing(void **state)
{
    fixture_ring_of_two(crypto_keyring_parse, KEY_NEW, KEY_NODE1, "k2", "node1");
    crypto_keyring ring;
    char why[160];
    /* URL-safe and unpadded base64 are accepted too. */
    assert_int_equal(crypto_keyring_parse("a:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", &ring,
                                          why, sizeof why),
                     BZ_OK);
    assert_int_equal(crypto_keyring_parse("a:__________________________________________8", &ring,
                                          why, sizeof why),
                     BZ_OK);
    assert_int_equal(ring.keys[0].secret[0], 0xff);
    /* A bare secret is its own bytes under kid "default". */
    assert_int_equal(
        crypto_keyring_parse("0123456789abcdef0123456789abcdef", &ring, why, sizeof why), BZ_OK);
    assert_string_equal(ring.keys[0].kid, "default");
    assert_int_equal(ring.keys[0].secret_len, 32);

    const char *bad[] = {
        "",
        "   ",
        "short-bare-secret",
        "k1:AAEC", /* 3 bytes */
        "k1:not*base64*at*all*not*base64*at*all*xxxxxxxx",
        ":AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "bad kid:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "k/1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "0123456789012345678901234567890123:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        KEY_NODE1 ",",
        KEY_NODE1 ",," KEY_NEW,
        KEY_NODE1 "," KEY_NODE1,
        KEY_NODE1 ",nocolon",
    };
    fixture_ring_refusals(crypto_keyring_parse, bad, sizeof bad / sizeof bad[0],
                          "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8");
    assert_int_equal(crypto_keyring_parse(NULL, &ring, NULL, 0), BZ_EVALIDATION);

    /* Too many keys. */
    char many[2048] = "";
    for (int i = 0; i <= CRYPTO_KEYS_MAX; i++) {
        char entry[80];
        snprintf(entry, sizeof entry,
                 "%sk%d:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", i ? "," : "", i);
        strcat(many, entry);
    }
    assert_int_equal(crypto_keyring_parse(many, &ring, why, sizeof why), BZ_EVALIDATION);

    /* crypto_open refuses an empty ring. */
    crypto_keyring empty = {0};
    crypto *c = (crypto *)1;
    assert_int_equal(crypto_open(&empty, &c), BZ_EVALIDATION);
    assert_null(c);
}

static void keyring_file_created_once_and_reused(void **state)
{
    fixture_key_file kf;
    fixture_key_file_twice(&kf, crypto_keyring_load_or_create, "jwt.key");

    /* Tokens from one process verify in the next. */
    crypto *a = NULL, *b = NULL;
    assert_int_equal(crypto_open(&kf.first, &a), BZ_OK);
    assert_int_equal(crypto_open(&kf.again, &b), BZ_OK);
    char tok[CRYPTO_TOKEN_MAX];
    crypto_claims claims = {.user_id = 3, .issued_at = NOW, .expires_at = NOW + 1000};
    assert_int_equal(a->ops->access_sign(a, &claims, tok), BZ_OK);
    crypto_claims cl;
    assert_int_equal(b->ops->access_verify(b, tok, NOW, &cl), BZ_OK);
    crypto_close(a);
    crypto_close(b);

    /* World-readable key files are refused. */
    crypto_keyring ring;
    char why[256];
    assert_int_equal(chmod(kf.path, 0644), 0);
    assert_int_equal(crypto_keyring_load_or_create(kf.path, &ring, why, sizeof why),
                     BZ_EVALIDATION);
    /* A missing directory is an I/O error with a reason. */
    char path[256];
    snprintf(path, sizeof path, "%s/missing/jwt.key", kf.dir);
    assert_int_equal(crypto_keyring_load_or_create(path, &ring, why, sizeof why), BZ_EINTERNAL);
    assert_non_null(strstr(why, "missing"));
    fixture_key_file_remove(&kf);
}

UNIT_MAIN(cmocka_unit_test(keyring_parsing), cmocka_unit_test(keyring_file_created_once_and_reused))
