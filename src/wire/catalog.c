/*
 * Accounts, sellers, the catalog and buyer limits (wire/resources.h).
 */
#include "wire/resources.h"

#include "wire/wire.h"

json_t *wire_image(const app_image *img)
{
    return json_pack("{s:o, s:{s:o, s:o, s:o}, s:I, s:I}", "id", wire_id(img->id), "urls", "small",
                     wire_str(img->urls[IMAGE_SMALL]), "medium", wire_str(img->urls[IMAGE_MEDIUM]),
                     "large", wire_str(img->urls[IMAGE_LARGE]), "width", (json_int_t)img->width,
                     "height", (json_int_t)img->height);
}

json_t *wire_image_or_null(const app_image *img)
{
    return img ? wire_image(img) : json_null();
}

json_t *wire_user(const app_user_view *v, bool is_self)
{
    const account_user *u = &v->user;
    json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:b, s:o}", "id", wire_id(u->id), "username",
                          wire_str(u->username), "display_name", wire_str(u->display_name), "bio",
                          wire_str(u->bio), "avatar", wire_image_or_null(v->avatar), "is_seller",
                          u->is_seller, "created_at", wire_time(u->created_at));
    if (is_self) {
        o = wire_set(o, "email", wire_str(u->email));
        o = wire_set(o, "updated_at", wire_time(u->updated_at));
        o = wire_set(o, "show_win_name", json_boolean(u->show_win_name));
    }
    return o;
}

json_t *wire_session(const app_session *s, int64_t now)
{
    app_user_view v = {.user = s->user, .avatar = NULL};
    int64_t expires_in = (s->access_expires_at - now) / 1000;
    return json_pack("{s:o, s:o, s:o, s:s, s:I, s:o}", "user", wire_user(&v, true), "access_token",
                     wire_str(s->access_token), "refresh_token", wire_str(s->refresh_token),
                     "token_type", "Bearer", "expires_in", (json_int_t)expires_in,
                     "refresh_expires_at", wire_time(s->refresh_expires_at));
}

json_t *wire_postal(const address_postal *a, bool full)
{
    if (!full) {
        return json_pack("{s:o, s:o}", "city", wire_str(a->city), "state", wire_str(a->state));
    }
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:s}", "line1", wire_str(a->line1), "line2",
                     wire_str(a->line2), "city", wire_str(a->city), "state", wire_str(a->state),
                     "postcode", wire_str(a->postcode), "country", "MY");
}

json_t *wire_seller(const catalog_seller *s, bool is_owner)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:I, s:o, s:b, s:o}", "id", wire_id(s->id), "username",
                     wire_str(s->username), "shop_name", wire_str(s->shop_name), "description",
                     wire_str(s->description), "follower_count", (json_int_t)s->follower_count,
                     "pickup_address", wire_postal(&s->pickup, is_owner), "require_card",
                     s->require_card, "created_at", wire_time(s->created_at));
}

json_t *wire_sellers(const catalog_seller *rows, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_array_append_new(arr, wire_seller(&rows[i], false));
    }
    return arr;
}

json_t *wire_seller_page(const app_seller_view *v, bool is_owner)
{
    json_t *seller =
        wire_set(wire_seller(&v->seller, is_owner), "is_following", json_boolean(v->is_following));
    return json_pack("{s:o, s:o, s:o}", "seller", seller, "products",
                     wire_product_list(&v->products), "next_cursor",
                     wire_cursor(v->products.next_cursor));
}

static json_t *images(const app_product_view *p)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < p->n_images; i++) {
        json_array_append_new(arr, wire_image(&p->images[i]));
    }
    return arr;
}

json_t *wire_product(const app_product_view *v)
{
    const catalog_product *p = &v->product;
    json_t *o =
        json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:s, s:I}", "id", wire_id(p->id),
                  "seller_id", wire_id(p->seller_id), "category_id",
                  wire_id_or_null(p->category_id), "title", wire_str(p->title), "description",
                  wire_str(p->description), "condition", wire_str(p->condition), "quantity",
                  (json_int_t)p->quantity, "buy_now_price", (json_int_t)p->buy_now_price,
                  "currency", "MYR", "shipping_weight_g", (json_int_t)p->shipping_weight_g);
    o = wire_set(o, "dimensions_mm",
                 json_pack("{s:I, s:I, s:I}", "length", (json_int_t)p->length_mm, "width",
                           (json_int_t)p->width_mm, "height", (json_int_t)p->height_mm));
    o = wire_set(o, "images", images(v));
    if (v->sale_read) {
        o = wire_set(o, "last_sale", v->last_sale ? wire_sale(v->last_sale) : json_null());
    }
    o = wire_set(o, "created_at", wire_time(p->created_at));
    return wire_set(o, "updated_at", wire_time(p->updated_at));
}

json_t *wire_product_list(const app_product_list *l)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < l->n; i++) {
        json_array_append_new(arr, wire_product(&l->items[i]));
    }
    return arr;
}

json_t *wire_category(const catalog_category *cat)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:I}", "id", wire_id(cat->id), "parent_id",
                     wire_id_or_null(cat->parent_id), "slug", wire_str(cat->slug), "name",
                     wire_str(cat->name), "position", (json_int_t)cat->position);
}

json_t *wire_categories(const catalog_category *cats, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_array_append_new(arr, wire_category(&cats[i]));
    }
    return wire_wrap("categories", arr);
}

json_t *wire_limits(const app_buyer_limits *l)
{
    json_t *cap = l->spending_cap > 0 ? json_pack("{s:I, s:s, s:s}", "amount",
                                                  (json_int_t)l->spending_cap, "currency", "MYR",
                                                  "period", l->cap_period ? l->cap_period : "day")
                                      : json_null();
    return json_pack("{s:o, s:o, s:I, s:s}", "spending_cap", cap, "cool_off_until",
                     wire_time(l->cool_off_until), "committed", (json_int_t)l->committed,
                     "currency", "MYR");
}
