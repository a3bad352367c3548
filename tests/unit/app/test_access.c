/* Unit tests for object-level authorization and the rules of app/users, app/sellers,
 * app/catalog, app/media and app/idempotency, over the real SQLite adapter. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "app/catalog.h"
#include "app/idempotency.h"
#include "app/media.h"
#include "app/sellers.h"
#include "app/users.h"
#include "base/err.h"
#include "fixture.h"

static app_product_input product_input(const char *title)
{
    app_product_input in = {.set = APP_P_TITLE | APP_P_CONDITION | APP_P_QUANTITY | APP_P_WEIGHT |
                                   APP_P_PRICE};
    in.v.title = title;
    in.v.condition = "good";
    in.v.quantity = 1;
    in.v.shipping_weight_g = 250;
    in.v.buy_now_price = 5000;
    return in;
}

static int64_t new_product(fixture *f, int64_t seller)
{
    app_product_input in = product_input("Kad Pokemon Pikachu");
    app_product_view v;
    assert_int_equal(app_catalog_product_create(&f->ctx, seller, &in, &v), BZ_OK);
    return v.product.id;
}

static void profiles_edit_only_by_their_owner(void **state)
{
    fixture *f = *state;
    int64_t a = fixture_user(f, "ali"), b = fixture_user(f, "bala");
    app_user_view v;
    assert_int_equal(app_user_update(&f->ctx, a, b, "hacked", NULL, -1, &v), BZ_EFORBIDDEN);
    assert_int_equal(app_user_update(&f->ctx, a, a, "Ali Baba", "Hello", -1, &v), BZ_OK);
    assert_string_equal(v.user.display_name, "Ali Baba");
    assert_int_equal(app_user_update(&f->ctx, a, a, NULL, "Bye", 1, &v), BZ_OK);
    assert_string_equal(v.user.display_name, "Ali Baba");
    assert_string_equal(v.user.bio, "Bye");
    assert_true(v.user.show_win_name);
    assert_int_equal(app_user_profile(&f->ctx, "bala", &v), BZ_OK);
    assert_int_equal(v.user.id, b);
    assert_int_equal(app_user_profile(&f->ctx, "nobody", &v), BZ_ENOTFOUND);
}

static void only_sellers_list_and_only_owners_change(void **state)
{
    fixture *f = *state;
    int64_t buyer = fixture_user(f, "buyer");
    int64_t s1 = fixture_seller(f, "seller1"), s2 = fixture_seller(f, "seller2");
    app_product_input in = product_input("Jam Seiko");
    app_product_view v;
    assert_int_equal(app_catalog_product_create(&f->ctx, buyer, &in, &v), BZ_ENOTSELLER);
    int64_t p = new_product(f, s1);
    app_product_input patch = {.set = APP_P_TITLE};
    patch.v.title = "Stolen listing";
    assert_int_equal(app_catalog_product_update(&f->ctx, s2, p, &patch, &v), BZ_EFORBIDDEN);
    assert_int_equal(app_catalog_product_delete(&f->ctx, s2, p), BZ_EFORBIDDEN);
    assert_int_equal(app_catalog_product_delete(&f->ctx, buyer, p), BZ_EFORBIDDEN);
    assert_int_equal(app_catalog_product_update(&f->ctx, s1, p, &patch, &v), BZ_OK);
    assert_string_equal(v.product.title, "Stolen listing");
    assert_string_equal(v.product.condition, "good");
    assert_int_equal(app_catalog_product_delete(&f->ctx, s1, p), BZ_OK);
    assert_int_equal(app_catalog_product_get(&f->ctx, p, &v), BZ_ENOTFOUND);
}

static void product_fields_are_validated(void **state)
{
    fixture *f = *state;
    int64_t s = fixture_seller(f, "seller3");
    app_product_view v;
    app_product_input in = product_input("Kasut");
    in.v.condition = "broken";
    assert_int_equal(app_catalog_product_create(&f->ctx, s, &in, &v), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "condition");
    in = product_input("Kasut");
    in.set |= APP_P_CATEGORY;
    in.v.category_id = 987654;
    assert_int_equal(app_catalog_product_create(&f->ctx, s, &in, &v), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "category_id");
    in = product_input("Kasut");
    in.set &= ~(unsigned)APP_P_TITLE;
    assert_int_equal(app_catalog_product_create(&f->ctx, s, &in, &v), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "title");
}

static void sellers_and_follows(void **state)
{
    fixture *f = *state;
    int64_t s = fixture_seller(f, "kedai"), u = fixture_user(f, "fan");
    address_postal bad = {"1 Jalan", "", "Klang", "Selangor", "4120"};
    app_seller_input in = {.shop_name = "Kedai Dua", .pickup = &bad};
    catalog_seller out;
    assert_int_equal(app_seller_create(&f->ctx, s, &in, &out), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "pickup_address.postcode");
    bad.postcode = "41200";
    assert_int_equal(app_seller_create(&f->ctx, s, &in, &out), BZ_EALREADYSELLER);
    assert_int_equal(app_seller_update(&f->ctx, u, &in, &out), BZ_ENOTSELLER);

    assert_int_equal(app_seller_follow(&f->ctx, s, s), BZ_ESELFFOLLOW);
    assert_int_equal(app_seller_follow(&f->ctx, s, u), BZ_ENOTFOUND);
    assert_int_equal(app_seller_follow(&f->ctx, u, s), BZ_OK);
    assert_int_equal(app_seller_follow(&f->ctx, u, s), BZ_OK);
    app_seller_view view;
    assert_int_equal(app_seller_get(&f->ctx, u, "kedai", &view), BZ_OK);
    assert_true(view.is_following);
    assert_int_equal(view.seller.follower_count, 1);
    app_seller_list following;
    assert_int_equal(app_seller_following(&f->ctx, u, 0, 10, &following), BZ_OK);
    assert_int_equal(following.n, 1);
    assert_int_equal(following.items[0].id, s);
    assert_int_equal(app_seller_unfollow(&f->ctx, u, s), BZ_OK);
    assert_int_equal(app_seller_get(&f->ctx, 0, "kedai", &view), BZ_OK);
    assert_false(view.is_following);
    assert_int_equal(view.seller.follower_count, 0);
}

static void product_images_belong_to_their_product(void **state)
{
    fixture *f = *state;
    int64_t s1 = fixture_seller(f, "img1"), s2 = fixture_seller(f, "img2");
    int64_t p = new_product(f, s1), q = new_product(f, s1);
    app_image img;
    assert_int_equal(app_media_product_image_add(&f->ctx, s2, p, "IMG", 3, &img), BZ_EFORBIDDEN);
    assert_int_equal(app_media_product_image_add(&f->ctx, s1, p, "GIF", 3, &img), BZ_EBADIMAGE);
    assert_int_equal(f->blob.count, 0);
    assert_int_equal(app_media_product_image_add(&f->ctx, s1, p, "IMG", 3, &img), BZ_OK);
    char key[128];
    snprintf(key, sizeof(key), "products/%lld/%lld-large.webp", (long long)p, (long long)img.id);
    assert_true(fixture_blob_has(f, key));
    assert_int_equal(f->blob.count, 3);
    assert_int_equal(app_media_product_image_delete(&f->ctx, s1, q, img.id), BZ_ENOTFOUND);
    assert_int_equal(app_media_product_image_delete(&f->ctx, s2, p, img.id), BZ_EFORBIDDEN);
    assert_int_equal(app_media_product_image_delete(&f->ctx, s1, p, img.id), BZ_OK);
    assert_int_equal(f->blob.count, 0);

    f->env.cfg.max_product_images = 2;
    assert_int_equal(app_media_product_image_add(&f->ctx, s1, p, "IMG", 3, &img), BZ_OK);
    assert_int_equal(app_media_product_image_add(&f->ctx, s1, p, "IMG", 3, &img), BZ_OK);
    assert_int_equal(app_media_product_image_add(&f->ctx, s1, p, "IMG", 3, &img), BZ_EVALIDATION);
    assert_int_equal(app_catalog_product_delete(&f->ctx, s1, p), BZ_OK);
    assert_int_equal(f->blob.count, 0);
}

static void avatar_replaces_the_previous_one(void **state)
{
    fixture *f = *state;
    int64_t u = fixture_user(f, "avatar");
    app_image first, second;
    app_user_view v;
    assert_int_equal(app_media_avatar_set(&f->ctx, u, "IMG", 3, &first), BZ_OK);
    assert_int_equal(first.width, first.height);
    assert_int_equal(app_media_avatar_set(&f->ctx, u, "IMG", 3, &second), BZ_OK);
    assert_int_equal(f->blob.count, 3);
    assert_int_equal(app_user_me(&f->ctx, u, &v), BZ_OK);
    assert_non_null(v.avatar);
    assert_int_equal(v.avatar->id, second.id);
}

static void idempotency_replays_and_conflicts(void **state)
{
    fixture *f = *state;
    int64_t u = fixture_user(f, "idem");
    app_idem st;
    app_idem_replay rp;
    assert_int_equal(app_idem_begin(&f->ctx, u, "k1", "POST", "/x", "{}", 2, &st, &rp), BZ_OK);
    assert_true(st.active);
    assert_int_equal(rp.status, 0);
    assert_int_equal(app_idem_finish(&f->ctx, &st, 201, "{\"ok\":true}"), BZ_OK);
    assert_int_equal(app_idem_begin(&f->ctx, u, "k1", "POST", "/x", "{}", 2, &st, &rp), BZ_OK);
    assert_int_equal(rp.status, 201);
    assert_string_equal(rp.body, "{\"ok\":true}");
    assert_int_equal(app_idem_begin(&f->ctx, u, "k1", "POST", "/x", "{ }", 3, &st, &rp),
                     BZ_EIDEMPOTENCY);
    assert_int_equal(app_idem_begin(&f->ctx, u, "k1", "POST", "/y", "{}", 2, &st, &rp),
                     BZ_EIDEMPOTENCY);
    /* Errors are not recorded; anonymous callers and missing keys are not tracked. */
    assert_int_equal(app_idem_begin(&f->ctx, u, "k2", "POST", "/x", "{}", 2, &st, &rp), BZ_OK);
    assert_int_equal(app_idem_finish(&f->ctx, &st, 422, "{}"), BZ_OK);
    assert_int_equal(app_idem_begin(&f->ctx, u, "k2", "POST", "/x", "{}", 2, &st, &rp), BZ_OK);
    assert_int_equal(rp.status, 0);
    assert_int_equal(app_idem_begin(&f->ctx, 0, "k1", "POST", "/x", "{}", 2, &st, &rp), BZ_OK);
    assert_false(st.active);
    assert_int_equal(app_idem_begin(&f->ctx, u, "bad key", "POST", "/x", "", 0, &st, &rp),
                     BZ_EVALIDATION);
}

