/*
 * The built-in category tree. Ids are fixed so that links and filters stay
 * stable across installs; slugs are the public names.
 */
#include "cmd/seed.h"

#include "base/err.h"

struct cat {
    int64_t id, parent;
    const char *slug, *name;
};

static const struct cat tree[] = {
    {1, 0, "fashion", "Fashion"},
    {2, 0, "electronics", "Electronics"},
    {3, 0, "collectibles", "Collectibles"},
    {4, 0, "home-living", "Home & Living"},
    {5, 0, "beauty", "Beauty & Health"},
    {6, 0, "sports-outdoors", "Sports & Outdoors"},
    {7, 0, "books-media", "Books & Media"},
    {8, 0, "food", "Food & Beverages"},
    {101, 1, "womens-clothing", "Women's Clothing"},
    {102, 1, "mens-clothing", "Men's Clothing"},
    {103, 1, "bags-wallets", "Bags & Wallets"},
    {104, 1, "shoes", "Shoes"},
    {105, 1, "watches", "Watches"},
    {106, 1, "jewellery", "Jewellery"},
    {107, 1, "baju-kurung", "Baju Kurung & Baju Melayu"},
    {201, 2, "phones-tablets", "Phones & Tablets"},
    {202, 2, "computers", "Computers & Laptops"},
    {203, 2, "cameras", "Cameras"},
    {204, 2, "audio", "Audio"},
    {205, 2, "gaming", "Gaming"},
    {301, 3, "trading-cards", "Trading Cards"},
    {302, 3, "toys-figures", "Toys & Figures"},
    {303, 3, "coins-banknotes", "Coins & Banknotes"},
    {304, 3, "stamps", "Stamps"},
    {305, 3, "vintage", "Vintage & Antiques"},
    {401, 4, "kitchen", "Kitchen"},
    {402, 4, "decor", "Decor"},
    {403, 4, "furniture", "Furniture"},
    {404, 4, "plants", "Plants"},
    {501, 5, "skincare", "Skincare"},
    {502, 5, "makeup", "Makeup"},
    {503, 5, "fragrance", "Fragrance"},
    {601, 6, "fitness", "Fitness"},
    {602, 6, "cycling", "Cycling"},
    {603, 6, "outdoor", "Camping & Outdoor"},
    {701, 7, "books", "Books"},
    {702, 7, "vinyl-music", "Vinyl & Music"},
    {801, 8, "snacks", "Snacks"},
    {802, 8, "coffee-tea", "Coffee & Tea"},
};

int seed_categories(store *s, int64_t now)
{
    (void)now;
    for (size_t i = 0; i < sizeof(tree) / sizeof(tree[0]); i++) {
        const struct cat *t = &tree[i];
        catalog_category c = {.id = t->id,
                              .parent_id = t->parent,
                              .slug = t->slug,
                              .name = t->name,
                              .position = (int32_t)(t->id % 100)};
        int rc = store_category_create(s, &c);
        if (rc && rc != BZ_ECONFLICT) {
            return rc;
        }
    }
    return BZ_OK;
}
