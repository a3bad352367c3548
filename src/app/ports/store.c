/*
 * app/ports/store.c - the store_* wrappers: each forwards to the adapter's
 * ops table, so callers never reach into `struct store_ops` themselves.
 */
#include "app/ports/store.h"

#include "base/err.h"

#include "base/time.h"

#include <stddef.h>

/* Evaluate an adapter call and add its duration to the connection's busy time, so /metrics
 * can tell store time from the rest of a request. Two vDSO clock reads per call. */
#define STORE_TIMED(s, call)                                                                       \
    ({                                                                                             \
        uint64_t t0_ = bz_mono_ns();                                                               \
        int rc_ = (call);                                                                          \
        (s)->busy_ns += bz_mono_ns() - t0_;                                                        \
        rc_;                                                                                       \
    })

void store_close(store *s)
{
    if (s) {
        s->ops->close(s);
    }
}

const char *store_name(const store *s)
{
    return s->ops->name;
}

int store_ping(store *s)
{
    return STORE_TIMED(s, s->ops->ping(s));
}

int store_migrate(store *s, int *applied_out)
{
    int applied = 0;
    int rc = s->ops->migrate(s, &applied);
    if (applied_out) {
        *applied_out = applied;
    }
    return rc;
}

int store_begin(store *s)
{
    return STORE_TIMED(s, s->ops->begin(s));
}

int store_commit(store *s)
{
    return STORE_TIMED(s, s->ops->commit(s));
}

int store_rollback(store *s)
{
    return STORE_TIMED(s, s->ops->rollback(s));
}

int store_user_create(store *s, const store_user *u)
{
    return STORE_TIMED(s, s->ops->user_create(s, u));
}

int store_user_get(store *s, int64_t id, bz_arena *a, store_user *out)
{
    return STORE_TIMED(s, s->ops->user_get(s, id, a, out));
}

int store_user_by_email(store *s, const char *email, bz_arena *a, store_user *out)
{
    return STORE_TIMED(s, s->ops->user_by_email(s, email, a, out));
}

int store_user_by_username(store *s, const char *username, bz_arena *a, store_user *out)
{
    return STORE_TIMED(s, s->ops->user_by_username(s, username, a, out));
}

int store_user_update(store *s, int64_t id, const char *display_name, const char *bio, int64_t now)
{
    return STORE_TIMED(s, s->ops->user_update(s, id, display_name, bio, now));
}

int store_user_set_avatar(store *s, int64_t id, int64_t image_id, int64_t now)
{
    return STORE_TIMED(s, s->ops->user_set_avatar(s, id, image_id, now));
}

int store_refresh_create(store *s, const store_refresh *r)
{
    return STORE_TIMED(s, s->ops->refresh_create(s, r));
}

int store_refresh_by_hash(store *s, const unsigned char hash[32], store_refresh *out)
{
    return STORE_TIMED(s, s->ops->refresh_by_hash(s, hash, out));
}

int store_refresh_mark_used(store *s, int64_t id, int64_t now)
{
    return STORE_TIMED(s, s->ops->refresh_mark_used(s, id, now));
}

int store_refresh_revoke_family(store *s, int64_t family_id, int64_t now)
{
    return STORE_TIMED(s, s->ops->refresh_revoke_family(s, family_id, now));
}

int store_user_set_password(store *s, int64_t id, const char *phc, int64_t now)
{
    return STORE_TIMED(s, s->ops->user_set_password(s, id, phc, now));
}

int store_session_revoke(store *s, int64_t family_id, int64_t user_id, int64_t now,
                         int64_t expires_at, bool *added)
{
    bool dummy;
    return STORE_TIMED(
        s, s->ops->session_revoke(s, family_id, user_id, now, expires_at, added ? added : &dummy));
}

int store_sessions_revoke_user(store *s, int64_t user_id, int64_t keep_family, int64_t now,
                               int64_t expires_at, bz_arena *a, int64_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    return STORE_TIMED(
        s, s->ops->sessions_revoke_user(s, user_id, keep_family, now, expires_at, a, out, n));
}

