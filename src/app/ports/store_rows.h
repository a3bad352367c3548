/*
 * app/ports/store_rows.h - the rows of the storage port (app/ports/store.h): what each
 * store call reads and writes, grouped by area. The rules of store.h hold for them: ids are
 * int64, money is int64 sen, times are int64 UTC ms, and strings and arrays read from the
 * store live in the caller's arena.
 */
#ifndef APP_PORTS_STORE_ROWS_H
#define APP_PORTS_STORE_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- accounts ---------------------------------------------------------- */

typedef struct store_user {
    int64_t id;
    const char *email;         /* stored lower-cased; unique */
    const char *username;      /* unique, case-insensitively */
    const char *display_name;  /* may be "" */
    const char *bio;           /* may be "" */
    const char *password_hash; /* PHC string; filled only by store_user_by_email */
    int64_t avatar_image_id;   /* 0 = none */
    bool is_seller;
    int64_t created_at;
    int64_t updated_at;
} store_user;

/* Refresh tokens are stored by SHA-256 of the token, never the token itself. */
typedef struct store_refresh {
    int64_t id;
    int64_t user_id;
    int64_t family_id; /* every token rotated from one login shares it */
    unsigned char hash[32];
    int64_t created_at;
    int64_t expires_at;
    int64_t used_at;    /* 0 = not yet rotated */
    int64_t revoked_at; /* 0 = not revoked */
} store_refresh;

/* An entry of the session revocation list: access tokens whose `sid` is `family_id` are
 * refused until `expires_at`, by when every access token of the family has expired anyway. */
typedef struct store_revocation {
    int64_t family_id;
    int64_t user_id;
    int64_t revoked_at;
    int64_t expires_at;
} store_revocation;

/* At most this many revocations are read per call (callers page with the cursor). */
#define STORE_REVOCATIONS_MAX 1000

/* ---- sellers ----------------------------------------------------------- */

typedef struct store_address {
    const char *line1;
    const char *line2; /* may be "" */
    const char *city;
    const char *state;    /* one of domain/address.h's Malaysian states */
    const char *postcode; /* five digits */
} store_address;

typedef struct store_seller {
    int64_t id; /* == the user's id */
    const char *shop_name;
    const char *description;
    store_address pickup;
    int64_t follower_count;
    int64_t created_at;
    const char *username; /* of the owning user, filled by reads */
} store_seller;

/* ---- catalog ----------------------------------------------------------- */

typedef struct store_category {
    int64_t id;
    int64_t parent_id; /* 0 = top level */
    const char *slug;  /* unique */
    const char *name;
    int32_t position; /* order among siblings */
} store_category;

typedef struct store_image {
    int64_t id;
    int64_t owner_id;                               /* product id or user id (avatar) */
    const char *kind;                               /* "product" | "avatar" */
    int32_t position;                               /* order among a product's images */
    const char *key_small, *key_medium, *key_large; /* blob keys */
    int32_t width, height;                          /* of the large variant */
    int64_t created_at;
} store_image;

typedef struct store_product {
    int64_t id;
    int64_t seller_id;
    int64_t category_id;
    const char *title;
    const char *description;
    const char *condition; /* "new" | "like_new" | "good" | "fair" */
    int32_t quantity;
    int64_t buy_now_price; /* sen; 0 = not for direct sale */
    int32_t shipping_weight_g;
    int32_t length_mm, width_mm, height_mm; /* 0 = unknown */
    int64_t created_at;
    int64_t updated_at;
    store_image *images; /* filled by reads, ordered by position */
    size_t n_images;
} store_product;

typedef struct store_product_query {
    const char *q;       /* full-text terms, NULL = no text filter */
    int64_t category_id; /* 0 = any; matches the category and its descendants */
    int64_t seller_id;   /* 0 = any */
    int64_t min_price;   /* sen, -1 = no bound */
    int64_t max_price;   /* sen, -1 = no bound */
    bool in_stock;       /* quantity > 0 only */
    int64_t cursor;      /* return products with id < cursor; 0 = from the newest */
    int limit;           /* 1..100 */
} store_product_query;

