/* domain/payout.c - paying sellers: the transfer of an order's share and its reversals
 * (payout.h). */
#include "domain/payout.h"

#include "base/err.h"

#include <string.h>

static const char *const transfer_names[] = {
    [PAYOUT_TRANSFER_WAITING] = "waiting",
    [PAYOUT_TRANSFER_PENDING] = "pending",
    [PAYOUT_TRANSFER_SENT] = "sent",
    [PAYOUT_TRANSFER_VOID] = "void",
};

const char *payout_transfer_state_name(payout_transfer_state s)
{
    return s > PAYOUT_TRANSFER_NONE && s <= PAYOUT_TRANSFER_VOID ? transfer_names[s] : "";
}

payout_transfer_state payout_transfer_state_parse(const char *s)
{
    for (int i = PAYOUT_TRANSFER_WAITING; s && i <= PAYOUT_TRANSFER_VOID; i++) {
        if (strcmp(s, transfer_names[i]) == 0) {
            return (payout_transfer_state)i;
        }
    }
    return PAYOUT_TRANSFER_NONE;
}

int payout_transfer_decide(const order_facts *f, int64_t share, bool enabled,
                           payout_transfer_state *state, int64_t *amount)
{
    *state = PAYOUT_TRANSFER_NONE;
    *amount = 0;
    if (f->state == ORDER_AWAITING_PAYMENT || f->state == ORDER_CANCELLED) {
        return BZ_EINTERNAL; /* never paid: nothing was ever the seller's */
    }
    int64_t left = 0;
    if (checkout_share_left(f->paid, share, f->refunded, &left) != BZ_OK) {
        return BZ_EINTERNAL;
    }
    if (left == 0 || f->state == ORDER_REFUNDED) {
        *state = PAYOUT_TRANSFER_VOID;
        return BZ_OK;
    }
    /* a dispute holds the payout until the bank decides */
    *state =
        f->state == ORDER_DISPUTED || !enabled ? PAYOUT_TRANSFER_WAITING : PAYOUT_TRANSFER_PENDING;
    *amount = left;
    return BZ_OK;
}

int payout_reversal_due(const payout_transfer *t, int64_t left, int64_t cap, int64_t *out)
{
    *out = 0;
    if (t->amount < 0 || t->reversed < 0 || t->reversed > t->amount || left < 0 || cap <= 0) {
        return BZ_EINTERNAL;
    }
    int64_t owed = t->amount - t->reversed - left; /* no overflow: all >= 0 and <= amount */
    *out = owed <= 0 ? 0 : owed < cap ? owed : cap;
    return BZ_OK;
}

int payout_sums_add(checkout_payouts *p, const order_facts *f, int64_t share, bool sent)
{
    order_facts g = *f;
    g.transferred = sent;
    return checkout_payouts_add(p, &g, share);
}