int store_revocations_after(store *s, int64_t after_at, int64_t after_family, int64_t now,
                            int limit, bz_arena *a, store_revocation **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    limit = limit < 1 ? 1 : limit > STORE_REVOCATIONS_MAX ? STORE_REVOCATIONS_MAX : limit;
    return STORE_TIMED(s,
                       s->ops->revocations_after(s, after_at, after_family, now, limit, a, out, n));
}

int store_revocations_prune(store *s, int64_t before, int *deleted)
{
    int dummy;
    return STORE_TIMED(s, s->ops->revocations_prune(s, before, deleted ? deleted : &dummy));
}

int store_seller_create(store *s, const store_seller *sl)
{
    return STORE_TIMED(s, s->ops->seller_create(s, sl));
}

int store_seller_get(store *s, int64_t id, bz_arena *a, store_seller *out)
{
    return STORE_TIMED(s, s->ops->seller_get(s, id, a, out));
}

int store_seller_update(store *s, const store_seller *sl)
{
    return STORE_TIMED(s, s->ops->seller_update(s, sl));
}

int store_follow(store *s, int64_t user_id, int64_t seller_id, int64_t now)
{
    return STORE_TIMED(s, s->ops->follow(s, user_id, seller_id, now));
}

int store_unfollow(store *s, int64_t user_id, int64_t seller_id)
{
    return STORE_TIMED(s, s->ops->unfollow(s, user_id, seller_id));
}

int store_is_following(store *s, int64_t user_id, int64_t seller_id, bool *out)
{
    return STORE_TIMED(s, s->ops->is_following(s, user_id, seller_id, out));
}

int store_following(store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                    store_seller **out, store_page *page)
{
    return STORE_TIMED(s, s->ops->following(s, user_id, cursor, limit, a, out, page));
}

int store_category_create(store *s, const store_category *c)
{
    return STORE_TIMED(s, s->ops->category_create(s, c));
}

int store_categories(store *s, bz_arena *a, store_category **out, size_t *n)
{
    return STORE_TIMED(s, s->ops->categories(s, a, out, n));
}

int store_category_get(store *s, int64_t id, bz_arena *a, store_category *out)
{
    return STORE_TIMED(s, s->ops->category_get(s, id, a, out));
}

int store_product_create(store *s, const store_product *p)
{
    return STORE_TIMED(s, s->ops->product_create(s, p));
}

int store_product_get(store *s, int64_t id, bz_arena *a, store_product *out)
{
    return STORE_TIMED(s, s->ops->product_get(s, id, a, out));
}

int store_product_update(store *s, const store_product *p)
{
    return STORE_TIMED(s, s->ops->product_update(s, p));
}

int store_product_delete(store *s, int64_t id)
{
    return STORE_TIMED(s, s->ops->product_delete(s, id));
}

int store_product_search(store *s, const store_product_query *q, bz_arena *a, store_product **out,
                         store_page *page)
{
    return STORE_TIMED(s, s->ops->product_search(s, q, a, out, page));
}

int store_image_create(store *s, const store_image *img)
{
    return STORE_TIMED(s, s->ops->image_create(s, img));
}

int store_image_get(store *s, int64_t id, bz_arena *a, store_image *out)
{
    return STORE_TIMED(s, s->ops->image_get(s, id, a, out));
}

int store_image_delete(store *s, int64_t id)
{
    return STORE_TIMED(s, s->ops->image_delete(s, id));
}

int store_image_count(store *s, const char *kind, int64_t owner_id, int *out)
{
    return STORE_TIMED(s, s->ops->image_count(s, kind, owner_id, out));
}

int store_idem_get(store *s, int64_t user_id, const char *key, bz_arena *a, store_idem *out)
{
    return STORE_TIMED(s, s->ops->idem_get(s, user_id, key, a, out));
}

int store_idem_put(store *s, const store_idem *rec)
{
    return STORE_TIMED(s, s->ops->idem_put(s, rec));
}

