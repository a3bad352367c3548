/*
 * tests/contract/store_contract_catalog.c - categories, products, search
 * and images: the catalog half of the store contract.
 */
#include "contract.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/* `got`, read back, is `want` as it was written: every column of the product's row. */
static void same_product(const catalog_product *got, const catalog_product *want)
{
    assert_int_equal(got->id, want->id);
    assert_int_equal(got->seller_id, want->seller_id);
    assert_int_equal(got->category_id, want->category_id);
    assert_string_equal(got->title, want->title);
    assert_string_equal(got->description, want->description);
    assert_string_equal(got->condition, want->condition);
    assert_int_equal(got->quantity, want->quantity);
    assert_int_equal(got->buy_now_price, want->buy_now_price);
    assert_int_equal(got->shipping_weight_g, want->shipping_weight_g);
    assert_int_equal(got->length_mm, want->length_mm);
    assert_int_equal(got->width_mm, want->width_mm);
    assert_int_equal(got->height_mm, want->height_mm);
    assert_int_equal(got->created_at, want->created_at);
    assert_int_equal(got->updated_at, want->updated_at);
}

/* Run a search and check it returns exactly `expected` (ids, newest first) on one page. */
static void expect_search(const catalog_product_query *q, const int64_t *expected, size_t n)
{
    catalog_product *rows = NULL;
    store_page page = {0};
    OK(store_product_search(S, q, A, &rows, &page));
    if (page.n != n) {
        fprintf(stderr, "search: got %zu rows, expected %zu\n", page.n, n);
    }
    assert_int_equal(page.n, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(rows[i].id, expected[i]);
    }
    assert_int_equal(page.next_cursor, 0);
}

static catalog_product_query query(void)
{
    return (catalog_product_query){.min_price = -1, .max_price = -1, .limit = 100};
}

#define EXPECT(q, ...)                                                                             \
    do {                                                                                           \
        const int64_t want_[] = {__VA_ARGS__};                                                     \
        expect_search(&(q), want_, sizeof(want_) / sizeof(want_[0]));                              \
    } while (0)
#define EXPECT_NONE(q) expect_search(&(q), NULL, 0)

void test_categories_tree(void **state)
{
    bz_arena_reset(A);
    int64_t root = make_category(0);
    catalog_category second = {
        .id = root + 1000, .parent_id = root, .name = "Second", .position = 2};
    second.slug = unique_word();
    catalog_category first = {.id = root + 2000, .parent_id = root, .name = "First", .position = 1};
    first.slug = unique_word();
    OK(store_category_create(S, &second));
    OK(store_category_create(S, &first));
    int64_t grandchild = make_category(first.id);

    catalog_category dup = {.id = new_id(), .slug = first.slug, .name = "Dup"};
    assert_int_equal(store_category_create(S, &dup), BZ_ECONFLICT);
    catalog_category orphan = {.id = new_id(), .parent_id = new_id(), .name = "Orphan"};
    orphan.slug = unique_word();
    assert_int_equal(store_category_create(S, &orphan), BZ_ENOTFOUND);

    catalog_category got;
    OK(store_category_get(S, first.id, A, &got));
    assert_int_equal(got.parent_id, root);
    assert_string_equal(got.slug, first.slug);
    assert_string_equal(got.name, "First");
    assert_int_equal(got.position, 1);
    OK(store_category_get(S, root, A, &got));
    assert_int_equal(got.parent_id, 0);
    assert_int_equal(store_category_get(S, new_id(), A, &got), BZ_ENOTFOUND);

    /* ordered by parent, then position: root's children come as first, second */
    catalog_category *all = NULL;
    size_t n = 0;
    OK(store_categories(S, A, &all, &n));
    int at_root = -1, at_first = -1, at_second = -1, at_grandchild = -1;
    for (size_t i = 0; i < n; i++) {
        at_root = all[i].id == root ? (int)i : at_root;
        at_first = all[i].id == first.id ? (int)i : at_first;
        at_second = all[i].id == second.id ? (int)i : at_second;
        at_grandchild = all[i].id == grandchild ? (int)i : at_grandchild;
    }
    assert_true(at_root >= 0 && at_first >= 0 && at_second >= 0 && at_grandchild >= 0);
    assert_true(at_first < at_second);
    assert_int_equal(all[at_grandchild].parent_id, first.id);
    for (size_t i = 1; i < n; i++) {
        assert_true(
            all[i - 1].parent_id < all[i].parent_id ||
            (all[i - 1].parent_id == all[i].parent_id && all[i - 1].position <= all[i].position));
    }
}

