/*
 * http/json_encode.h - DESIGN §3 JSON shapes of the foundation resources:
 * snake_case keys, ids as decimal strings, money as integer sen next to
 * "currency":"MYR", times as RFC 3339 UTC with milliseconds (null when 0).
 *
 * Every function returns a new reference (NULL only on OOM) and borrows its
 * argument.
 */
#ifndef HTTP_JSON_ENCODE_H
#define HTTP_JSON_ENCODE_H

#include "app/auth.h"
#include "app/catalog.h"
#include "app/media.h"
#include "app/sellers.h"
#include "app/streams.h"
#include "app/users.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

json_t *json_id(int64_t id);
/* An id, or null when 0 ("none"). */
json_t *json_id_or_null(int64_t id);
json_t *json_time(int64_t ms);

/* {id, urls{small, medium, large}, width, height} */
json_t *json_image(const app_image *img);

/* {id, username, display_name, bio, avatar, is_seller, created_at} plus email and
 * updated_at when `is_self` (nobody else sees an email). */
json_t *json_user(const app_user_view *u, bool is_self);

/* {id, username, shop_name, description, follower_count, created_at, pickup_address}. The full
 * pickup address only for its owner (`is_owner`); others see city and state. */
json_t *json_seller(const store_seller *s, bool is_owner);

/* {id, seller_id, category_id, title, description, condition, quantity, buy_now_price,
 * currency, shipping_weight_g, dimensions_mm{length, width, height}, images, created_at,
 * updated_at}; buy_now_price 0 when not for direct sale, dimensions 0 when unknown. */
json_t *json_product(const app_product_view *p);
json_t *json_product_list(const app_product_list *l);

/* {id, parent_id, slug, name, position} */
json_t *json_category(const store_category *cat);

/* {user, access_token, refresh_token, token_type, expires_in, refresh_expires_at} */
json_t *json_session(const app_session *s, int64_t now);

/* A show page: the stream plus "products", its lineup's summaries (handlers_streams.c). */
json_t *json_stream_view(const app_stream_view *v);

#endif
