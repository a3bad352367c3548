/*
 * Demo data for `make run`: three Malaysian shops, thirty products with
 * generated photos, scheduled shows, and a buyer with a delivery address (and,
 * when payments run in the provider's test mode, a saved test card). Everything
 * goes through the same use cases as API requests, so demo data is validated
 * like real input and the images go through the real intake pipeline (decode,
 * strip, WebP sizes).
 */
#include "cmd/seed.h"

#include "app/addresses.h"
#include "app/auth.h"
#include "app/cards.h"
#include "app/catalog.h"
#include "app/media.h"
#include "app/payouts.h"
#include "app/sellers.h"
#include "app/streams.h"
#include "base/err.h"
#include "base/time.h"
#include "integrations/image/demo_art.h"

#include <stdlib.h>
#include <string.h>

#define DEMO_PASSWORD "blytz-demo-2026"

struct demo_shop {
    const char *email, *username, *shop, *description;
    address_postal pickup;
};

struct demo_product {
    int shop;
    int64_t category;
    const char *title, *condition, *description;
    int64_t price_rm;
    int32_t weight_g;
};

static const struct demo_shop shops[] = {
    {"aminah@retro.example.my",
     "retro_kl",
     "Kedai Retro KL",
     "Vintage cameras, watches, stamps and collectibles from Kuala Lumpur.",
     {"23 Jalan Tun H.S. Lee", "", "Kuala Lumpur", "W.P. Kuala Lumpur", "50000"}},
    {"mei.ling@closet.example.my",
     "closet_penang",
     "Penang Preloved Closet",
     "Batik, kebaya and preloved fashion, packed with love in George Town.",
     {"88 Lebuh Armenian", "", "George Town", "Pulau Pinang", "10200"}},
    {"arjun@gadget.example.my",
     "gadget_jb",
     "JB Gadget Hub",
     "Tested phones, consoles and audio gear. Every item checked before it ships.",
     {"5 Jalan Wong Ah Fook", "Level 2", "Johor Bahru", "Johor", "80000"}},
};

static const struct demo_product products[] = {
    {0, 105, "Vintage Seiko 5 Automatic Watch", "good", "1970s Seiko 5, serviced last year.", 450,
     300},
    {0, 301, "Charizard Base Set Holo Card", "fair", "Played condition, no creases.", 1200, 50},
    {0, 303, "Malaysian RM1 Banknote Set 1967", "good", "First series, consecutive serials.", 180,
     50},
    {0, 203, "Canon AE-1 Film Camera with 50mm Lens", "good", "Light seals replaced.", 850, 900},
    {0, 203, "Kodak Portra 400 Film, 5-pack", "new", "Fresh stock, kept refrigerated.", 320, 200},
    {0, 304, "Malaya Stamp Album 1957 to 1970", "good", "Over 300 stamps, mostly mint.", 260, 700},
    {0, 302, "Ultraman Tiga Figure, 1996 Bandai", "like_new", "Boxed, tags attached.", 150, 400},
    {0, 305, "Enamel Tiffin Carrier, Three Tier", "good", "Classic kopitiam green.", 95, 1200},
    {0, 702, "P. Ramlee Vinyl LP", "good", "Original pressing, plays clean.", 220, 350},
    {0, 401, "Brass Coffee Sock Stand", "good", "For proper kopi tarik at home.", 60, 1500},
    {1, 101, "Hand-drawn Batik Silk Scarf", "new", "Terengganu batik, 100% silk.", 120, 150},
    {1, 107, "Baju Kurung Moden, Size M", "like_new", "Worn once for Raya.", 140, 500},
    {1, 103, "Coach Leather Shoulder Bag", "good", "Authentic, receipt included.", 480, 800},
    {1, 104, "Nike Air Force 1, UK 8", "like_new", "White, worn twice.", 260, 1100},
    {1, 107, "Songket Samping with Gold Thread", "new", "Handwoven in Kelantan.", 390, 400},
    {1, 106, "Pearl Stud Earrings, Sterling Silver", "new", "Freshwater pearls, 8 mm.", 85, 50},
    {1, 102, "Levi's Vintage Denim Jacket", "good", "Size L, faded just right.", 150, 900},
    {1, 103, "Sarawak Rattan Handbag", "new", "Woven by Bidayuh artisans.", 75, 400},
    {1, 101, "Embroidered Kebaya Nyonya Top", "like_new", "Hand embroidery, size S.", 210, 300},
    {1, 103, "Handmade Leather Wallet", "new", "Vegetable-tanned leather.", 69, 150},
    {2, 201, "iPhone 13 128GB, Midnight", "good", "Battery health 88%, no scratches.", 1650, 400},
    {2, 205, "Nintendo Switch OLED with 2 Games", "like_new", "Mario Kart and Zelda.", 1150, 1400},
    {2, 204, "Sony WH-1000XM4 Headphones", "good", "Noise cancelling, case included.", 690, 600},
    {2, 202, "Mechanical Keyboard, Brown Switches", "like_new", "Hot-swappable, RGB.", 230, 1000},
    {2, 201, "Samsung Galaxy Tab S7", "good", "With S Pen, 128 GB.", 1100, 700},
    {2, 205, "PlayStation 2 Slim with Controllers", "fair", "Reads every disc we tried.", 320,
     1800},
    {2, 204, "JBL Flip 5 Bluetooth Speaker", "good", "Waterproof, loud and clear.", 280, 600},
    {2, 202, "ThinkPad X220, Refurbished", "good", "New SSD and battery.", 650, 1500},
    {2, 203, "GoPro Hero 9 Black", "good", "Two batteries and a chest mount.", 780, 500},
    {2, 601, "Xiaomi Smart Band 7", "new", "Sealed box.", 99, 100},
};

