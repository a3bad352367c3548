/* domain/bidlog.c - the bid log's byte formats and its check (bidlog.h). */
#include "domain/bidlog.h"

#include "base/str.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static size_t clamp_len(int n, size_t cap)
{
    if (n < 0) {
        return 0;
    }
    return (size_t)n < cap ? (size_t)n : cap - 1;
}

size_t bidlog_canonical(int64_t auction_id, const bidlog_entry *e, char out[BIDLOG_CANONICAL_MAX])
{
    int n = snprintf(out, BIDLOG_CANONICAL_MAX,
                     "%" PRId64 "|%" PRId64 "|%" PRId64 "|%" PRId64 "|%" PRId64 "|%d|%" PRId64,
                     auction_id, e->seq, e->bid_id, e->bidder_id, e->amount, e->by_proxy ? 1 : 0,
                     e->created_at);
    return clamp_len(n, BIDLOG_CANONICAL_MAX);
}

size_t bidlog_head_message(int64_t auction_id, int64_t seq,
                           const unsigned char hash[BIDLOG_HASH_LEN], char out[BIDLOG_HEAD_MSG_MAX])
{
    char hex[2 * BIDLOG_HASH_LEN + 1];
    bz_hex_encode(hash, BIDLOG_HASH_LEN, hex);
    int n = snprintf(out, BIDLOG_HEAD_MSG_MAX, BIDLOG_HEAD_PREFIX "|%" PRId64 "|%" PRId64 "|%s",
                     auction_id, seq, hex);
    return clamp_len(n, BIDLOG_HEAD_MSG_MAX);
}

void bidlog_hash(const bidlog_crypto *cr, int64_t auction_id, const bidlog_entry *e,
                 const unsigned char prev[BIDLOG_HASH_LEN], unsigned char out[BIDLOG_HASH_LEN])
{
    unsigned char buf[BIDLOG_HASH_LEN + BIDLOG_CANONICAL_MAX];
    memcpy(buf, prev, BIDLOG_HASH_LEN);
    size_t len = bidlog_canonical(auction_id, e, (char *)buf + BIDLOG_HASH_LEN);
    cr->sha256(cr->ctx, buf, BIDLOG_HASH_LEN + len, out);
}

static void fail(bidlog_check *out, bidlog_verdict v, int64_t seq)
{
    if (out->verdict == BIDLOG_VALID) {
        out->verdict = v;
        out->seq = seq;
    }
}

/* The verdict on one entry after `prev` (the hash before it). */
static bidlog_verdict check_entry(const bidlog_crypto *cr, int64_t auction_id,
                                  const bidlog_entry *e, size_t i,
                                  const unsigned char prev[BIDLOG_HASH_LEN])
{
    unsigned char want[BIDLOG_HASH_LEN];
    if (e[i].seq != (int64_t)i + 1) {
        return BIDLOG_BAD_SEQ;
    }
    if (memcmp(e[i].prev_hash, prev, BIDLOG_HASH_LEN) != 0) {
        return BIDLOG_BAD_LINK;
    }
    bidlog_hash(cr, auction_id, &e[i], prev, want);
    if (memcmp(e[i].hash, want, BIDLOG_HASH_LEN) != 0) {
        return BIDLOG_BAD_HASH;
    }
    if (i > 0 && e[i].amount <= e[i - 1].amount) {
        return BIDLOG_NOT_INCREASING;
    }
    return BIDLOG_VALID;
}

/* The chain part: every entry, then the count and the head the auction row holds. */
static void check_chain(const bidlog_crypto *cr, int64_t auction_id, const bidlog_entry *e,
                        size_t n, int64_t count, const unsigned char head[BIDLOG_HASH_LEN],
                        bidlog_check *out)
{
    static const unsigned char zeros[BIDLOG_HASH_LEN] = {0};
    const unsigned char *prev = zeros;
    for (size_t i = 0; i < n; i++) {
        bidlog_verdict v = check_entry(cr, auction_id, e, i, prev);
        if (v != BIDLOG_VALID) {
            fail(out, v, e[i].seq);
            return;
        }
        prev = e[i].hash;
    }
    if ((int64_t)n != count) {
        fail(out, BIDLOG_COUNT_MISMATCH, 0);
    } else if (memcmp(prev, head, BIDLOG_HASH_LEN) != 0) {
        fail(out, BIDLOG_HEAD_MISMATCH, 0);
    } else {
        out->chain_ok = true;
    }
}

static void check_signature(const bidlog_crypto *cr, int64_t auction_id, const bidlog_entry *e,
                            bidlog_check *out)
{
    char msg[BIDLOG_HEAD_MSG_MAX];
    size_t len = bidlog_head_message(auction_id, e->seq, e->hash, msg);
    int v = cr->verify(cr->ctx, e->kid, msg, len, e->sig);
    out->signatures++;
    if (v != 0) {
        fail(out, v == BIDLOG_UNKNOWN_KEY ? BIDLOG_UNKNOWN_KEY : BIDLOG_BAD_SIGNATURE, e->seq);
    }
}

void bidlog_verify(const bidlog_crypto *cr, int64_t auction_id, const bidlog_entry *e, size_t n,
                   int64_t count, const unsigned char head[BIDLOG_HASH_LEN], bool all_signatures,
                   bidlog_check *out)
{
    memset(out, 0, sizeof(*out));
    check_chain(cr, auction_id, e, n, count, head, out);
    if (out->verdict != BIDLOG_VALID || n == 0) {
        return;
    }
    if (!e[n - 1].has_sig) {
        fail(out, BIDLOG_UNSIGNED_HEAD, e[n - 1].seq);
        return;
    }
    for (size_t i = 0; all_signatures && i + 1 < n && out->verdict == BIDLOG_VALID; i++) {
        if (e[i].has_sig) {
            check_signature(cr, auction_id, &e[i], out);
        }
    }
    if (out->verdict == BIDLOG_VALID) {
        check_signature(cr, auction_id, &e[n - 1], out);
    }
}

const char *bidlog_verdict_name(bidlog_verdict v)
{
    static const char *const names[] = {
        [BIDLOG_VALID] = "valid",
        [BIDLOG_BAD_SEQ] = "bad_seq",
        [BIDLOG_BAD_LINK] = "bad_link",
        [BIDLOG_BAD_HASH] = "bad_hash",
        [BIDLOG_NOT_INCREASING] = "not_increasing",
        [BIDLOG_HEAD_MISMATCH] = "head_mismatch",
        [BIDLOG_UNSIGNED_HEAD] = "unsigned_head",
        [BIDLOG_BAD_SIGNATURE] = "bad_signature",
        [BIDLOG_UNKNOWN_KEY] = "unknown_key",
        [BIDLOG_COUNT_MISMATCH] = "count_mismatch",
        [BIDLOG_TOO_LONG] = "too_long",
    };
    return (unsigned)v < sizeof(names) / sizeof(names[0]) ? names[v] : "invalid";
}
