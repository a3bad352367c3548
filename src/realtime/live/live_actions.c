/*
 * `chat:message` and `auction:bid` over the socket, following the same rules as REST:
 * chat posts run app_chat_post on an HTTP worker; bids go to the auction engine
 * (engine_submit, called on the loop without blocking) whose completion, on the engine
 * thread, is posted back to the loop through one uv_async. The room hears about either
 * through the events bus after the commit, not from here.
 */
#include "realtime/live/live_internal.h"

#include "app/auctions.h"
#include "app/chat.h"
#include "base/err.h"
#include "base/time.h"
#include "wire/acks.h"
#include "wire/auctions.h"
#include "wire/wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- chat ----------------------------------------------------------------------------- */

typedef struct chat_job {
    live_job head; /* first member */
    char *text;
    int rc;
    char message[160];
    char *ack; /* the accepted post's ack, built on the worker while the message is there */
    int64_t muted_until, retry_after_ms;
} chat_job;

static void chat_work(net_job *job, void *state)
{
    chat_job *j = (chat_job *)job;
    app_ctx *c = state;
    bz_arena *own = c->arena;
    c->arena = bz_arena_new(4096);
    c->now = bz_now_ms();
    app_err_clear(c);
    app_chat_post_result out;
    memset(&out, 0, sizeof(out));
    j->rc =
        c->arena ? app_chat_post(c, j->head.user_id, j->head.stream_id, j->text, &out) : BZ_ENOMEM;
    if (j->rc == BZ_OK) {
        j->ack = wire_dump(wire_ack_chat(&out.message, out.seq));
    } else {
        snprintf(j->message, sizeof(j->message), "%s", c->err.message);
        j->muted_until = out.muted_until;
        j->retry_after_ms = out.retry_after_ms;
    }
    bz_arena_free(c->arena);
    c->arena = own;
}

static void chat_done(net_job *job)
{
    chat_job *j = (chat_job *)job;
    if (gw_sock_connected(j->head.sock)) {
        if (j->rc == BZ_OK && j->ack) {
            live_ack_text(j->head.sock, j->head.ack_id, j->ack);
        } else if (j->rc == BZ_OK) { /* posted, but no memory left to say so */
            live_ack_error(j->head.sock, j->head.ack_id, BZ_ENOMEM, NULL, NULL);
        } else {
            live_ack_error(j->head.sock, j->head.ack_id, j->rc, j->message,
                           wire_ack_chat_refusal(j->muted_until, j->retry_after_ms));
        }
    }
    gw_sock_release(j->head.sock);
    free(j->ack);
    free(j->text);
    free(j);
}

void live_on_chat(live_hub *a, gw_sock *s, json_t *arg, int64_t ack_id)
{
    int64_t stream_id = wire_id_read(arg, "stream_id");
    const char *text = json_string_value(json_object_get(arg, "text"));
    if (!gw_sock_user(s)) {
        live_ack_error(s, ack_id, BZ_EUNAUTHORIZED, "sign in to chat", NULL);
        return;
    }
    if (!stream_id || !text) {
        live_ack_error(s, ack_id, BZ_EVALIDATION, "stream_id and text are required", NULL);
        return;
    }
    chat_job *j = calloc(1, sizeof(*j));
    if (!j || !(j->text = strdup(text))) {
        free(j);
        live_ack_error(s, ack_id, BZ_ENOMEM, NULL, NULL);
        return;
    }
    live_job_submit(a, &j->head, s, stream_id, ack_id, chat_work, chat_done);
}

/* ---- bids ----------------------------------------------------------------------------- */

struct bid_job {
    bid_job *next;
    live_hub *app;
    gw_sock *sock;
    int64_t ack_id, bidder_id;
    app_bid_result result;
};

/* Engine thread: hand the answer to the loop. */
static void bid_done_engine(void *udata, const app_bid_result *r)
{
    bid_job *j = udata;
    live_hub *a = j->app;
    j->result = *r;
    uv_mutex_lock(&a->bids_mu);
    j->next = a->bids_done;
    a->bids_done = j;
    if (!a->async_closed) {
        uv_async_send(&a->bids_async); /* after close, live_free drops the list */
    }
    uv_mutex_unlock(&a->bids_mu);
}