/* A page of results: newest first (id descending). next_cursor is 0 at the end. */
typedef struct store_page {
    size_t n;
    int64_t next_cursor;
} store_page;

/* ---- idempotency ------------------------------------------------------- */

typedef struct store_idem {
    int64_t user_id;
    const char *key;            /* client's Idempotency-Key */
    unsigned char req_hash[32]; /* SHA-256 of method, path and body */
    int status;
    const char *body; /* response body as sent */
    int64_t created_at;
} store_idem;

/* ---- streams (shows) ---------------------------------------------------- */

/* A show: scheduled -> live -> ended, or cancelled. Its lineup is the ordered list of products
 * it sells; reads leave out products deleted since. */
typedef struct store_stream {
    int64_t id;
    int64_t seller_id;
    const char *title;
    const char *description; /* may be "" */
    const char *status;      /* "scheduled" | "live" | "ended" | "cancelled" */
    int64_t starts_at;       /* when the seller plans to go live */
    int64_t started_at;      /* 0 = not yet live */
    int64_t ended_at;        /* 0 = not ended */
    int64_t cover_image_id;  /* 0 = none */
    int64_t created_at;
    int64_t updated_at;
    const int64_t *product_ids; /* the lineup in order: read by create, filled by reads */
    size_t n_products;
    const char *seller_username; /* filled by reads */
    const char *shop_name;       /* filled by reads */
} store_stream;

/* Where a stream list page ends: the last row's sort key (starts_at for scheduled, started_at
 * for live) and id. Opaque to callers; {0, 0} = the first page / no next page. */
typedef struct store_stream_cursor {
    int64_t at;
    int64_t id;
} store_stream_cursor;

typedef struct store_stream_query {
    const char *status; /* "scheduled": starts_at ascending; "live": started_at descending */
    int64_t seller_id;  /* 0 = any */
    store_stream_cursor cursor;
    int limit; /* 1..100 */
} store_stream_query;

typedef struct store_stream_page {
    size_t n;
    store_stream_cursor next; /* {0, 0} at the end */
} store_stream_page;

/* ---- auctions, bids, orders, stream events ------------------------------ */

/* An auction of one lot of a show, field by field what domain/auction.h keeps, plus the head
 * of its bid hash chain and a version that every update bumps. */
typedef struct store_auction {
    int64_t id;
    int64_t stream_id;
    int64_t product_id; /* (stream_id, product_id) is in the show's lineup */
    int64_t seller_id;
    const char *mode;                                   /* "standard" | "sudden_death" */
    const char *status;                                 /* "running" | "ended" | "cancelled" */
    int64_t starting_bid, reserve_price, buy_now_price; /* sen; 0 = none */
    int64_t soft_close_window_ms, soft_close_extend_ms;
    int64_t started_at, ends_at, ended_at; /* ended_at 0 while running */
    bool has_bid;                          /* current_bid is NULL in the database until then */
    int64_t current_bid;
    int64_t leader_id; /* 0 = none */
    int64_t leader_max;
    int64_t step_count; /* accepted steps = bids rows; the last bid's seq */
    int64_t winner_id;  /* 0 = none */
    bool bought_now;
    unsigned char last_hash[32]; /* hash of bid #step_count; zeros before the first */
    int64_t version;             /* 0 at creation, +1 per update */
    int64_t created_at;
} store_auction;

/* One accepted bid step: what the hash-chained log publishes. */
typedef struct store_bid {
    int64_t id;
    int64_t auction_id;
    int64_t seq; /* 1, 2, 3 ... within the auction */
    int64_t bidder_id;
    int64_t amount;     /* sen: the new current price */
    int64_t max_amount; /* the bidder's maximum when placed as one (0 = plain bid) */
    bool by_proxy;      /* placed by the engine for an earlier maximum */
    int64_t created_at;
    unsigned char prev_hash[32];
    unsigned char hash[32];
    /* The last step of each committed batch carries the server's Ed25519 signature of the
     * head it ends at (domain/bidlog.h) and the id of the bid-log key that made it; other
     * steps (and steps written before migration 0009) have none. */
    bool has_sig;
    unsigned char sig[64];
    char kid[32]; /* "" when !has_sig */
} store_bid;