void test_products_crud(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    int64_t cat = make_category(0), cat2 = make_category(0);
    catalog_product p = {
        .id = new_id(),
        .seller_id = seller,
        .category_id = cat,
        .title = "Proton Saga model car",
        .description = "1:18 die-cast, boxed",
        .condition = "like_new",
        .quantity = 3,
        .buy_now_price = 12990,
        .shipping_weight_g = 800,
        .length_mm = 250,
        .width_mm = 110,
        .height_mm = 90,
        .created_at = 1700000000000,
        .updated_at = 1700000000000,
    };
    OK(store_product_create(S, &p));
    assert_int_equal(store_product_create(S, &p), BZ_ECONFLICT);

    catalog_product got;
    OK(store_product_get(S, p.id, A, &got));
    same_product(&got, &p);
    assert_int_equal(got.n_images, 0);

    catalog_product edit = p;
    edit.category_id = cat2;
    edit.title = "Perodua Myvi model car";
    edit.description = "";
    edit.condition = "fair";
    edit.quantity = 0;
    edit.buy_now_price = 0;
    edit.shipping_weight_g = 900;
    edit.length_mm = edit.width_mm = edit.height_mm = 0;
    edit.updated_at = 1700000005000;
    OK(store_product_update(S, &edit));
    OK(store_product_get(S, p.id, A, &got));
    same_product(&got, &edit); /* created_at and seller_id kept from p */

    /* no category is allowed; a missing one is not */
    edit.category_id = 0;
    OK(store_product_update(S, &edit));
    OK(store_product_get(S, p.id, A, &got));
    assert_int_equal(got.category_id, 0);
    edit.category_id = new_id();
    assert_int_equal(store_product_update(S, &edit), BZ_ENOTFOUND);

    OK(store_product_delete(S, p.id));
    assert_int_equal(store_product_get(S, p.id, A, &got), BZ_ENOTFOUND);
    assert_int_equal(store_product_delete(S, p.id), BZ_ENOTFOUND);
    assert_int_equal(store_product_update(S, &edit), BZ_ENOTFOUND);
    catalog_product_query q = query();
    q.seller_id = seller;
    EXPECT_NONE(q);

    catalog_product orphan = p;
    orphan.id = new_id();
    orphan.seller_id = new_id();
    assert_int_equal(store_product_create(S, &orphan), BZ_ENOTFOUND);
}

void test_search_filters(void **state)
{
    bz_arena_reset(A);
    int64_t s1 = make_seller(), s2 = make_seller();
    int64_t root = make_category(0), child = make_category(root);
    int64_t grandchild = make_category(child), other = make_category(0);
    const char *word = unique_word();
    char title_with_word[128];
    snprintf(title_with_word, sizeof(title_with_word), "Songket %s scarf", word);

    int64_t p1 = make_product(s1, root, title_with_word, 1000, 1);
    int64_t p2 = make_product(s1, child, "Kebaya", 2000, 0);
    int64_t p3 = make_product(s1, grandchild, title_with_word, 3000, 5);
    int64_t p4 = make_product(s1, other, "Tudung", 4000, 2);
    int64_t p5 = make_product(s2, grandchild, "Baju Melayu", 500, 1);

    catalog_product_query q = query();
    q.seller_id = s1;
    EXPECT(q, p4, p3, p2, p1);

    /* a category matches its descendants too */
    q = query();
    q.category_id = root;
    EXPECT(q, p5, p3, p2, p1);
    q.category_id = child;
    EXPECT(q, p5, p3, p2);
    q.category_id = grandchild;
    q.seller_id = s1;
    EXPECT(q, p3);
    q = query();
    q.category_id = other;
    EXPECT(q, p4);

    /* price bounds are inclusive */
    q = query();
    q.seller_id = s1;
    q.min_price = 2000;
    EXPECT(q, p4, p3, p2);
    q.min_price = -1;
    q.max_price = 2000;
    EXPECT(q, p2, p1);
    q.min_price = 1500;
    q.max_price = 3500;
    EXPECT(q, p3, p2);
    q.min_price = 5000;
    q.max_price = -1;
    EXPECT_NONE(q);

    q = query();
    q.seller_id = s1;
    q.in_stock = true;
    EXPECT(q, p4, p3, p1);

    /* text alone, and everything at once */
    q = query();
    q.q = word;
    EXPECT(q, p3, p1);
    q.category_id = child;
    EXPECT(q, p3);
    q.category_id = root;
    q.seller_id = s1;
    q.min_price = 500;
    q.max_price = 1500;
    q.in_stock = true;
    EXPECT(q, p1);
    q.seller_id = s2;
    EXPECT_NONE(q);
}

