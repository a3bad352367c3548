#include "app/users.h"

#include "app/app_util.h"
#include "base/check.h"
#include "base/err.h"
#include "domain/account.h"

#include <string.h>

/* Attach the avatar URLs; a dangling avatar id simply shows no avatar (app_media_view_of). */
static int with_avatar(app_ctx *c, app_user_view *v)
{
    app_image *avatar = NULL;
    int rc = app_media_view_of(c, v->user.avatar_image_id, &avatar);
    v->avatar = avatar;
    return rc;
}

int app_user_me(app_ctx *c, int64_t user_id, app_user_view *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_user_get(c->store, user_id, c->arena, &out->user);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_EUNAUTHORIZED);
    }
    return with_avatar(c, out);
}

int app_user_profile(app_ctx *c, const char *id_or_username, app_user_view *out)
{
    int64_t id;
    int rc = BZ_ENOTFOUND;
    memset(out, 0, sizeof(*out));
    if (!id_or_username || !*id_or_username) {
        return app_fail(c, BZ_ENOTFOUND, NULL, NULL);
    }
    if (app_parse_id(id_or_username, &id)) {
        rc = store_user_get(c->store, id, c->arena, &out->user);
    }
    if (rc == BZ_ENOTFOUND) {
        rc = store_user_by_username(c->store, id_or_username, c->arena, &out->user);
    }
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    out->user.password_hash = NULL;
    return with_avatar(c, out);
}

int app_user_update(app_ctx *c, int64_t actor, int64_t target, const char *display_name,
                    const char *bio, int show_win_name, app_user_view *out)
{
    if (actor != target) {
        return app_fail(c, BZ_EFORBIDDEN, NULL, "you may only edit your own profile");
    }
    field_error fe = {"", ""};
    int rc = BZ_OK;
    if (display_name) {
        rc = account_display_name_check(display_name, strlen(display_name), &fe);
    }
    if (rc == BZ_OK && bio) {
        rc = account_bio_check(bio, strlen(bio), &fe);
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, fe.field, fe.reason && *fe.reason ? "%s" : NULL, fe.reason);
    }
    BZ_CHECK(show_win_name >= -1 && show_win_name <= 1);
    if (display_name || bio || show_win_name >= 0) {
        rc = store_user_update(c->store, target, display_name, bio, show_win_name, c->now);
        if (rc != BZ_OK) {
            return app_store_fail(c, rc, BZ_ENOTFOUND);
        }
    }
    return app_user_me(c, target, out);
}