/* An accepted bid's Idempotency-Key, per (auction, bidder, key). */
typedef struct store_bid_key {
    int64_t auction_id;
    int64_t bidder_id;
    const char *key;
    int64_t bid_id; /* the bidder's own step; 0 when the placement made none */
    int64_t amount;
    int64_t max_amount; /* 0 = plain bid */
    int64_t created_at;
} store_bid_key;

typedef struct store_order {
    int64_t id;
    int64_t auction_id; /* 0 = not from an auction */
    int64_t buyer_id;
    int64_t seller_id;
    int64_t product_id;
    int64_t amount;       /* sen */
    const char *currency; /* "MYR" */
    const char *status;   /* "pending_payment" | "paid" | "shipped" | ... */
    int64_t created_at;
    int64_t updated_at;
} store_order;

/* A show's room event as logged for replay. */
typedef struct store_stream_event {
    int64_t stream_id;
    int64_t seq;
    const char *name;
    const char *payload; /* one JSON object */
    int64_t created_at;
} store_stream_event;

/* A running auction's closing time, for the engine's timers. */
typedef struct store_auction_due {
    int64_t id;
    int64_t ends_at;
} store_auction_due;

/* ---- chat, moderation, buyer limits -------------------------------------- */

/* A chat message of a show. Deleted messages keep their row (deleted_at, deleted_by). */
typedef struct store_chat_message {
    int64_t id;
    int64_t stream_id;
    int64_t user_id;
    const char *username; /* of the author, filled by reads */
    const char *text;
    int64_t created_at;
    int64_t deleted_at; /* 0 = not deleted */
    int64_t deleted_by; /* 0 = not deleted */
} store_chat_message;

/* A user as a moderator list shows them. */
typedef struct store_chat_user {
    int64_t id;
    const char *username;
    int64_t created_at; /* when appointed */
} store_chat_user;

/* A buyer's own limits (DESIGN section 4: "within the buyer's own spending cap"). */
typedef struct store_buyer_limits {
    int64_t user_id;
    int64_t spending_cap;   /* sen; 0 = no cap */
    const char *cap_period; /* "day" | "week" when there is a cap, else NULL */
    int64_t cool_off_until; /* UTC ms; 0 = never set */
    int64_t updated_at;
} store_buyer_limits;

/* What a bid batch checks of one bidder (read for all its bidders at once, at most
 * STORE_FACTS_MAX of them). */
#define STORE_FACTS_MAX 256
typedef struct store_bidder_facts {
    int64_t user_id;
    bool exists;
    const char *username;      /* "" when the user does not exist */
    bool banned;               /* from the batch's show */
    store_buyer_limits limits; /* all zero (but user_id) when never set */
} store_bidder_facts;

/* ---- notifications -------------------------------------------------------- */

/* An in-app notification of one user. Ids are made by the store (see 0005). */
typedef struct store_notification {
    int64_t id;
    int64_t user_id;
    const char *kind; /* "show_live" */
    int64_t stream_id;
    const char *title; /* the show's title when it was made */
    int64_t created_at;
    int64_t read_at; /* 0 = unread */
} store_notification;

/* ---- pre-bids -------------------------------------------------------------- */

/* A maximum placed on a scheduled show's lot before its auction opens (see 0006). */
typedef struct store_prebid {
    int64_t id;
    int64_t stream_id;
    int64_t product_id;
    int64_t bidder_id;
    int64_t max_amount; /* sen */
    int64_t created_at;
} store_prebid;

/* At most this many pre-bids of one lot are read: one engine batch applies them. */
#define STORE_PREBIDS_MAX 256

#endif
