/*
 * The address book (app/addresses.h). Every change runs in one transaction that first takes
 * the book's lock, so that the count and the one default are judged on what is there.
 */
#include "app/addresses.h"

#include "app/app_util.h"
#include "base/check.h"
#include "base/err.h"
#include "base/rand.h"

#include <string.h>

/* `in`'s fields over `d`'s (NULL keeps d's), validated and normalised into `d` (strings in
 * c->arena or static). */
static int apply(app_ctx *c, const delivery_input *in, delivery_address *d)
{
    delivery_input all = {
        .name = in->name ? in->name : d->name,
        .phone = in->phone ? in->phone : d->phone,
        .address = {.line1 = in->address.line1 ? in->address.line1 : d->postal.line1,
                    .line2 = in->address.line2 ? in->address.line2 : d->postal.line2,
                    .city = in->address.city ? in->address.city : d->postal.city,
                    .state = in->address.state ? in->address.state : d->postal.state,
                    .postcode = in->address.postcode ? in->address.postcode : d->postal.postcode,
                    .country = in->address.country}};
    delivery_checked ok;
    field_error fe = {"", ""};
    int rc = delivery_validate(&all, &ok, &fe);
    if (rc != BZ_OK) {
        return app_fail(c, rc, fe.field, *fe.reason ? "%s" : NULL, fe.reason);
    }
    d->name = all.name;
    d->phone = bz_arena_strdup(c->arena, ok.phone);
    d->postal = (address_postal){.line1 = all.address.line1,
                                 .line2 = all.address.line2 ? all.address.line2 : "",
                                 .city = all.address.city,
                                 .state = ok.address.state_name,
                                 .postcode = bz_arena_strdup(c->arena, ok.address.postcode)};
    return d->phone && d->postal.postcode ? BZ_OK : app_fail(c, BZ_ENOMEM, NULL, NULL);
}

/* store_begin and the book's lock; on failure nothing is open. */
static int begin(app_ctx *c, int64_t user_id)
{
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_EINTERNAL);
    }
    if ((rc = store_address_book_lock(c->store, user_id)) != BZ_OK) {
        store_rollback(c->store);
        return app_store_fail(c, rc, BZ_EUNAUTHORIZED);
    }
    return BZ_OK;
}

/* Commit when `rc` is BZ_OK (a store failure recorded), else roll back; `rc` or the commit's. */
static int end(app_ctx *c, int rc)
{
    if (rc != BZ_OK) {
        store_rollback(c->store);
        return rc;
    }
    if ((rc = store_commit(c->store)) != BZ_OK) {
        return app_store_fail(c, rc, BZ_EINTERNAL);
    }
    return BZ_OK;
}

/* end(), then *out = *d when it committed (out may be NULL). */
static int finish(app_ctx *c, int rc, const delivery_address *d, delivery_address *out)
{
    if ((rc = end(c, rc)) == BZ_OK && out) {
        *out = *d;
    }
    return rc;
}

/* begin() and the user's address `id` into *d; on failure nothing is open. */
static int begin_with(app_ctx *c, int64_t user_id, int64_t id, delivery_address *d)
{
    int rc = begin(c, user_id);
    if (rc == BZ_OK && (rc = store_address_get(c->store, user_id, id, c->arena, d)) != BZ_OK) {
        store_rollback(c->store);
        rc = app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    return rc;
}

/* Inside the book's transaction: make *d the default when `in` asks and it is not yet. */
static int default_if_asked(app_ctx *c, const app_address_input *in, delivery_address *d)
{
    if (in->make_default != 1 || d->is_default) {
        return BZ_OK;
    }
    int rc = store_address_set_default(c->store, d->user_id, d->id, c->now);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    d->is_default = true;
    return BZ_OK;
}

int app_addresses(app_ctx *c, int64_t user_id, delivery_address **out, size_t *n)
{
    int rc = store_addresses(c->store, user_id, c->arena, out, n);
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_EINTERNAL);
}

static int count_and_default(app_ctx *c, int64_t user_id, size_t *n, bool *has_default)
{
    delivery_address *all;
    int rc = app_addresses(c, user_id, &all, n);
    *has_default = rc == BZ_OK && *n > 0 && all[0].is_default;
    BZ_CHECK(rc != BZ_OK || *n == 0 || *has_default); /* the book's invariant */
    return rc;
}

int app_address_create(app_ctx *c, int64_t user_id, const app_address_input *in,
                       delivery_address *out)
{
    delivery_address d = {
        .id = bz_id_new(c->now), .user_id = user_id, .created_at = c->now, .updated_at = c->now};
    int rc = apply(c, &in->fields, &d);
    if (rc != BZ_OK || (rc = begin(c, user_id)) != BZ_OK) {
        return rc;
    }
    size_t n = 0;
    bool has_default = false;
    rc = count_and_default(c, user_id, &n, &has_default);
    if (rc == BZ_OK && n >= DELIVERY_PER_USER_MAX) {
        rc = app_fail(c, BZ_ECONFLICT, NULL, "You can keep at most %d addresses",
                      DELIVERY_PER_USER_MAX);
    }
    if (rc == BZ_OK) {
        d.is_default = !has_default; /* the first one; make_default moves it below */
        if ((rc = store_address_create(c->store, &d)) != BZ_OK) {
            rc = app_store_fail(c, rc, BZ_EUNAUTHORIZED);
        }
    }
    if (rc == BZ_OK) {
        rc = default_if_asked(c, in, &d);
    }
    return finish(c, rc, &d, out);
}

int app_address_update(app_ctx *c, int64_t user_id, int64_t id, const app_address_input *in,
                       delivery_address *out)
{
    delivery_address d;
    int rc = begin_with(c, user_id, id, &d);
    if (rc != BZ_OK) {
        return rc;
    }
    if ((rc = apply(c, &in->fields, &d)) == BZ_OK) {
        d.updated_at = c->now;
        if ((rc = store_address_update(c->store, &d)) != BZ_OK) {
            rc = app_store_fail(c, rc, BZ_ENOTFOUND);
        }
    }
    if (rc == BZ_OK) {
        rc = default_if_asked(c, in, &d);
    }
    return finish(c, rc, &d, out);
}

int app_address_delete(app_ctx *c, int64_t user_id, int64_t id)
{
    delivery_address d;
    int rc = begin_with(c, user_id, id, &d);
    if (rc != BZ_OK) {
        return rc;
    }
    if ((rc = store_address_delete(c->store, user_id, id)) != BZ_OK) {
        rc = app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    delivery_address *rest = NULL;
    size_t n = 0;
    if (rc == BZ_OK && d.is_default && (rc = app_addresses(c, user_id, &rest, &n)) == BZ_OK &&
        n > 0) {
        /* the list is newest first when there is no default */
        if ((rc = store_address_set_default(c->store, user_id, rest[0].id, c->now)) != BZ_OK) {
            rc = app_store_fail(c, rc, BZ_EINTERNAL);
        }
    }
    return end(c, rc);
}