static void ack_bid(bid_job *j)
{
    const app_bid_result *r = &j->result;
    if (r->code != BZ_OK) {
        live_ack_error(j->sock, j->ack_id, r->code, NULL, wire_bid_refusal(r));
        return;
    }
    bz_buf text;
    bz_buf_init(&text, 0);
    if (wire_ack_bid(&text, r, j->bidder_id, bz_now_ms()) == BZ_OK) {
        live_ack_text(j->sock, j->ack_id, text.data);
    } else {
        live_ack_error(j->sock, j->ack_id, BZ_ENOMEM, NULL, NULL);
    }
    bz_buf_free(&text);
}

static void on_bids_done(uv_async_t *h)
{
    live_hub *a = h->data;
    uv_mutex_lock(&a->bids_mu);
    bid_job *list = a->bids_done;
    a->bids_done = NULL;
    uv_mutex_unlock(&a->bids_mu);
    bid_job *fifo = NULL;
    while (list) {
        bid_job *next = list->next;
        list->next = fifo;
        fifo = list;
        list = next;
    }
    while (fifo) {
        bid_job *j = fifo;
        fifo = j->next;
        if (gw_sock_connected(j->sock)) {
            ack_bid(j);
        }
        gw_sock_release(j->sock);
        free(j);
    }
}

/* A refusal that the app's checks recorded in `e`: the REST error's code, message and
 * details{field}. */
static void ack_app_error(gw_sock *s, int64_t ack_id, const app_err *e)
{
    live_ack_error(s, ack_id, e->code, e->message, wire_error_details(e));
}

/* {auction_id, amount | max_amount, idempotency_key?}: read and checked by the same functions
 * as a REST bid (wire_bid_read, app_bid_check), so both refuse alike; a repeated key is
 * answered from the first result, as over REST (docs/realtime-protocol.md). */
void live_on_bid(live_hub *a, gw_sock *s, json_t *arg, int64_t ack_id)
{
    app_bid_req req;
    app_bid_input in;
    app_err err = {0};
    memset(&req, 0, sizeof(req));
    int64_t auction_id = wire_id_read(arg, "auction_id");
    req.bidder_id = gw_sock_user(s);
    if (!req.bidder_id) {
        live_ack_error(s, ack_id, BZ_EUNAUTHORIZED, "sign in to bid", NULL);
        return;
    }
    if (!auction_id) {
        app_err_set(&err, BZ_EVALIDATION, "auction_id", "an auction id is required");
    } else if (wire_bid_read(arg, "idempotency_key", &in, &err) == BZ_OK) {
        app_bid_check(&in, &req, &err);
    }
    if (err.code != BZ_OK) {
        ack_app_error(s, ack_id, &err);
        return;
    }
    bid_job *j = calloc(1, sizeof(*j));
    if (!j) {
        live_ack_error(s, ack_id, BZ_ENOMEM, NULL, NULL);
        return;
    }
    j->app = a;
    j->sock = s;
    j->ack_id = ack_id;
    j->bidder_id = req.bidder_id;
    gw_sock_hold(s);
    int rc = a->eng && !a->closed ? engine_submit(a->eng, auction_id, &req, bid_done_engine, j)
                                  : BZ_EUNAVAILABLE;
    if (rc != BZ_OK) {
        live_ack_error(s, ack_id, rc, NULL, NULL);
        gw_sock_release(s);
        free(j);
    }
}

int live_actions_init(live_hub *a)
{
    if (uv_mutex_init(&a->bids_mu) != 0) {
        return BZ_ENOMEM;
    }
    uv_async_init(a->loop, &a->bids_async, on_bids_done);
    a->bids_async.data = a;
    uv_unref((uv_handle_t *)&a->bids_async);
    return BZ_OK;
}

void live_actions_close(live_hub *a)
{
    on_bids_done(&a->bids_async);
    uv_mutex_lock(&a->bids_mu);
    a->async_closed = true;
    uv_mutex_unlock(&a->bids_mu);
    uv_close((uv_handle_t *)&a->bids_async, NULL);
}

void live_actions_free(live_hub *a)
{
    while (a->bids_done) { /* completions that came after the close: nobody to answer */
        bid_job *j = a->bids_done;
        a->bids_done = j->next;
        gw_sock_release(j->sock);
        free(j);
    }
    uv_mutex_destroy(&a->bids_mu);
}
