/*
 * domain/show.h - a show (a seller's live stream: show_stream) and the events of its room
 * as logged for replay (show_event).
 *
 * Plain data, as every model type of the domain: ids are int64, money int64 sen, times
 * UTC ms; strings and arrays are borrowed (from a store read: the caller's arena).
 */
#ifndef DOMAIN_SHOW_H
#define DOMAIN_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A show: scheduled -> live -> ended, or cancelled. Its lineup is the ordered list of products
 * it sells; reads leave out products deleted since. */
typedef struct show_stream {
    int64_t id;
    int64_t seller_id;
    const char *title;
    const char *description; /* may be "" */
    const char *status;      /* "scheduled" | "live" | "ended" | "cancelled" */
    int64_t starts_at;       /* when the seller plans to go live */
    int64_t started_at;      /* 0 = not yet live */
    int64_t ended_at;        /* 0 = not ended */
    int64_t cover_image_id;  /* 0 = none */
    bool record;             /* the seller lets the show be recorded (domain/recording.h) */
    int64_t created_at;
    int64_t updated_at;
    const int64_t *product_ids; /* the lineup in order: read by create, filled by reads */
    size_t n_products;
    const char *seller_username; /* filled by reads */
    const char *shop_name;       /* filled by reads */
} show_stream;

/* A show's room event as logged for replay. */
typedef struct show_event {
    int64_t stream_id;
    int64_t seq;
    const char *name;
    const char *payload; /* one JSON object */
    int64_t created_at;
} show_event;

#endif