void test_search_text(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    const char *word = unique_word();
    char title[128];
    snprintf(title, sizeof(title), "Vintage Camera %s", word);
    int64_t camera = make_product(seller, 0, title, 50000, 1);
    catalog_product p;
    OK(store_product_get(S, camera, A, &p));
    p.description = "Leica M3, café racer edition";
    p.updated_at = p.updated_at + 1;
    OK(store_product_update(S, &p));
    int64_t lamp = make_product(seller, 0, "Brass lamp", 8000, 1);

    catalog_product_query q = query();
    q.seller_id = seller;
    const char *finds_camera[] = {"vintage", "VINTAGE camera", "vintage cam", "camera vint",
                                  "leica",   "  Leica,  M3! ", "café",        word};
    for (size_t i = 0; i < sizeof(finds_camera) / sizeof(finds_camera[0]); i++) {
        q.q = finds_camera[i];
        EXPECT(q, camera);
    }
    q.q = "lamp";
    EXPECT(q, lamp);
    q.q = "camera lamp"; /* every term must match */
    EXPECT_NONE(q);
    q.q = "ntage"; /* prefix, not infix */
    EXPECT_NONE(q);

    /* nothing a user types is a syntax error; text without words filters nothing */
    const char *hostile[] = {"\"",        "'",        "\\",          "\"vintage",
                             "vintage\"", "AND",      "OR NOT",      "NEAR(vintage camera)",
                             "*",         "vin*",     "(",           ")",
                             ":*",        "!vintage", "a & b | c",   "title:vintage",
                             "-vintage",  "^vintage", "'vintage':*", "{}[]<>",
                             "\xff\xfe",  "vint\xc3", "e\xcc\x81",   "%_"};
    for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
        catalog_product *rows = NULL;
        store_page page = {0};
        q.q = hostile[i];
        OK(store_product_search(S, &q, A, &rows, &page));
    }
    q.q = "";
    EXPECT(q, lamp, camera);
    q.q = "!!! ??? ...";
    EXPECT(q, lamp, camera);

    /* the index follows updates and deletes */
    OK(store_product_get(S, lamp, A, &p));
    p.title = "Copper kettle";
    OK(store_product_update(S, &p));
    q.q = "lamp";
    EXPECT_NONE(q);
    q.q = "kettle";
    EXPECT(q, lamp);
    OK(store_product_delete(S, lamp));
    EXPECT_NONE(q);
}

void test_search_pagination(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    enum { N = 25 };
    int64_t ids[N];
    for (int i = 0; i < N; i++) {
        ids[i] = make_product(seller, 0, "Page item", 100 * i, i % 3 == 0 ? 0 : 1);
    }

    /* every page full but the last, newest first, no gaps, no duplicates */
    for (int pass = 0; pass < 2; pass++) {
        catalog_product_query q = query();
        q.seller_id = seller;
        q.limit = 7;
        q.in_stock = pass == 1; /* with a filter: 16 of the 25 */
        int next = N - 1, pages = 0;
        do {
            catalog_product *rows = NULL;
            store_page page = {0};
            OK(store_product_search(S, &q, A, &rows, &page));
            pages++;
            for (size_t i = 0; i < page.n; i++) {
                while (pass == 1 && next % 3 == 0) {
                    next--;
                }
                assert_true(next >= 0);
                assert_int_equal(rows[i].id, ids[next]);
                next--;
            }
            if (page.next_cursor) {
                assert_int_equal(page.n, 7);
                assert_int_equal(page.next_cursor, rows[page.n - 1].id);
            }
            q.cursor = page.next_cursor;
        } while (q.cursor && pages < 10);
        while (pass == 1 && next >= 0 && next % 3 == 0) {
            next--;
        }
        assert_int_equal(next, -1);
        assert_int_equal(pages, pass == 0 ? 4 : 3);
    }

    /* an exact multiple of the page size ends without an empty page */
    catalog_product_query q = query();
    q.seller_id = seller;
    q.limit = 25;
    catalog_product *rows = NULL;
    store_page page = {0};
    OK(store_product_search(S, &q, A, &rows, &page));
    assert_int_equal(page.n, 25);
    assert_int_equal(page.next_cursor, 0);

    /* limits outside 1..100 are clamped */
    q.limit = 0;
    OK(store_product_search(S, &q, A, &rows, &page));
    assert_int_equal(page.n, 1);
    assert_int_equal(rows[0].id, ids[N - 1]);
    q.limit = 1000;
    OK(store_product_search(S, &q, A, &rows, &page));
    assert_int_equal(page.n, N);
}

