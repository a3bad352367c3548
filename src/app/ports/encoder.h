/*
 * app/ports/encoder.h - the events use cases announce, as typed values, and
 * the port that turns one into the bytes its subscribers receive.
 *
 * Why a port: a room event's payload is written to the show's event log
 * (store_stream_event_insert) inside the use case's transaction, with the seq
 * that transaction allocated, and reconnecting clients are replayed those
 * exact bytes. So the payload must exist before the commit, in the app; but
 * the app has no JSON library and no shape of its own: every shape a client
 * receives is the wire library's (src/wire, jansson). Use cases fill an
 * app_event and call the encoder; the composition root (src/cmd) plugs in
 * wire's implementation (wire_encoder), so app depends on neither wire nor
 * jansson, and tests may plug in the same.
 *
 * Thread-safe: workers and engine threads encode concurrently.
 */
#ifndef APP_PORTS_ENCODER_H
#define APP_PORTS_ENCODER_H

#include "app/ports/events.h"
#include "base/arena.h"
#include "domain/bidlog.h"
#include "domain/chat.h"
#include "domain/cohost.h"
#include "domain/notification.h"

#include <stdbool.h>
#include <stdint.h>

/* A bid as every client sees it, wherever it appears: REST answers, Socket.IO acks,
 * `auction:bid` events and the bid log (docs/realtime-protocol.md, "One bid shape"). */
typedef struct app_bid_view {
    int64_t id; /* the step's id; 0 when a leader only raised their maximum (no step) */
    int64_t auction_id;
    int64_t bidder_id;
    const char *bidder_username; /* "" or NULL when unknown */
    int64_t amount;              /* sen */
    int64_t max_amount;          /* 0 = not shown: only the bidder's own answer carries it */
    bool by_proxy;               /* placed by the engine for an earlier maximum */
    int64_t created_at;
} app_bid_view;

/* The head of an auction's bid log: its last entry's hash and, once signed, the server's
 * signature of it. seq 0 (and a zero hash) before the first bid. */
typedef struct app_log_head {
    int64_t seq;
    unsigned char hash[BIDLOG_HASH_LEN];
    bool has_sig;
    unsigned char sig[BIDLOG_SIG_LEN];
    char kid[BIDLOG_KID_MAX];
} app_log_head;

/* An auction as `auction:update` tells it. */
typedef struct app_auction_event {
    int64_t auction_id, stream_id, product_id;
    const char *status, *mode; /* "running" | "ended" | "cancelled"; "standard" | ... */
    int64_t starting_bid;
    bool has_bid;
    int64_t current_bid;
    int64_t min_next_bid;
    int64_t ends_at, ended_at;
    int64_t winner_id;           /* 0 = none */
    const char *winner_username; /* with winner_id */
    bool bought_now;
} app_auction_event;

typedef enum app_event_kind {
    APP_EVENT_AUCTION_BID = 1, /* "auction:bid": one step of the bid log (.bid) */
    APP_EVENT_AUCTION_UPDATE,  /* "auction:update" (.auction) */
    APP_EVENT_STREAM_STATUS,   /* "stream:status" (.status) */
    APP_EVENT_CHAT_MESSAGE,    /* "chat:message" (.chat) */
    APP_EVENT_CHAT_DELETED,    /* "chat:deleted" (.message_id) */
    APP_EVENT_CHAT_MUTED,      /* "chat:muted" (.sanction with until) */
    APP_EVENT_CHAT_UNMUTED,    /* "chat:unmuted" (.sanction) */
    APP_EVENT_CHAT_BANNED,     /* "chat:banned" (.sanction) */
    APP_EVENT_CHAT_UNBANNED,   /* "chat:unbanned" (.sanction) */
    APP_EVENT_CHAT_SLOW_MODE,  /* "chat:slow_mode" (.slow_mode_s) */
    APP_EVENT_CHAT_PINNED,     /* "chat:pinned" (.chat; chat.id 0 = unpinned) */
    APP_EVENT_NOTIFICATION,    /* "notification", a user's (.notification) */
    APP_EVENT_REVOKED,         /* "_revoked", for the nodes, never for sockets (.revoked) */
    APP_EVENT_SHOW_STAGE,      /* "show:stage": who is on stage beside the seller (.stage) */
} app_event_kind;

/* One event. Room events (auction:*, stream:*, chat:*, show:*) go to show `target`'s room; the
 * notification and the revocation to user `target`. Pointers are borrowed until the encoder
 * returns. */
typedef struct app_event {
    app_event_kind kind;
    int64_t target;           /* stream id or user id, as above */
    int64_t seq;              /* room events: set once the transaction allocated it; 0 = none */
    const app_log_head *head; /* auction events that carry the bid log's head; NULL = none */
    union {
        struct {
            app_bid_view bid; /* max_amount 0: the room never sees a maximum */
            int64_t current_bid, min_next_bid, ends_at;
            int64_t log_seq; /* this step's entry in the bid log */
        } bid;
        app_auction_event auction;
        const char *status; /* the show's new status */
        chat_message chat;
        int64_t message_id;
        struct {
            int64_t user_id;
            int64_t until; /* chat:muted only */
        } sanction;
        int slow_mode_s;
        notification notification;
        struct {
            int64_t session_id, user_id, expires_at;
        } revoked;
        struct {
            const show_cohost *cohosts; /* the current ones, in invitation order */
            size_t n;
        } stage;
    } u;
} app_event;

typedef struct encoder encoder;

struct encoder_ops {
    /* `ev` as its subscribers receive it: out->scope, target, seq and name from `ev`, out->json
     * its payload (one JSON object, NUL-terminated, in arena `a`). BZ_OK or BZ_ENOMEM. */
    int (*encode)(encoder *e, const app_event *ev, bz_arena *a, event *out);
};

struct encoder {
    const struct encoder_ops *ops;
};

#endif