int store_stream_create(store *s, const store_stream *st)
{
    return STORE_TIMED(s, s->ops->stream_create(s, st));
}

int store_stream_get(store *s, int64_t id, bz_arena *a, store_stream *out)
{
    return STORE_TIMED(s, s->ops->stream_get(s, id, a, out));
}

int store_stream_list(store *s, const store_stream_query *q, bz_arena *a, store_stream **out,
                      store_stream_page *page)
{
    return STORE_TIMED(s, s->ops->stream_list(s, q, a, out, page));
}

int store_stream_set_status(store *s, int64_t id, const char *from, const char *to, int64_t now)
{
    return STORE_TIMED(s, s->ops->stream_set_status(s, id, from, to, now));
}

int store_stream_set_cover(store *s, int64_t id, int64_t image_id, int64_t now)
{
    return STORE_TIMED(s, s->ops->stream_set_cover(s, id, image_id, now));
}

int store_stream_lineup(store *s, int64_t id, bz_arena *a, store_product **out, size_t *n)
{
    return STORE_TIMED(s, s->ops->stream_lineup(s, id, a, out, n));
}

/* ---- auctions, bids, orders, stream events ------------------------------ */

int store_stream_next_seq(store *s, int64_t stream_id, int64_t count, int64_t *first)
{
    return STORE_TIMED(s, s->ops->stream_next_seq(s, stream_id, count, first));
}

int store_stream_event_insert(store *s, const store_stream_event *ev)
{
    return STORE_TIMED(s, s->ops->stream_event_insert(s, ev));
}

int store_stream_events(store *s, int64_t stream_id, int64_t after_seq, int limit, bz_arena *a,
                        store_stream_event **out, size_t *n)
{
    return STORE_TIMED(s, s->ops->stream_events(s, stream_id, after_seq, limit, a, out, n));
}

int store_auction_create(store *s, const store_auction *au)
{
    return STORE_TIMED(s, s->ops->auction_create(s, au));
}

int store_auction_get(store *s, int64_t id, bool lock, bz_arena *a, store_auction *out)
{
    return STORE_TIMED(s, s->ops->auction_get(s, id, lock, a, out));
}

int store_auction_running_of_stream(store *s, int64_t stream_id, bz_arena *a, store_auction *out)
{
    return STORE_TIMED(s, s->ops->auction_running_of_stream(s, stream_id, a, out));
}

int store_auctions_running(store *s, bz_arena *a, store_auction_due **out, size_t *n)
{
    return STORE_TIMED(s, s->ops->auctions_running(s, a, out, n));
}

int store_auction_update(store *s, const store_auction *au, int64_t expected_version)
{
    return STORE_TIMED(s, s->ops->auction_update(s, au, expected_version));
}

int store_auction_close(store *s, const store_auction *au, int64_t expected_version, int64_t now)
{
    return STORE_TIMED(s, s->ops->auction_close(s, au, expected_version, now));
}

int store_bid_insert(store *s, const store_bid *b)
{
    return STORE_TIMED(s, s->ops->bid_insert(s, b));
}

int store_bid_get(store *s, int64_t id, store_bid *out)
{
    return STORE_TIMED(s, s->ops->bid_get(s, id, out));
}

int store_bids_of(store *s, int64_t auction_id, int64_t after_seq, int limit, bz_arena *a,
                  store_bid **out, size_t *n)
{
    return STORE_TIMED(s, s->ops->bids_of(s, auction_id, after_seq, limit, a, out, n));
}

int store_bid_key_get(store *s, int64_t auction_id, int64_t bidder_id, const char *key, bz_arena *a,
                      store_bid_key *out)
{
    return STORE_TIMED(s, s->ops->bid_key_get(s, auction_id, bidder_id, key, a, out));
}

int store_bid_key_put(store *s, const store_bid_key *k)
{
    return STORE_TIMED(s, s->ops->bid_key_put(s, k));
}