static catalog_image image(int64_t owner, const char *kind, int position)
{
    int64_t id = new_id();
    return (catalog_image){
        .id = id,
        .owner_id = owner,
        .kind = kind,
        .position = position,
        .key_small =
            bz_arena_printf(A, "products/%lld/%lld-small.webp", (long long)owner, (long long)id),
        .key_medium =
            bz_arena_printf(A, "products/%lld/%lld-medium.webp", (long long)owner, (long long)id),
        .key_large =
            bz_arena_printf(A, "products/%lld/%lld-large.webp", (long long)owner, (long long)id),
        .width = 1600,
        .height = 1200,
        .created_at = 1700000000000 + position,
    };
}

void test_images(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    int64_t product = make_product(seller, 0, "Pewter mug", 9900, 1);
    catalog_image third = image(product, "product", 2);
    catalog_image first = image(product, "product", 0);
    catalog_image second = image(product, "product", 1);
    OK(store_image_create(S, &third));
    OK(store_image_create(S, &first));
    OK(store_image_create(S, &second));
    assert_int_equal(store_image_create(S, &second), BZ_ECONFLICT);
    catalog_image avatar = image(seller, "avatar", 0);
    OK(store_image_create(S, &avatar));
    OK(store_user_set_avatar(S, seller, avatar.id, 1));

    int count = -1;
    OK(store_image_count(S, "product", product, &count));
    assert_int_equal(count, 3);
    OK(store_image_count(S, "avatar", seller, &count));
    assert_int_equal(count, 1);
    OK(store_image_count(S, "avatar", product, &count));
    assert_int_equal(count, 0);

    catalog_image got;
    OK(store_image_get(S, second.id, A, &got));
    assert_int_equal(got.owner_id, product);
    assert_string_equal(got.kind, "product");
    assert_int_equal(got.position, 1);
    assert_string_equal(got.key_small, second.key_small);
    assert_string_equal(got.key_medium, second.key_medium);
    assert_string_equal(got.key_large, second.key_large);
    assert_int_equal(got.width, 1600);
    assert_int_equal(got.height, 1200);
    assert_int_equal(got.created_at, second.created_at);

    /* reads of products carry their images in position order */
    catalog_product p;
    OK(store_product_get(S, product, A, &p));
    assert_int_equal(p.n_images, 3);
    assert_int_equal(p.images[0].id, first.id);
    assert_int_equal(p.images[1].id, second.id);
    assert_int_equal(p.images[2].id, third.id);
    assert_string_equal(p.images[2].key_large, third.key_large);

    int64_t bare = make_product(seller, 0, "Pewter plate", 5000, 1);
    catalog_product_query q = query();
    q.seller_id = seller;
    catalog_product *rows = NULL;
    store_page page = {0};
    OK(store_product_search(S, &q, A, &rows, &page));
    assert_int_equal(page.n, 2);
    assert_int_equal(rows[0].id, bare);
    assert_int_equal(rows[0].n_images, 0);
    assert_int_equal(rows[1].n_images, 3);
    assert_int_equal(rows[1].images[0].id, first.id);
    assert_int_equal(rows[1].images[2].id, third.id);

    OK(store_image_take(S, second.id, "product", product, A, &got));
    assert_int_equal(store_image_get(S, second.id, A, &got), BZ_ENOTFOUND);
    assert_int_equal(store_image_take(S, second.id, "product", product, A, &got), BZ_ENOTFOUND);
    OK(store_image_count(S, "product", product, &count));
    assert_int_equal(count, 2);

    /* taking an image deletes it and reads it, but only one of the kind and owner given */
    assert_int_equal(store_image_take(S, first.id, "avatar", product, A, &got), BZ_ENOTFOUND);
    assert_int_equal(store_image_take(S, first.id, "product", seller, A, &got), BZ_ENOTFOUND);
    OK(store_image_take(S, first.id, "product", product, A, &got));
    assert_int_equal(got.id, first.id);
    assert_int_equal(got.owner_id, product);
    assert_string_equal(got.kind, "product");
    assert_string_equal(got.key_large, first.key_large);
    assert_int_equal(got.created_at, first.created_at);
    assert_int_equal(store_image_get(S, first.id, A, &got), BZ_ENOTFOUND);
    assert_int_equal(store_image_take(S, first.id, "product", product, A, &got), BZ_ENOTFOUND);
    OK(store_image_count(S, "product", product, &count));
    assert_int_equal(count, 1);

    /* deleting the product deletes its image rows, and only those */
    OK(store_product_delete(S, product));
    assert_int_equal(store_image_get(S, third.id, A, &got), BZ_ENOTFOUND);
    OK(store_image_count(S, "product", product, &count));
    assert_int_equal(count, 0);
    OK(store_image_get(S, avatar.id, A, &got));
}
