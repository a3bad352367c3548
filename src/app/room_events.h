/*
 * app/room_events.h - the room events of one transaction, for any use case
 * that changes a show's room (auctions, pre-bids, chat, moderation).
 *
 * Events are collected while the transaction runs (ev_add: typed app_events,
 * app/ports/encoder.h), get their seqs, are encoded and logged just before
 * the commit (ev_write: one store_stream_next_seq for all of them, then the
 * encoder port), and are published after it (ev_publish). Everything lives
 * in c->arena.
 */
#ifndef APP_ROOM_EVENTS_H
#define APP_ROOM_EVENTS_H

#include "app/app.h"

#include <stddef.h>
#include <stdint.h>

typedef struct app_ev {
    app_event ev; /* what happened; its pointers live in c->arena (or are static) */
    event out;    /* ev as the bus carries it: set by ev_write */
} app_ev;

typedef struct app_evbuf {
    int64_t stream_id;
    app_ev *items;
    size_t n, cap;
} app_evbuf;

void ev_init(app_evbuf *b, int64_t stream_id);
/* Queue a copy of room event `ev` of the show (its target is set here). BZ_OK or BZ_ENOMEM
 * (recorded in c->err). */
int ev_add(app_ctx *c, app_evbuf *b, const app_event *ev);
/* Inside the transaction: take seqs, encode and log every queued event. */
int ev_write(app_ctx *c, app_evbuf *b);
/* After the commit: hand every event to c->env->events (skipped when NULL). */
void ev_publish(app_ctx *c, const app_evbuf *b);
/* The end of a transaction that changes the room, whose work so far answered `rc`: on BZ_OK,
 * ev_write, commit, then ev_publish; on a failure (or one of theirs) a rollback. BZ_OK or the
 * error, recorded in c->err (a store error not recorded yet as app_store_fail does, a missing
 * row BZ_ENOTFOUND). */
int ev_commit(app_ctx *c, app_evbuf *b, int rc);

#endif
