#include "http/json_encode.h"

#include "base/time.h"

#include <inttypes.h>
#include <stdio.h>

json_t *json_id(int64_t id)
{
    char buf[24];
    snprintf(buf, sizeof(buf), "%" PRId64, id);
    return json_string(buf);
}

json_t *json_id_or_null(int64_t id)
{
    return id ? json_id(id) : json_null();
}

json_t *json_time(int64_t ms)
{
    char buf[BZ_RFC3339_LEN];
    if (ms == 0) {
        return json_null();
    }
    bz_time_format(ms, buf);
    return json_string(buf);
}

/* json_string that maps NULL to "" (store strings may be NULL when unset). */
static json_t *str(const char *s)
{
    return json_string(s ? s : "");
}

json_t *json_image(const app_image *img)
{
    return json_pack("{s:o, s:{s:s, s:s, s:s}, s:i, s:i}", "id", json_id(img->id), "urls", "small",
                     img->urls[IMAGE_SMALL], "medium", img->urls[IMAGE_MEDIUM], "large",
                     img->urls[IMAGE_LARGE], "width", (json_int_t)img->width, "height",
                     (json_int_t)img->height);
}

json_t *json_user(const app_user_view *v, bool is_self)
{
    const store_user *u = &v->user;
    json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:b, s:o}", "id", json_id(u->id), "username",
                          str(u->username), "display_name", str(u->display_name), "bio",
                          str(u->bio), "avatar", v->avatar ? json_image(v->avatar) : json_null(),
                          "is_seller", u->is_seller, "created_at", json_time(u->created_at));
    if (o && is_self) {
        json_object_set_new(o, "email", str(u->email));
        json_object_set_new(o, "updated_at", json_time(u->updated_at));
    }
    return o;
}

static json_t *address(const store_address *a, bool full)
{
    if (!full) {
        return json_pack("{s:o, s:o}", "city", str(a->city), "state", str(a->state));
    }
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:s}", "line1", str(a->line1), "line2",
                     str(a->line2), "city", str(a->city), "state", str(a->state), "postcode",
                     str(a->postcode), "country", "MY");
}

json_t *json_seller(const store_seller *s, bool is_owner)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:I, s:o, s:o}", "id", json_id(s->id), "username",
                     str(s->username), "shop_name", str(s->shop_name), "description",
                     str(s->description), "follower_count", (json_int_t)s->follower_count,
                     "pickup_address", address(&s->pickup, is_owner), "created_at",
                     json_time(s->created_at));
}

static json_t *images(const app_product_view *p)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < p->n_images; i++) {
        json_array_append_new(arr, json_image(&p->images[i]));
    }
    return arr;
}

json_t *json_product(const app_product_view *v)
{
    const store_product *p = &v->product;
    json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:i, s:o, s:s, s:i}", "id",
                          json_id(p->id), "seller_id", json_id(p->seller_id), "category_id",
                          json_id_or_null(p->category_id), "title", str(p->title), "description",
                          str(p->description), "condition", str(p->condition), "quantity",
                          (json_int_t)p->quantity, "buy_now_price", json_integer(p->buy_now_price),
                          "currency", "MYR", "shipping_weight_g", (json_int_t)p->shipping_weight_g);
    if (!o) {
        return NULL;
    }
    json_object_set_new(o, "dimensions_mm",
                        json_pack("{s:i, s:i, s:i}", "length", (json_int_t)p->length_mm, "width",
                                  (json_int_t)p->width_mm, "height", (json_int_t)p->height_mm));
    json_object_set_new(o, "images", images(v));
    json_object_set_new(o, "created_at", json_time(p->created_at));
    json_object_set_new(o, "updated_at", json_time(p->updated_at));
    return o;
}

json_t *json_product_list(const app_product_list *l)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < l->n; i++) {
        json_array_append_new(arr, json_product(&l->items[i]));
    }
    return arr;
}

json_t *json_category(const store_category *cat)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:i}", "id", json_id(cat->id), "parent_id",
                     json_id_or_null(cat->parent_id), "slug", str(cat->slug), "name",
                     str(cat->name), "position", (json_int_t)cat->position);
}

json_t *json_session(const app_session *s, int64_t now)
{
    app_user_view v = {.user = s->user, .avatar = NULL};
    int64_t expires_in = (s->access_expires_at - now) / 1000;
    return json_pack("{s:o, s:s, s:s, s:s, s:I, s:o}", "user", json_user(&v, true), "access_token",
                     s->access_token, "refresh_token", s->refresh_token, "token_type", "Bearer",
                     "expires_in", (json_int_t)expires_in, "refresh_expires_at",
                     json_time(s->refresh_expires_at));
}
