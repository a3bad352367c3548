/*
 * Unit tests for domain/bidlog.h: the exact bytes that are hashed and signed,
 * and every verdict of the check. Hashing and signing are stand-ins here (a
 * keyed mixing function), so these tests are about the rules; the real
 * SHA-256 and Ed25519 are tested in tests/unit/crypto and end to end in
 * tests/api/bidlog.test.mjs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdint.h>
#include <string.h>

#include "domain/bidlog.h"

#define AUCTION 4242

/* ---- stand-in crypto ------------------------------------------------------------------- */

/* A 32-byte digest that changes with every input byte (FNV-1a lanes): enough to tell inputs
 * apart, which is all the rules need. */
static void fake_hash(void *ctx, const void *data, size_t len, unsigned char out[32])
{
    (void)ctx;
    const unsigned char *p = data;
    for (int lane = 0; lane < 4; lane++) {
        uint64_t h = 1469598103934665603ull ^ (uint64_t)lane;
        for (size_t i = 0; i < len; i++) {
            h = (h ^ p[i]) * 1099511628211ull;
        }
        memcpy(out + 8 * lane, &h, 8);
    }
}

static int verify_calls;

/* "Signature" by key `kid` of msg: the stand-in hash of kid ‖ msg, twice. Known keys: k1, k0. */
static void fake_sign(const char *kid, const char *msg, size_t len, unsigned char sig[64])
{
    char buf[BIDLOG_KID_MAX + BIDLOG_HEAD_MSG_MAX];
    size_t k = strlen(kid);
    memcpy(buf, kid, k);
    memcpy(buf + k, msg, len);
    fake_hash(NULL, buf, k + len, sig);
    fake_hash(NULL, buf, k + len, sig + 32);
}

static int fake_verify(void *ctx, const char *kid, const void *msg, size_t len,
                       const unsigned char sig[64])
{
    (void)ctx;
    verify_calls++;
    if (strcmp(kid, "k1") != 0 && strcmp(kid, "k0") != 0) {
        return BIDLOG_UNKNOWN_KEY;
    }
    unsigned char want[64];
    fake_sign(kid, msg, len, want);
    return memcmp(want, sig, 64) == 0 ? 0 : BIDLOG_BAD_SIGNATURE;
}

static const bidlog_crypto CR = {.ctx = NULL, .sha256 = fake_hash, .verify = fake_verify};

static void sign_entry(bidlog_entry *e, const char *kid)
{
    char msg[BIDLOG_HEAD_MSG_MAX];
    size_t len = bidlog_head_message(AUCTION, e->seq, e->hash, msg);
    fake_sign(kid, msg, len, e->sig);
    strcpy(e->kid, kid);
    e->has_sig = true;
}

/* A well-formed log of n entries; batches end at every entry whose seq is in `signed_at`
 * (and always at the last). */
static void build(bidlog_entry *e, size_t n, unsigned signed_mask, unsigned char head[32])
{
    unsigned char prev[32] = {0};
    for (size_t i = 0; i < n; i++) {
        e[i] = (bidlog_entry){.seq = (int64_t)i + 1,
                              .bid_id = 9000 + (int64_t)i,
                              .bidder_id = 77 + (int64_t)(i % 2),
                              .amount = 1000 + 100 * (int64_t)i,
                              .created_at = 1900000000000 + (int64_t)i,
                              .by_proxy = i % 3 == 2};
        memcpy(e[i].prev_hash, prev, 32);
        bidlog_hash(&CR, AUCTION, &e[i], prev, e[i].hash);
        memcpy(prev, e[i].hash, 32);
        if ((signed_mask >> i) & 1u || i + 1 == n) {
            sign_entry(&e[i], "k1");
        }
    }
    memcpy(head, prev, 32);
}

static bidlog_check run(const bidlog_entry *e, size_t n, const unsigned char head[32], bool all)
{
    bidlog_check out;
    verify_calls = 0;
    bidlog_verify(&CR, AUCTION, e, n, (int64_t)n, head, all, &out);
    return out;
}

/* The check of the entries ends in `verdict` at entry `seq` (0: the head); the whole result. */
static bidlog_check refused_at(const bidlog_entry *e, size_t n, const unsigned char head[32],
                               bool all, int verdict, int64_t seq)
{
    bidlog_check k = run(e, n, head, all);
    assert_int_equal(k.verdict, verdict);
    assert_int_equal(k.seq, seq);
    return k;
}

/* ---- formats --------------------------------------------------------------------------- */

