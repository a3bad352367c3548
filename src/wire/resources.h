/*
 * wire/resources.h - the REST shapes of accounts, the catalog, sellers,
 * shows, chat, notifications, pre-bids and buyer limits (DESIGN §3).
 * Auctions, bids, the bid log and orders are wire/auctions.h.
 *
 * Ownership as wire/wire.h says: a new reference, NULL only when out of
 * memory; pointer arguments are borrowed. Any thread.
 */
#ifndef WIRE_RESOURCES_H
#define WIRE_RESOURCES_H

#include "app/addresses.h"
#include "app/auth.h"
#include "app/catalog.h"
#include "app/chat.h"
#include "app/media.h"
#include "app/notifications.h"
#include "app/recordings.h"
#include "app/sellers.h"
#include "app/streams.h"
#include "app/users.h"
#include "app/video.h"
#include "app/wellbeing.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- accounts and the catalog (catalog.c) ---------------------------------------------- */

/* {id, urls{small, medium, large}, width, height} */
json_t *wire_image(const app_image *img);
/* wire_image, or null for NULL. */
json_t *wire_image_or_null(const app_image *img);

/* {id, username, display_name, bio, avatar, is_seller, created_at} plus email and updated_at
 * when `is_self` (nobody else sees an email). */
json_t *wire_user(const app_user_view *u, bool is_self);

/* {user, access_token, refresh_token, token_type, expires_in, refresh_expires_at} */
json_t *wire_session(const app_session *s, int64_t now);

/* {id, username, shop_name, description, follower_count, created_at, pickup_address}. The full
 * pickup address only for its owner (`is_owner`); others see city and state. */
json_t *wire_seller(const catalog_seller *s, bool is_owner);
/* An array of wire_seller (not owners). */
json_t *wire_sellers(const catalog_seller *rows, size_t n);
/* A shop page: {seller (with is_following), products, next_cursor}. */
json_t *wire_seller_page(const app_seller_view *v, bool is_owner);

/* {id, seller_id, category_id, title, description, condition, quantity, buy_now_price,
 * currency, shipping_weight_g, dimensions_mm{length, width, height}, images, created_at,
 * updated_at}; buy_now_price 0 when not for direct sale, dimensions 0 when unknown. A single
 * product's read (p->sale_read) adds last_sale: wire_sale or null. */
json_t *wire_product(const app_product_view *p);
/* An array of wire_product. */
json_t *wire_product_list(const app_product_list *l);

/* {id, parent_id, slug, name, position} */
json_t *wire_category(const catalog_category *cat);
/* {categories: [...]} */
json_t *wire_categories(const catalog_category *cats, size_t n);

/* {spending_cap{amount, currency, period} | null, cool_off_until | null, committed,
 * currency} */
json_t *wire_limits(const app_buyer_limits *l);

/* A postal address: {line1, line2, city, state, postcode, country: "MY"}, or only {city,
 * state} when not `full` (what anyone may see of a seller's pickup address). */
json_t *wire_postal(const address_postal *a, bool full);

/* A delivery address: {id, name, phone, line1, line2, city, state, postcode, country,
 * is_default, created_at, updated_at}; and a user's, {addresses: [...]}. */
json_t *wire_address(const delivery_address *d);
json_t *wire_addresses(const delivery_address *rows, size_t n);

/* ---- shows, chat, notifications, pre-bids (shows.c) ------------------------------------- */

/* {id, seller_id, seller{id, username, shop_name}, title, description, status, starts_at,
 * started_at, ended_at, product_ids, cover, record, created_at, updated_at}; times null until
 * they happen, cover (an image) null when none was set, record: whether it is recorded. */
json_t *wire_stream(const show_stream *st, const app_image *cover);
/* One sale as anyone may see it: {auction_id, stream_id, price, currency, sold_at,
 * winner{id, username} | null}; winner null unless the buyer allows it (app_sales_public). */
json_t *wire_sale(const order_sale *s);
/* A show page: wire_stream plus "products", its lineup's summaries in order, each
 * {id, title, buy_now_price, currency, quantity, image (the first, or null), sales (wire_sale
 * of each of its sales in this show, oldest first)}. */
json_t *wire_stream_view(const app_stream_view *v);
/* {streams, next_cursor} */
json_t *wire_stream_page(const app_stream_page *p);
/* POST /streams/{id}/video/token: {"video": {provider, url, token, room, identity, role,
 * expires_at}} and publish_key when the provider has one (Janus publishers). */
json_t *wire_video_grant(const video_grant *g);

/* GET /streams/{id}/replay: {"replay": {stream_id, status (the show's), record, state ("none"
 * or the recording's), reason | null, started_at (the recording's time 0) | null,
 * duration_ms | null, video{url, type} | null, audio{url, type, offset_ms} | null (the sound
 * as a file of its own), lots: [{auction_id, product_id, title, status, started_at, ended_at,
 * start_ms | null, decided_ms | null (on the recording), sale (wire_sale) | null}]}} */
json_t *wire_replay(const app_replay *r);

/* {id, stream_id, user{id, username}, text, created_at} and seq when not 0: the REST shape and
 * the `chat:message` payload alike. */
json_t *wire_chat_message(const chat_message *m, int64_t seq);
/* {messages, next_cursor} */
json_t *wire_chat_page(const app_chat_page *p);
/* A refused post's details over REST: field (when `e` names one for `code`), until (a time,
 * for BZ_EMUTED), retry_after_ms (rate limit, slow mode). */
json_t *wire_chat_refusal(int code, const app_err *e, const app_chat_post_result *r);
/* {settings{stream_id, slow_mode_s, pinned (wire_chat_message, or null)}} */
json_t *wire_chat_settings(int64_t stream_id, int slow_mode_s, const chat_message *pinned);
/* {mute{stream_id, user_id, until}} */
json_t *wire_mute(int64_t stream_id, int64_t user_id, int64_t until);
/* {moderators: [{id, username, appointed_at}]} */
json_t *wire_moderators(const chat_moderator *mods, size_t n);
/* {words: [...]} */
json_t *wire_blocked_words(const char *const *words, size_t n);

/* {id, kind, stream_id, title, created_at} and read_at when `with_read_at` (the REST list;
 * the live `notification` event has none). */
json_t *wire_notification(const notification *n, bool with_read_at);
/* {notifications, next_cursor, unread} */
json_t *wire_notification_page(const app_notif_page *p);

/* {id, stream_id, product_id, max_amount, currency, created_at} */
json_t *wire_prebid(const prebid *p);
/* {prebids: [...]} */
json_t *wire_prebids(const prebid *rows, size_t n);

/* /readyz: {status: "ready", store, bus} */
json_t *wire_ready(const char *store_name, const char *bus_name);

#endif
