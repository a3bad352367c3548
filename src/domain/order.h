/*
 * domain/order.h - an order: a sale of one product to one buyer, by auction or buy-now.
 *
 * Plain data, as every model type of the domain: ids are int64, money int64 sen, times
 * UTC ms; strings and arrays are borrowed (from a store read: the caller's arena).
 */
#ifndef DOMAIN_ORDER_H
#define DOMAIN_ORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct order_record {
    int64_t id;
    int64_t auction_id; /* 0 = not from an auction */
    int64_t buyer_id;
    int64_t seller_id;
    int64_t product_id;
    int64_t amount;       /* sen */
    const char *currency; /* "MYR" */
    const char *status;   /* "pending_payment" | "paid" | "shipped" | ... */
    int64_t created_at;
    int64_t updated_at;
} order_record;

/* One sale as anyone arriving later may learn it: a lot's final price and when it sold, and
 * the winner only if they allow it (account_user.show_win_name); the store reads the buyer
 * and their choice, the app keeps the name back (buyer_id 0, buyer_username NULL) unless
 * allowed. */
typedef struct order_sale {
    int64_t auction_id; /* 0 = not from an auction */
    int64_t product_id;
    int64_t stream_id; /* the show it sold in; 0 = none */
    int64_t amount;    /* sen: what the winner pays */
    int64_t sold_at;   /* the order's creation, UTC ms */
    int64_t buyer_id;
    const char *buyer_username;
    bool buyer_shows_name;
} order_sale;

/* What anyone may see of a sale: the winner's id and name are kept back (0, NULL) unless
 * that buyer allows showing them. */
static inline void order_sale_public(order_sale *s)
{
    if (!s->buyer_shows_name) {
        s->buyer_id = 0;
        s->buyer_username = NULL;
    }
}

#endif