static void canonical_bytes_are_the_documented_ones(void **state)
{
    (void)state;
    bidlog_entry e = {.seq = 3,
                      .bid_id = 123456789012345,
                      .bidder_id = 42,
                      .amount = 2100,
                      .created_at = 1900000000123,
                      .by_proxy = true};
    char out[BIDLOG_CANONICAL_MAX];
    size_t len = bidlog_canonical(AUCTION, &e, out);
    assert_string_equal(out, "4242|3|123456789012345|42|2100|1|1900000000123");
    assert_int_equal(len, strlen(out));
    e.by_proxy = false;
    bidlog_canonical(AUCTION, &e, out);
    assert_string_equal(out, "4242|3|123456789012345|42|2100|0|1900000000123");
    /* The widest values still fit. */
    e = (bidlog_entry){.seq = INT64_MAX,
                       .bid_id = INT64_MAX,
                       .bidder_id = INT64_MAX,
                       .amount = INT64_MAX,
                       .created_at = INT64_MAX,
                       .by_proxy = true};
    len = bidlog_canonical(INT64_MAX, &e, out);
    assert_int_equal(len, 6 * 19 + 1 + 6);
}

static void hash_covers_prev_and_canonical(void **state)
{
    (void)state;
    bidlog_entry e = {.seq = 1, .bid_id = 5, .bidder_id = 6, .amount = 1000, .created_at = 7};
    unsigned char prev[32] = {0}, got[32], want[32];
    unsigned char buf[32 + BIDLOG_CANONICAL_MAX];
    memset(prev, 0xab, 32);
    bidlog_hash(&CR, AUCTION, &e, prev, got);
    memcpy(buf, prev, 32);
    size_t len = bidlog_canonical(AUCTION, &e, (char *)buf + 32);
    fake_hash(NULL, buf, 32 + len, want);
    assert_memory_equal(got, want, 32);
}

static void head_message_names_auction_seq_and_hash(void **state)
{
    (void)state;
    unsigned char h[32];
    for (int i = 0; i < 32; i++) {
        h[i] = (unsigned char)i;
    }
    char out[BIDLOG_HEAD_MSG_MAX];
    size_t len = bidlog_head_message(AUCTION, 12, h, out);
    assert_string_equal(out, "blytz-bid-log-v1|4242|12|"
                             "000102030405060708090a0b0c0d0e0f"
                             "101112131415161718191a1b1c1d1e1f");
    assert_int_equal(len, strlen(out));
    len = bidlog_head_message(INT64_MAX, INT64_MAX, h, out);
    assert_int_equal(len, strlen("blytz-bid-log-v1||") + 2 * 19 + 1 + 64);
}

/* ---- verdicts -------------------------------------------------------------------------- */

static void a_well_formed_log_is_valid(void **state)
{
    (void)state;
    bidlog_entry e[6];
    unsigned char head[32];
    build(e, 6, 0x5 /* seqs 1 and 3 end batches too */, head);
    bidlog_check k = run(e, 6, head, false);
    assert_int_equal(k.verdict, BIDLOG_VALID);
    assert_true(k.chain_ok);
    assert_int_equal(k.seq, 0);
    assert_int_equal(k.signatures, 1); /* the head's only */
    assert_int_equal(verify_calls, 1);
    k = run(e, 6, head, true);
    assert_int_equal(k.verdict, BIDLOG_VALID);
    assert_int_equal(k.signatures, 3);
    /* An old key of the ring still verifies. */
    sign_entry(&e[5], "k0");
    assert_int_equal(run(e, 6, head, false).verdict, BIDLOG_VALID);
}

static void an_empty_log_is_valid_only_at_zero(void **state)
{
    (void)state;
    unsigned char zeros[32] = {0}, other[32];
    memset(other, 1, 32);
    assert_int_equal(run(NULL, 0, zeros, true).verdict, BIDLOG_VALID);
    assert_int_equal(run(NULL, 0, other, true).verdict, BIDLOG_HEAD_MISMATCH);
    bidlog_check k;
    bidlog_verify(&CR, AUCTION, NULL, 0, 3, zeros, false, &k); /* the auction counts 3 */
    assert_int_equal(k.verdict, BIDLOG_COUNT_MISMATCH);
}

/* The attack this module exists for: the last amount changes and every hash is recomputed, so
 * the chain holds; only the signature shows it. */
