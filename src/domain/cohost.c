/*
 * The rules of a show's co-hosts (domain/cohost.h).
 */
#include "domain/cohost.h"

#include "base/err.h"

#include <string.h>

_Static_assert(COHOST_MAX == 3, "cohost_check_invite's message names the limit");

static bool open_for_guests(const char *status)
{
    return strcmp(status, "scheduled") == 0 || strcmp(status, "live") == 0;
}

int cohost_check_invite(const cohost_invite_facts *f, field_error *err)
{
    if (f->actor != f->seller_id) {
        return field_fail(err, BZ_EFORBIDDEN, NULL, "only the show's seller invites co-hosts");
    }
    if (!open_for_guests(f->status)) {
        return field_fail(err, BZ_ECONFLICT, NULL, "the show is over");
    }
    if (f->invitee == f->seller_id) {
        return field_fail(err, BZ_ECOHOSTSELF, "username", NULL);
    }
    if (f->banned) {
        return field_fail(err, BZ_ECOHOSTBANNED, "username", NULL);
    }
    if (!f->current && f->n_current >= COHOST_MAX) {
        return field_fail(err, BZ_ECOHOSTLIMIT, "username",
                          "a show has at most 3 co-hosts: remove one first");
    }
    return BZ_OK;
}

int cohost_check_remove(int64_t seller_id, int64_t actor, int64_t user_id, field_error *err)
{
    if (actor == seller_id || actor == user_id) {
        return BZ_OK;
    }
    return field_fail(err, BZ_EFORBIDDEN, NULL,
                      "only the show's seller, or the co-host themself, may do this");
}

bool cohost_may_publish(const char *status, const show_cohost *c)
{
    return strcmp(status, "live") == 0 && c->user_id > 0 && c->removed_at == 0;
}