static void search_validates_its_query(void **state)
{
    fixture *f = *state;
    int64_t s = fixture_seller(f, "search");
    for (int i = 0; i < 3; i++) {
        new_product(f, s);
    }
    catalog_product_query q = {.seller_id = s, .min_price = -1, .max_price = -1, .limit = 2};
    app_product_list l;
    assert_int_equal(app_catalog_search(&f->ctx, &q, &l), BZ_OK);
    assert_int_equal(l.n, 2);
    assert_true(l.next_cursor != 0);
    q.cursor = l.next_cursor;
    assert_int_equal(app_catalog_search(&f->ctx, &q, &l), BZ_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.next_cursor, 0);
    q.limit = 0;
    assert_int_equal(app_catalog_search(&f->ctx, &q, &l), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "limit");
    q.limit = 10;
    q.min_price = 500;
    q.max_price = 100;
    assert_int_equal(app_catalog_search(&f->ctx, &q, &l), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "max_price");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
UNIT_MAIN(T(profiles_edit_only_by_their_owner), T(only_sellers_list_and_only_owners_change),
          T(product_fields_are_validated), T(sellers_and_follows),
          T(product_images_belong_to_their_product), T(avatar_replaces_the_previous_one),
          T(idempotency_replays_and_conflicts), T(search_validates_its_query))