static void tamper_and_recompute_is_caught_by_the_signature(void **state)
{
    (void)state;
    bidlog_entry e[4];
    unsigned char head[32];
    build(e, 4, 0xf, head);
    e[3].amount = 9999;
    bidlog_hash(&CR, AUCTION, &e[3], e[3].prev_hash, e[3].hash);
    memcpy(head, e[3].hash, 32);
    assert_true(refused_at(e, 4, head, false, BIDLOG_BAD_SIGNATURE, 4).chain_ok);
    /* dropping the signature */
    e[3].has_sig = false;
    refused_at(e, 4, head, false, BIDLOG_UNSIGNED_HEAD, 4);
    assert_int_equal(verify_calls, 0);
    /* replaying another entry's genuine signature */
    memcpy(e[3].sig, e[1].sig, 64);
    strcpy(e[3].kid, "k1");
    e[3].has_sig = true;
    assert_int_equal(run(e, 4, head, false).verdict, BIDLOG_BAD_SIGNATURE);
    /* an earlier entry changed: every later hash recomputed, the head is still caught */
    build(e, 4, 0xf, head);
    e[1].amount = 1150;
    unsigned char prev[32];
    memcpy(prev, e[0].hash, 32);
    for (int i = 1; i < 4; i++) {
        memcpy(e[i].prev_hash, prev, 32);
        bidlog_hash(&CR, AUCTION, &e[i], prev, e[i].hash);
        memcpy(prev, e[i].hash, 32);
    }
    memcpy(head, prev, 32);
    assert_int_equal(run(e, 4, head, false).verdict, BIDLOG_BAD_SIGNATURE);
    assert_int_equal(run(e, 4, head, true).seq, 2); /* all signatures: the first bad one */
}

static void every_chain_failure_has_its_verdict(void **state)
{
    (void)state;
    bidlog_entry e[5];
    unsigned char head[32];

    build(e, 5, 0, head);
    e[2].seq = 7;
    bidlog_check k = refused_at(e, 5, head, false, BIDLOG_BAD_SEQ, 7);
    assert_false(k.chain_ok);

    build(e, 5, 0, head);
    e[3].prev_hash[0] ^= 1;
    k = refused_at(e, 5, head, false, BIDLOG_BAD_LINK, 4);

    build(e, 5, 0, head);
    e[1].amount += 1; /* not recomputed */
    k = refused_at(e, 5, head, false, BIDLOG_BAD_HASH, 2);

    build(e, 5, 0, head);
    e[4].amount = e[3].amount; /* recomputed, but not above the one before */
    bidlog_hash(&CR, AUCTION, &e[4], e[4].prev_hash, e[4].hash);
    k = refused_at(e, 5, e[4].hash, false, BIDLOG_NOT_INCREASING, 5);

    build(e, 5, 0, head);
    head[31] ^= 1;
    k = refused_at(e, 5, head, false, BIDLOG_HEAD_MISMATCH, 0);
    assert_int_equal(verify_calls, 0);

    build(e, 5, 0, head);
    bidlog_verify(&CR, AUCTION, e, 4, 5, e[3].hash, false, &k); /* an entry missing */
    assert_int_equal(k.verdict, BIDLOG_COUNT_MISMATCH);

    build(e, 5, 0, head);
    strcpy(e[4].kid, "k9");
    k = refused_at(e, 5, head, false, BIDLOG_UNKNOWN_KEY, 5);
    assert_true(k.chain_ok);
}

static void a_bad_checkpoint_counts_only_when_all_are_checked(void **state)
{
    (void)state;
    bidlog_entry e[4];
    unsigned char head[32];
    build(e, 4, 0x3, head);
    e[1].sig[0] ^= 1;
    assert_int_equal(run(e, 4, head, false).verdict, BIDLOG_VALID);
    refused_at(e, 4, head, true, BIDLOG_BAD_SIGNATURE, 2);
}

static void verdict_names_are_stable(void **state)
{
    (void)state;
    static const char *want[] = {"valid",         "bad_seq",        "bad_link",
                                 "bad_hash",      "not_increasing", "count_mismatch",
                                 "head_mismatch", "unsigned_head",  "bad_signature",
                                 "unknown_key",   "too_long"};
    for (int v = BIDLOG_VALID; v <= BIDLOG_TOO_LONG; v++) {
        assert_string_equal(bidlog_verdict_name((bidlog_verdict)v), want[v]);
    }
    assert_string_equal(bidlog_verdict_name((bidlog_verdict)99), "invalid");
}

UNIT_MAIN(cmocka_unit_test(canonical_bytes_are_the_documented_ones),
          cmocka_unit_test(hash_covers_prev_and_canonical),
          cmocka_unit_test(head_message_names_auction_seq_and_hash),
          cmocka_unit_test(a_well_formed_log_is_valid),
          cmocka_unit_test(an_empty_log_is_valid_only_at_zero),
          cmocka_unit_test(tamper_and_recompute_is_caught_by_the_signature),
          cmocka_unit_test(every_chain_failure_has_its_verdict),
          cmocka_unit_test(a_bad_checkpoint_counts_only_when_all_are_checked),
          cmocka_unit_test(verdict_names_are_stable))