int store_order_create(store *s, const store_order *o)
{
    return STORE_TIMED(s, s->ops->order_create(s, o));
}

int store_order_by_auction(store *s, int64_t auction_id, bz_arena *a, store_order *out)
{
    return STORE_TIMED(s, s->ops->order_by_auction(s, auction_id, a, out));
}

int store_orders_of(store *s, int64_t user_id, bool as_seller, int64_t cursor, int limit,
                    bz_arena *a, store_order **out, store_page *page)
{
    return STORE_TIMED(s, s->ops->orders_of(s, user_id, as_seller, cursor, limit, a, out, page));
}

int store_product_take_one(store *s, int64_t product_id, int64_t now)
{
    return STORE_TIMED(s, s->ops->product_take_one(s, product_id, now));
}

int store_product_stock(store *s, int64_t product_id, bool lock, int32_t *quantity,
                        int64_t *running)
{
    return STORE_TIMED(s, s->ops->product_stock(s, product_id, lock, quantity, running));
}

/* ---- chat, moderation, buyer limits --------------------------------------- */

int store_chat_message_insert(store *s, const store_chat_message *m)
{
    return STORE_TIMED(s, s->ops->chat_message_insert(s, m));
}

int store_chat_message_get(store *s, int64_t id, bz_arena *a, store_chat_message *out)
{
    return STORE_TIMED(s, s->ops->chat_message_get(s, id, a, out));
}

int store_chat_messages(store *s, int64_t stream_id, int64_t cursor, int limit, bz_arena *a,
                        store_chat_message **out, store_page *page)
{
    return STORE_TIMED(s, s->ops->chat_messages(s, stream_id, cursor, limit, a, out, page));
}

int store_chat_message_delete(store *s, int64_t id, int64_t by, int64_t now)
{
    return STORE_TIMED(s, s->ops->chat_message_delete(s, id, by, now));
}

int store_chat_activity(store *s, int64_t user_id, int64_t stream_id, int64_t since,
                        int64_t *count_since, int64_t *last_in_stream)
{
    return STORE_TIMED(
        s, s->ops->chat_activity(s, user_id, stream_id, since, count_since, last_in_stream));
}

int store_moderator_add(store *s, int64_t seller_id, int64_t user_id, int64_t now)
{
    return STORE_TIMED(s, s->ops->moderator_add(s, seller_id, user_id, now));
}

int store_moderator_remove(store *s, int64_t seller_id, int64_t user_id)
{
    return STORE_TIMED(s, s->ops->moderator_remove(s, seller_id, user_id));
}

int store_is_moderator(store *s, int64_t seller_id, int64_t user_id, bool *out)
{
    return STORE_TIMED(s, s->ops->is_moderator(s, seller_id, user_id, out));
}

int store_moderators(store *s, int64_t seller_id, bz_arena *a, store_chat_user **out, size_t *n)
{
    return STORE_TIMED(s, s->ops->moderators(s, seller_id, a, out, n));
}

int store_chat_mute_set(store *s, int64_t stream_id, int64_t user_id, int64_t until, int64_t by,
                        int64_t now)
{
    return STORE_TIMED(s, s->ops->chat_mute_set(s, stream_id, user_id, until, by, now));
}

int store_chat_mute_clear(store *s, int64_t stream_id, int64_t user_id)
{
    return STORE_TIMED(s, s->ops->chat_mute_clear(s, stream_id, user_id));
}

int store_chat_mute_until(store *s, int64_t stream_id, int64_t user_id, int64_t *until)
{
    return STORE_TIMED(s, s->ops->chat_mute_until(s, stream_id, user_id, until));
}

int store_stream_ban_add(store *s, int64_t stream_id, int64_t user_id, int64_t by, int64_t now)
{
    return STORE_TIMED(s, s->ops->stream_ban_add(s, stream_id, user_id, by, now));
}

int store_stream_ban_remove(store *s, int64_t stream_id, int64_t user_id)
{
    return STORE_TIMED(s, s->ops->stream_ban_remove(s, stream_id, user_id));
}

