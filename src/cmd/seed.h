/*
 * cmd/seed.h - reference data every node needs (the category tree) and the
 * demo data `blytz demo` / `blytz serve --demo` loads into an empty database.
 */
#ifndef CMD_SEED_H
#define CMD_SEED_H

#include "app/app.h"

#include <stdbool.h>

/* Create any missing categories of the built-in tree. Idempotent. */
int seed_categories(store *s, int64_t now);

/* True if the database has no users yet. */
int seed_is_empty(store *s, bool *empty);

/* Load demo sellers, products with generated photos, scheduled shows and a buyer with a
 * delivery address through the use cases (so everything is validated like real input); with
 * `test_mode` (payments in the provider's test mode) the buyer's test card is saved and the
 * first seller gets a payout account the provider verifies at once, both through the outbox.
 * Only call on an empty database. */
int seed_demo(app_ctx *c, bool test_mode);

#endif
