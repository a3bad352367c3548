/*
 * app/ports/store_ops_cards.h - the store operations of buyers at the payment provider: customers,
 * cards, SetupIntents (store/sql/cards.c): the list STORE_OPS_CARDS of app/ports/store_ops.h, which
 * says what an X line holds and includes this header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_CARDS_H
#define APP_PORTS_STORE_OPS_CARDS_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_CARDS(X)                                                                         \
    /* The provider's customer of user `user_id` into *out (in `a`). BZ_ENOTFOUND when none. */    \
    X(T, customer_get, (store *s, int64_t user_id, bz_arena *a, const char **out),                 \
      (s, user_id, a, out))                                                                        \
    /* Keep `customer_id` as user `user_id`'s customer, unless they have one (the first stays:    \
     * a retried creation never replaces it). */                                                   \
    X(T, customer_set, (store *s, int64_t user_id, const char *customer_id, int64_t now),         \
      (s, user_id, customer_id, now))                                                              \
    /* A user's cards, the default first, then the newest (at most PAYMENT_CARDS_MAX + 1). */      \
    X(T, cards_of, (store *s, int64_t user_id, bz_arena *a, payment_card **out, size_t *n),        \
      (s, user_id, a, out, n))                                                                     \
    /* Card `id` of user `user_id`. BZ_ENOTFOUND (also another user's). */                         \
    X(T, card_get, (store *s, int64_t user_id, int64_t id, bz_arena *a, payment_card *out),        \
      (s, user_id, id, a, out))                                                                    \
    /* Keep card *card (is_default as given: the app clears the old default first). BZ_ECONFLICT  \
     * when its payment method is kept already (a setup reported twice), or a second default. */  \
    X(T, card_add, (store *s, const payment_card *card), (s, card))                                \
    /* Make card `id` user `user_id`'s default (the old default cleared in the same unit).         \
     * BZ_ENOTFOUND, nothing changed. */                                                           \
    X(T, card_set_default, (store *s, int64_t user_id, int64_t id), (s, user_id, id))              \
    /* Forget card `id` of user `user_id`. BZ_ENOTFOUND. */                                        \
    X(T, card_delete, (store *s, int64_t user_id, int64_t id), (s, user_id, id))                   \
    /* Keep SetupIntent row *setup. */                                                             \
    X(T, card_setup_create, (store *s, const card_setup *setup), (s, setup))                       \
    /* Setup `id`, write-locked with `lock`. BZ_ENOTFOUND. */                                      \
    X(T, card_setup_get, (store *s, int64_t id, bool lock, bz_arena *a, card_setup *out),         \
      (s, id, lock, a, out))                                                                       \
    /* The setup whose provider id is `setup_id`. BZ_ENOTFOUND. */                                 \
    X(T, card_setup_by_ref,                                                                        \
      (store *s, const char *setup_id, bz_arena *a, card_setup *out), (s, setup_id, a, out))       \
    /* Write what may change of setup->id: its provider id, secret, status, failure, card,         \
     * updated_at. BZ_ENOTFOUND. */                                                                \
    X(T, card_setup_save, (store *s, const card_setup *setup), (s, setup))
/* clang-format on */

#endif