int store_stream_is_banned(store *s, int64_t stream_id, int64_t user_id, bool *out)
{
    return STORE_TIMED(s, s->ops->stream_is_banned(s, stream_id, user_id, out));
}

int store_blocked_words_set(store *s, int64_t seller_id, const char *const *words, size_t n)
{
    return STORE_TIMED(s, s->ops->blocked_words_set(s, seller_id, words, n));
}

int store_blocked_words(store *s, int64_t seller_id, bz_arena *a, const char ***out, size_t *n)
{
    return STORE_TIMED(s, s->ops->blocked_words(s, seller_id, a, out, n));
}

int store_chat_slow_mode_set(store *s, int64_t stream_id, int seconds, int64_t now)
{
    return STORE_TIMED(s, s->ops->chat_slow_mode_set(s, stream_id, seconds, now));
}

int store_chat_slow_mode(store *s, int64_t stream_id, int *seconds)
{
    return STORE_TIMED(s, s->ops->chat_slow_mode(s, stream_id, seconds));
}

int store_buyer_limits_get(store *s, int64_t user_id, bz_arena *a, store_buyer_limits *out)
{
    return STORE_TIMED(s, s->ops->buyer_limits_get(s, user_id, a, out));
}

int store_bidder_facts_get(store *s, int64_t stream_id, const int64_t *ids, size_t n, bz_arena *a,
                           store_bidder_facts *out)
{
    for (size_t i = 0; i < n; i++) {
        out[i] = (store_bidder_facts){.user_id = ids[i], .username = ""};
        out[i].limits.user_id = ids[i];
    }
    if (n == 0) {
        return BZ_OK;
    }
    if (n > STORE_FACTS_MAX) {
        return BZ_EINTERNAL;
    }
    return STORE_TIMED(s, s->ops->bidder_facts(s, stream_id, ids, n, a, out));
}

int store_buyer_limits_put(store *s, const store_buyer_limits *l)
{
    return STORE_TIMED(s, s->ops->buyer_limits_put(s, l));
}

int store_buyer_committed(store *s, int64_t user_id, int64_t since, int64_t exclude_auction_id,
                          int64_t *orders_sum, int64_t *leading_sum)
{
    return STORE_TIMED(
        s, s->ops->buyer_committed(s, user_id, since, exclude_auction_id, orders_sum, leading_sum));
}

/* ---- notifications --------------------------------------------------------- */

int store_notify_followers_live(store *s, int64_t stream_id, int64_t now, bz_arena *a,
                                store_notification **out, size_t *n)
{
    return STORE_TIMED(s, s->ops->notify_followers_live(s, stream_id, now, a, out, n));
}

int store_notifications_of(store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                           store_notification **out, store_page *page, int64_t *unread)
{
    return STORE_TIMED(s,
                       s->ops->notifications_of(s, user_id, cursor, limit, a, out, page, unread));
}

int store_notification_mark_read(store *s, int64_t user_id, int64_t id, int64_t now)
{
    return STORE_TIMED(s, s->ops->notification_mark_read(s, user_id, id, now));
}

int store_prebid_put(store *s, store_prebid *p)
{
    return STORE_TIMED(s, s->ops->prebid_put(s, p));
}

int store_prebids_of_lot(store *s, int64_t stream_id, int64_t product_id, bz_arena *a,
                         store_prebid **out, size_t *n)
{
    return STORE_TIMED(s, s->ops->prebids_of_lot(s, stream_id, product_id, a, out, n));
}

int store_prebids_of_bidder(store *s, int64_t stream_id, int64_t bidder_id, bz_arena *a,
                            store_prebid **out, size_t *n)
{
    return STORE_TIMED(s, s->ops->prebids_of_bidder(s, stream_id, bidder_id, a, out, n));
}

int store_prebid_delete(store *s, int64_t stream_id, int64_t product_id, int64_t bidder_id)
{
    return STORE_TIMED(s, s->ops->prebid_delete(s, stream_id, product_id, bidder_id));
}
