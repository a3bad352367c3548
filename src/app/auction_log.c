/*
 * The bid log: hashing steps into the chain, signing the head a batch ends
 * at, the head that room events carry, and reading the log with its check.
 * The byte formats and the check itself are domain/bidlog.h; the keys are the
 * crypto port's (kept outside the database).
 *
 * Why once per batch: a batch is one transaction and one fsync, and it may
 * hold hundreds of steps. Signing each step would cost an Ed25519 signature
 * (tens of µs) per accepted bid inside the write lock; signing the head after
 * the batch costs one per transaction and still covers every step, because
 * each step's hash is chained into that head (docs/auctions.md has the
 * figures).
 */
#include "app/app_util.h"
#include "app/auction_internal.h"
#include "app/auctions.h"

#include "base/err.h"
#include "base/str.h"
#include "domain/bidlog.h"

#include <stdlib.h>
#include <string.h>

#define PAGE 1000 /* bids per store read */

static void sha256_cb(void *ctx, const void *data, size_t len, unsigned char out[BIDLOG_HASH_LEN])
{
    crypto *cr = ctx;
    cr->ops->sha256(cr, data, len, out);
}

static int verify_cb(void *ctx, const char *kid, const void *msg, size_t len,
                     const unsigned char sig[BIDLOG_SIG_LEN])
{
    crypto *cr = ctx;
    int rc = cr->ops->log_verify(cr, kid, msg, len, sig);
    return rc == BZ_OK ? 0 : rc == BZ_ENOTFOUND ? BIDLOG_UNKNOWN_KEY : BIDLOG_BAD_SIGNATURE;
}

static bidlog_crypto crypto_of(app_ctx *c)
{
    return (bidlog_crypto){.ctx = c->env->crypto, .sha256 = sha256_cb, .verify = verify_cb};
}

static void entry_of(const auction_lot_bid *b, bidlog_entry *e)
{
    *e = (bidlog_entry){.seq = b->seq,
                        .bid_id = b->id,
                        .bidder_id = b->bidder_id,
                        .amount = b->amount,
                        .created_at = b->created_at,
                        .by_proxy = b->by_proxy,
                        .has_sig = b->has_sig};
    memcpy(e->prev_hash, b->prev_hash, BIDLOG_HASH_LEN);
    memcpy(e->hash, b->hash, BIDLOG_HASH_LEN);
    if (b->has_sig) {
        memcpy(e->sig, b->sig, BIDLOG_SIG_LEN);
        bz_strlcpy(e->kid, b->kid, sizeof(e->kid));
    }
}

static void head_of_row(const auction_lot_bid *row, app_log_head *h)
{
    memset(h, 0, sizeof(*h));
    h->seq = row->seq;
    memcpy(h->hash, row->hash, BIDLOG_HASH_LEN);
    if (row->has_sig) {
        h->has_sig = true;
        memcpy(h->sig, row->sig, BIDLOG_SIG_LEN);
        bz_strlcpy(h->kid, row->kid, sizeof(h->kid));
    }
}

void auction_log_hash_row(app_ctx *c, auction_lot_bid *row)
{
    bidlog_entry e;
    entry_of(row, &e);
    bidlog_crypto cr = crypto_of(c);
    bidlog_hash(&cr, row->auction_id, &e, row->prev_hash, row->hash);
}

