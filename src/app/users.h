/*
 * app/users.h - profiles: the caller's own account, public profiles, edits.
 * Avatars are in app/media.h. Results live in c->arena.
 */
#ifndef APP_USERS_H
#define APP_USERS_H

#include "app/app.h"
#include "app/media.h"
#include "domain/account.h"

#include <stdint.h>

typedef struct app_user_view {
    account_user user;
    const app_image *avatar; /* NULL when none */
} app_user_view;

/* The signed-in user. BZ_EUNAUTHORIZED if the account is gone. */
int app_user_me(app_ctx *c, int64_t user_id, app_user_view *out);

/* A public profile by decimal id or by username. BZ_ENOTFOUND. Callers must not show the
 * email of anybody but the caller. */
int app_user_profile(app_ctx *c, const char *id_or_username, app_user_view *out);

/* Change `target`'s display_name and/or bio (NULL = unchanged) and whether their username may
 * be shown as a lot's winner to later visitors (show_win_name: 0 or 1, -1 = unchanged); only
 * the user themself may (BZ_EFORBIDDEN). BZ_EVALIDATION (field display_name/bio) per
 * domain/account.h. */
int app_user_update(app_ctx *c, int64_t actor, int64_t target, const char *display_name,
                    const char *bio, int show_win_name, app_user_view *out);

#endif
