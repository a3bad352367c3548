/*
 * domain/bidlog.h - the public bid log of an auction: the byte formats that
 * are hashed and signed, and the check an outsider runs on it. Pure: hashing
 * and signature checks are callbacks (the crypto port supplies them), so the
 * rules are unit-tested here without a crypto library.
 *
 * Every accepted bid step is an entry; entries are chained:
 *
 *   canonical(n) = "<auction_id>|<seq>|<bid_id>|<bidder_id>|<amount>|<by_proxy 0|1>|<created_at
 * ms>" hash(n)      = SHA-256(prev_hash(n) ‖ canonical(n)),  prev_hash(1) = 32 zero bytes
 *
 * The chain alone proves nothing to someone who does not trust the database:
 * whoever can write it can change an entry and recompute every hash after it.
 * So the server signs the head with an Ed25519 key kept outside the database:
 *
 *   head_message(seq, hash) = "blytz-bid-log-v1|<auction_id>|<seq>|<hash as 64 lowercase hex>"
 *
 * and stores the signature with the entry it names. Signing happens once per
 * committed batch (the head after the batch), so entries in the middle of a
 * batch carry no signature; the last entry of a log always does. The head's
 * signature covers every entry through the chain; earlier signatures are
 * checkpoints, the heads that viewers were sent with `auction:bid` events.
 *
 * What the signature cannot show: that entries after the last signed head
 * were deleted together with their signatures (the log is rolled back to an
 * earlier, genuinely signed head). Viewers who kept a later signed head from
 * an event prove that (docs/auctions.md).
 */
#ifndef DOMAIN_BIDLOG_H
#define DOMAIN_BIDLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BIDLOG_HASH_LEN      32
#define BIDLOG_SIG_LEN       64  /* Ed25519 */
#define BIDLOG_KID_MAX       32  /* key id, NUL included */
#define BIDLOG_CANONICAL_MAX 160 /* canonical(n) without prev_hash, NUL included */
#define BIDLOG_HEAD_MSG_MAX  160 /* head_message, NUL included */
#define BIDLOG_HEAD_PREFIX   "blytz-bid-log-v1"

typedef struct bidlog_entry {
    int64_t seq; /* 1, 2, 3 ... */
    int64_t bid_id, bidder_id;
    int64_t amount; /* sen */
    int64_t created_at;
    bool by_proxy;
    unsigned char prev_hash[BIDLOG_HASH_LEN], hash[BIDLOG_HASH_LEN];
    bool has_sig; /* a batch's head: sig over head_message(seq, hash) by key `kid` */
    unsigned char sig[BIDLOG_SIG_LEN];
    char kid[BIDLOG_KID_MAX];
} bidlog_entry;

/* What the check needs from cryptography. `sha256` must not fail; `verify` returns 0 when
 * `sig` is kid's signature of msg, BIDLOG_BAD_SIGNATURE or BIDLOG_UNKNOWN_KEY otherwise. */
typedef struct bidlog_crypto {
    void *ctx;
    void (*sha256)(void *ctx, const void *data, size_t len, unsigned char out[BIDLOG_HASH_LEN]);
    int (*verify)(void *ctx, const char *kid, const void *msg, size_t len,
                  const unsigned char sig[BIDLOG_SIG_LEN]);
} bidlog_crypto;

/* The verdict, the first failure found walking from seq 1. Names (bidlog_verdict_name) are the
 * stable `reason` strings of GET /auctions/{id}/log/verify. */
typedef enum bidlog_verdict {
    BIDLOG_VALID = 0,
    BIDLOG_BAD_SEQ,        /* seqs are not 1, 2, 3 ... */
    BIDLOG_BAD_LINK,       /* prev_hash is not the hash before */
    BIDLOG_BAD_HASH,       /* hash does not recompute */
    BIDLOG_NOT_INCREASING, /* an amount is not above the one before */
    BIDLOG_COUNT_MISMATCH, /* the log holds another number of entries than the auction counts */
    BIDLOG_HEAD_MISMATCH,  /* the chain does not end at the auction's head */
    BIDLOG_UNSIGNED_HEAD,  /* the last entry carries no signature */
    BIDLOG_BAD_SIGNATURE,  /* a signature does not verify */
    BIDLOG_UNKNOWN_KEY,    /* signed by a key that is not in the ring */
    BIDLOG_TOO_LONG,       /* more entries than one read returns: not checked (set by the reader) */
} bidlog_verdict;

typedef struct bidlog_check {
    bidlog_verdict verdict;
    int64_t seq;       /* the entry at fault; 0 when the verdict is about the head or VALID */
    bool chain_ok;     /* seqs, links, hashes, amounts and head hash all hold */
    size_t signatures; /* signatures checked (and found valid, when VALID) */
} bidlog_check;

/* canonical(n) of entry `e` into out; returns its length. */
size_t bidlog_canonical(int64_t auction_id, const bidlog_entry *e, char out[BIDLOG_CANONICAL_MAX]);

/* head_message(seq, hash) into out; returns its length. */
size_t bidlog_head_message(int64_t auction_id, int64_t seq,
                           const unsigned char hash[BIDLOG_HASH_LEN],
                           char out[BIDLOG_HEAD_MSG_MAX]);

/* hash(n) of `e` after `prev`. */
void bidlog_hash(const bidlog_crypto *cr, int64_t auction_id, const bidlog_entry *e,
                 const unsigned char prev[BIDLOG_HASH_LEN], unsigned char out[BIDLOG_HASH_LEN]);

/* Check entries e[0..n) of auction `auction_id` whose stored head is `head` after `count`
 * steps (the auction row's step_count). The chain must recompute from zeros, hold `count`
 * entries and end at `head`; amounts must strictly increase; a non-empty log must end in a
 * signed entry. With
 * `all_signatures` every stored signature is checked, else only the last entry's (it covers
 * the rest through the chain, and costs one verification however long the log). An empty log
 * of an auction without steps is valid. */
void bidlog_verify(const bidlog_crypto *cr, int64_t auction_id, const bidlog_entry *e, size_t n,
                   int64_t count, const unsigned char head[BIDLOG_HASH_LEN], bool all_signatures,
                   bidlog_check *out);

/* "valid", "bad_seq", "bad_link", "bad_hash", "not_increasing", "count_mismatch",
 * "head_mismatch", "unsigned_head", "bad_signature", "unknown_key", "too_long". */
const char *bidlog_verdict_name(bidlog_verdict v);

#endif