int auction_log_seal(app_ctx *c, auction_lot_bid *last, app_log_head *head)
{
    char msg[BIDLOG_HEAD_MSG_MAX];
    size_t len = bidlog_head_message(last->auction_id, last->seq, last->hash, msg);
    crypto *cr = c->env->crypto;
    int rc = cr->ops->log_sign(cr, msg, len, last->sig, last->kid);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, "the bid log has no signing key");
    }
    last->has_sig = true;
    if ((rc = store_bid_insert(c->store, last)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    head_of_row(last, head);
    return BZ_OK;
}

int auction_log_head(app_ctx *c, const auction_lot *au, app_log_head *head)
{
    memset(head, 0, sizeof(*head));
    if (au->step_count == 0) {
        return BZ_OK;
    }
    auction_lot_bid *rows = NULL;
    size_t n = 0;
    int rc = store_bids_of(c->store, au->id, au->step_count - 1, 1, c->arena, &rows, &n);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (n == 1 && rows[0].seq == au->step_count &&
        memcmp(rows[0].hash, au->last_hash, BIDLOG_HASH_LEN) == 0) {
        head_of_row(&rows[0], head);
    } else { /* the row and its bids disagree: say what the row says, unsigned */
        head->seq = au->step_count;
        memcpy(head->hash, au->last_hash, BIDLOG_HASH_LEN);
    }
    return BZ_OK;
}

/* Only the batch's last `auction:bid` carries the head, not every step: a batch holds tens of
 * steps under load, and 250 bytes more on each event is log volume (PostgreSQL wrote the
 * events measurably slower) and bytes to every viewer, for signatures a viewer already gets
 * once per batch. `auction:update` events are few and always carry it. */
int ev_add_log_head(app_ctx *c, app_evbuf *b, size_t from, const app_log_head *head)
{
    app_log_head *h = bz_arena_alloc(c->arena, sizeof(*h));
    if (!h) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    *h = *head;
    size_t last_bid = b->n;
    for (size_t i = from; i < b->n; i++) {
        if (b->items[i].ev.kind == APP_EVENT_AUCTION_BID) {
            last_bid = i;
        }
    }
    for (size_t i = from; i < b->n; i++) {
        if (i == last_bid || b->items[i].ev.kind == APP_EVENT_AUCTION_UPDATE) {
            b->items[i].ev.head = h;
        }
    }
    return BZ_OK;
}

/* Entries with seq <= au->step_count, the ones committed when the row was read (a batch
 * writes its bids and the row in one transaction), at most `cap`. */
static int read_entries(app_ctx *c, const auction_lot *au, size_t cap, app_auction_log *out)
{
    out->entries = bz_arena_calloc(c->arena, cap ? cap : 1, sizeof(*out->entries));
    if (!out->entries) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    int64_t after = 0;
    while (out->n < cap) {
        auction_lot_bid *bids = NULL;
        size_t n = 0;
        int rc = store_bids_of(c->store, au->id, after, PAGE, c->arena, &bids, &n);
        if (rc != BZ_OK) {
            return app_fail(c, rc, NULL, NULL);
        }
        for (size_t i = 0; i < n && out->n < cap; i++) {
            entry_of(&bids[i], &out->entries[out->n++]);
        }
        if (n < PAGE) {
            break;
        }
        after = bids[n - 1].seq;
    }
    return BZ_OK;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The bidders' usernames, since every bid a client sees names its bidder (wire/auctions.h):
 * the distinct bidders, STORE_FACTS_MAX per store read, then one lookup per entry. */
static int read_usernames(app_ctx *c, int64_t stream_id, app_auction_log *out)
{
    int64_t *ids = bz_arena_alloc(c->arena, sizeof(*ids) * (out->n ? out->n : 1));
    const char **names = bz_arena_alloc(c->arena, sizeof(*names) * (out->n ? out->n : 1));
    out->usernames = bz_arena_alloc(c->arena, sizeof(*out->usernames) * (out->n ? out->n : 1));
    if (!ids || !names || !out->usernames) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    size_t k = 0;
    for (size_t i = 0; i < out->n; i++) {
        ids[i] = out->entries[i].bidder_id;
    }
    qsort(ids, out->n, sizeof(*ids), cmp_id);
    for (size_t i = 0; i < out->n; i++) {
        if (k == 0 || ids[k - 1] != ids[i]) {
            ids[k++] = ids[i];
        }
    }
    for (size_t off = 0; off < k; off += STORE_FACTS_MAX) {
        size_t m = k - off < STORE_FACTS_MAX ? k - off : STORE_FACTS_MAX;
        store_bidder_facts *facts = bz_arena_calloc(c->arena, m, sizeof(*facts));
        int rc = facts ? store_bidder_facts_get(c->store, stream_id, ids + off, m, c->arena, facts)
                       : BZ_ENOMEM;
        if (rc != BZ_OK) {
            return app_fail(c, rc, NULL, NULL);
        }
        for (size_t i = 0; i < m; i++) {
            names[off + i] = facts[i].username ? facts[i].username : "";
        }
    }
    for (size_t i = 0; i < out->n; i++) {
        const int64_t *at = bsearch(&out->entries[i].bidder_id, ids, k, sizeof(*ids), cmp_id);
        out->usernames[i] = at ? names[at - ids] : "";
    }
    return BZ_OK;
}

int app_auction_log_read(app_ctx *c, int64_t id, app_auction_log *out)
{
    memset(out, 0, sizeof(*out));
    auction_lot au;
    int rc = store_auction_get(c->store, id, false, c->arena, &au);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    memcpy(out->head_hash, au.last_hash, BIDLOG_HASH_LEN);
    out->head.seq = au.step_count;
    memcpy(out->head.hash, au.last_hash, BIDLOG_HASH_LEN);
    bool too_long = au.step_count > APP_AUCTION_LOG_MAX;
    size_t cap = too_long ? APP_AUCTION_LOG_MAX : au.step_count > 0 ? (size_t)au.step_count : 0;
    if ((rc = read_entries(c, &au, cap, out)) != BZ_OK ||
        (rc = read_usernames(c, au.stream_id, out)) != BZ_OK) {
        return rc;
    }
    const app_log_entry *last = out->n ? &out->entries[out->n - 1] : NULL;
    if (last && last->has_sig && last->seq == au.step_count) {
        out->head.has_sig = true;
        memcpy(out->head.sig, last->sig, BIDLOG_SIG_LEN);
        bz_strlcpy(out->head.kid, last->kid, sizeof(out->head.kid));
    }
    if (too_long) { /* a log cut at APP_AUCTION_LOG_MAX cannot be checked against its head */
        out->check.verdict = BIDLOG_TOO_LONG;
    } else {
        bidlog_crypto cr = crypto_of(c);
        bidlog_verify(&cr, id, out->entries, out->n, au.step_count, au.last_hash, false,
                      &out->check);
    }
    out->valid = out->check.verdict == BIDLOG_VALID;
    return BZ_OK;
}

size_t app_auction_log_keys(app_ctx *c, crypto_log_pubkey *out, size_t max)
{
    crypto *cr = c->env->crypto;
    return cr->ops->log_keys(cr, out, max);
}
