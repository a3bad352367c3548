/*
 * app/ports/store_ops_addresses.h - the store operations of delivery addresses
 * (store/sql/addresses.c): the list STORE_OPS_ADDRESSES of app/ports/store_ops.h, which says what
 * an X line holds and includes this header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_ADDRESSES_H
#define APP_PORTS_STORE_OPS_ADDRESSES_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_ADDRESSES(X)                                                                     \
    /* Inside store_begin: hold user `user_id`'s address book (their users row, write-locked on    \
     * PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises) until commit, so that a count or   \
     * a default judged next stays true. BZ_ENOTFOUND (no such user). */                            \
    X(T, address_book_lock, (store *s, int64_t user_id), (s, user_id))                             \
    /* Keep address d->id of user d->user_id, d->is_default as given (the app clears the old      \
     * default first). BZ_ENOTFOUND (no such user), BZ_ECONFLICT (a second default). */            \
    X(T, address_create, (store *s, const delivery_address *d), (s, d))                            \
    /* Replace the recipient and postal fields of address d->id of d->user_id, stamping           \
     * d->updated_at. BZ_ENOTFOUND (none such of that user). */                                    \
    X(T, address_update, (store *s, const delivery_address *d), (s, d))                            \
    /* Delete address `id` of `user_id`. BZ_ENOTFOUND. */                                          \
    X(T, address_delete, (store *s, int64_t user_id, int64_t id), (s, user_id, id))                \
    /* Read address `id` of `user_id`. BZ_ENOTFOUND (another user's too). */                       \
    X(T, address_get, (store *s, int64_t user_id, int64_t id, bz_arena *a, delivery_address *out), \
      (s, user_id, id, a, out))                                                                    \
    /* A user's addresses, the default first, then the newest. */                                  \
    X(T, addresses, (store *s, int64_t user_id, bz_arena *a, delivery_address **out, size_t *n),   \
      (s, user_id, a, out, n))                                                                     \
    /* Make address `id` the user's one default, as one unit. BZ_ENOTFOUND (nothing changed). */   \
    X(T, address_set_default, (store *s, int64_t user_id, int64_t id, int64_t now),                \
      (s, user_id, id, now))
/* clang-format on */

#endif