#define NSHOPS    (sizeof(shops) / sizeof(shops[0]))
#define NPRODUCTS (sizeof(products) / sizeof(products[0]))

/* Shows are announced in Malaysia time (UTC+8, no daylight saving). */
#define DAY_MS  (24LL * 60 * 60 * 1000)
#define HOUR_MS (60LL * 60 * 1000)

struct demo_show {
    int shop;
    const char *title, *description;
    int days_ahead, hour_myt; /* "tomorrow at 20:00 MYT" = 1, 20 */
    int first_product;        /* the lineup: SHOW_LINEUP of the shop's products from this one on */
};

static const struct demo_show shows[] = {
    {0, "Retro Treasures Friday Night",
     "Cameras, watches, banknotes and stamps: one lot every minute, bids from RM1.", 1, 20, 0},
    {1, "Raya Preloved Fashion Live",
     "Baju kurung, songket and batik for Raya, all preloved and checked.", 2, 21, 0},
};

#define NSHOWS      (sizeof(shows) / sizeof(shows[0]))
#define SHOW_LINEUP 5

int seed_is_empty(store *s, bool *empty)
{
    bz_arena *a = bz_arena_new(4096);
    if (!a) {
        return BZ_ENOMEM;
    }
    catalog_product_query q = {.min_price = -1, .max_price = -1, .limit = 1};
    catalog_product *out;
    store_page page;
    account_user u;
    int rc = store_product_search(s, &q, a, &out, &page);
    if (!rc) {
        int urc = store_user_by_username(s, shops[0].username, a, &u);
        *empty = page.n == 0 && urc == BZ_ENOTFOUND;
    }
    bz_arena_free(a);
    return rc;
}

/* How demo art is attached to what it shows: a product's photo, a show's cover. */
typedef int (*art_attach)(app_ctx *c, int64_t actor, int64_t id, const void *data, size_t len,
                          app_image *out);

/* Draw `title` at width x height (`seed` picks the colours) and attach it to `id`. */
static int add_art(app_ctx *c, int64_t seller, int64_t id, const char *title, unsigned seed,
                   int width, int height, art_attach attach)
{
    void *jpeg = NULL;
    size_t len = 0;
    int rc = demo_art_render_sized(title, seed, width, height, &jpeg, &len);
    if (rc == BZ_OK) {
        app_image img;
        rc = attach(c, seller, id, jpeg, len, &img);
        free(jpeg);
    }
    return rc;
}

static int add_product(app_ctx *c, int64_t seller, const struct demo_product *d, unsigned seed,
                       int64_t *id_out)
{
    app_product_input in = {.set = APP_P_TITLE | APP_P_DESCRIPTION | APP_P_CONDITION |
                                   APP_P_CATEGORY | APP_P_QUANTITY | APP_P_PRICE | APP_P_WEIGHT};
    in.v.title = d->title;
    in.v.description = d->description;
    in.v.condition = d->condition;
    in.v.category_id = d->category;
    in.v.quantity = 1 + (int32_t)(seed % 3);
    in.v.buy_now_price = d->price_rm * 100;
    in.v.shipping_weight_g = d->weight_g;
    app_product_view view;
    int rc = app_catalog_product_create(c, seller, &in, &view);
    if (rc) {
        return rc;
    }
    *id_out = view.product.id;
    return add_art(c, seller, view.product.id, d->title, seed, 1000, 1000,
                   app_media_product_image_add);
}

