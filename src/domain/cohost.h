/*
 * domain/cohost.h - a show's co-hosts: users its seller invited on stage, who
 * publish into the show's video room beside the seller (docs/video.md).
 *
 * Plain data, as every model type of the domain: ids are int64, times UTC ms;
 * strings are borrowed (from a store read: the caller's arena).
 *
 * Rules (pure; the app gathers the facts, in the transaction that acts on them):
 * - only the show's seller invites, and only while the show is scheduled or live;
 * - a co-host is another user (not the seller), not banned from the show;
 * - at most COHOST_MAX at once: a show's video room holds 6 feeds (app/video_rooms.c), the
 *   seller's camera and screen, the co-hosts' cameras, and one co-host's screen;
 * - the seller removes any co-host; a co-host steps down themself; nobody else;
 * - a co-host publishes (gets a co-host video grant) only while current and the show live.
 * A co-host who is removed keeps their row (removed_at), so that an invitation again is
 * the same row made current again.
 */
#ifndef DOMAIN_COHOST_H
#define DOMAIN_COHOST_H

#include "domain/field.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define COHOST_MAX 3 /* co-hosts of one show at once */

typedef struct show_cohost {
    int64_t stream_id;
    int64_t user_id;
    const char *username; /* filled by reads */
    int64_t invited_by;
    int64_t invited_at;
    int64_t removed_at; /* 0 = current */
} show_cohost;

/* What an invitation is judged on. */
typedef struct cohost_invite_facts {
    const char *status; /* the show's: "scheduled" | "live" | "ended" | "cancelled" */
    int64_t seller_id;  /* the show's */
    int64_t actor;      /* who invites */
    int64_t invitee;    /* whom */
    bool banned;        /* the invitee is banned from the show */
    bool current;       /* the invitee is a co-host already */
    size_t n_current;   /* current co-hosts of the show */
} cohost_invite_facts;

/* BZ_OK: invite (or, when f->current, nothing to do). Else BZ_EFORBIDDEN (not the seller),
 * BZ_ECONFLICT (the show is over), BZ_ECOHOSTSELF, BZ_ECOHOSTBANNED, BZ_ECOHOSTLIMIT, with the
 * field at fault ("username") and a reason in *err (may be NULL). Checked in that order. */
int cohost_check_invite(const cohost_invite_facts *f, field_error *err);

/* Whether `actor` may take `user_id` off show (seller `seller_id`)'s stage: its seller, or the
 * co-host themself. BZ_OK or BZ_EFORBIDDEN. */
int cohost_check_remove(int64_t seller_id, int64_t actor, int64_t user_id, field_error *err);

/* Whether a co-host grant may be minted: the show is live and `c` is a current co-host. */
bool cohost_may_publish(const char *status, const show_cohost *c);

#endif