/* `days_ahead` days after today (in Malaysia) at `hour_myt`:00 MYT, as UTC ms. */
static int64_t myt_time(int64_t now, int days_ahead, int hour_myt)
{
    int64_t local = now + BZ_MYT_OFFSET_MS;
    int64_t local_midnight = local - local % DAY_MS;
    return local_midnight + days_ahead * DAY_MS + hour_myt * HOUR_MS - BZ_MYT_OFFSET_MS;
}

/* Schedule a show with the first SHOW_LINEUP products of its shop (from first_product on). */
static int add_show(app_ctx *c, int64_t seller, const struct demo_show *d,
                    const int64_t *product_ids)
{
    int64_t lineup[SHOW_LINEUP];
    size_t n = 0, seen = 0;
    for (size_t i = 0; i < NPRODUCTS && n < SHOW_LINEUP; i++) {
        if (products[i].shop == d->shop && seen++ >= (size_t)d->first_product) {
            lineup[n++] = product_ids[i];
        }
    }
    app_stream_input in = {.title = d->title,
                           .description = d->description,
                           .starts_at = myt_time(c->now, d->days_ahead, d->hour_myt),
                           .product_ids = lineup,
                           .n_products = n};
    app_stream_view view;
    int rc = app_stream_create(c, seller, &in, &view);
    return rc ? rc
              : add_art(c, seller, view.stream.id, d->title, (unsigned)d->shop + 3, 1600, 900,
                        app_media_stream_cover_set);
}

/* The demo buyer: signed in as nurul@buyer.example.my, a delivery address in Shah Alam and,
 * with payments in test mode, Stripe's test Visa saved through a SetupIntent the outbox
 * worker confirms (the card a win is charged to). */
static int add_buyer(app_ctx *c, bool test_card)
{
    app_session session;
    int rc = app_auth_register(c, "nurul@buyer.example.my", "nurul_buys", DEMO_PASSWORD, &session);
    if (rc) {
        return rc;
    }
    app_address_input in = {.fields = {.name = "Nurul Izzah",
                                       .phone = "012-345 6789",
                                       .address = {.line1 = "17 Jalan Plumbum V7/V",
                                                   .line2 = "Seksyen 7",
                                                   .city = "Shah Alam",
                                                   .state = "Selangor",
                                                   .postcode = "40000"}},
                            .make_default = 1};
    delivery_address addr;
    if ((rc = app_address_create(c, session.user.id, &in, &addr))) {
        return rc;
    }
    card_setup setup;
    return test_card ? app_card_add_test(c, session.user.id, "pm_card_visa", &setup) : BZ_OK;
}

/* With payments in test mode, the first shop's owner is paid out: an account the provider's
 * test mode verifies at once (app_payout_test_account). The other shops show onboarding. */
static int add_payouts(app_ctx *c, int64_t seller_id, bool test_mode)
{
    return test_mode ? app_payout_test_account(c, seller_id, "Aminah", "Hassan", "+60123456789")
                     : BZ_OK;
}

int seed_demo(app_ctx *c, bool test_mode)
{
    int64_t seller_ids[NSHOPS];
    for (size_t i = 0; i < NSHOPS; i++) {
        app_session session;
        int rc = app_auth_register(c, shops[i].email, shops[i].username, DEMO_PASSWORD, &session);
        if (rc) {
            return rc;
        }
        app_seller_input in = {.shop_name = shops[i].shop,
                               .description = shops[i].description,
                               .pickup = &shops[i].pickup};
        catalog_seller seller;
        if ((rc = app_seller_create(c, session.user.id, &in, &seller))) {
            return rc;
        }
        seller_ids[i] = seller.id;
    }
    int64_t product_ids[NPRODUCTS];
    for (size_t i = 0; i < NPRODUCTS; i++) {
        int rc = add_product(c, seller_ids[products[i].shop], &products[i], (unsigned)i,
                             &product_ids[i]);
        if (rc) {
            return rc;
        }
    }
    for (size_t i = 0; i < NSHOWS; i++) {
        int rc = add_show(c, seller_ids[shows[i].shop], &shows[i], product_ids);
        if (rc) {
            return rc;
        }
    }
    int rc = add_payouts(c, seller_ids[0], test_mode);
    return rc ? rc : add_buyer(c, test_mode);
}
