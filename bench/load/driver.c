/* bench/load/driver.c - see driver.h. */
#include "driver.h"

#include "bidans.h"
#include "httpc.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bidder {
    bid_driver *d;
    unsigned index;
    httpc *http;
    sioc *sock;
    char auth[BENCH_TOKEN_MAX + 32];
    bool ready, busy, buy_now;
    uint32_t gen;
    int64_t amount;
    uint64_t ack_id, sent_at;
};

static void start_next_auction(bid_driver *d);
static void buy_lot(bid_driver *d);

static void count_code(bid_driver *d, const char *code)
{
    for (unsigned i = 0; i < DRIVER_CODES_MAX; i++) {
        code_count *c = &d->codes[i];
        if (!c->code[0]) {
            snprintf(c->code, sizeof c->code, "%s", i + 1 < DRIVER_CODES_MAX ? code : "other");
        }
        if (strcmp(c->code, code) == 0 || i + 1 == DRIVER_CODES_MAX) {
            c->count++;
            return;
        }
    }
}

static bool bidder_free(const bidder *b)
{
    return !b->busy && (b->http || (b->sock && b->ready));
}

static void begin_rotation(bid_driver *d)
{
    if (d->stopping) {
        d->phase = DRIVER_STOPPED;
        return;
    }
    d->phase = DRIVER_DRAINING;
    if (d->in_flight == 0) {
        buy_lot(d);
    }
}

/* The request for one bid; the driver's bookkeeping happens in the caller. */
static bool send_bid(bidder *b, int64_t amount, bool buy_now);

static void after_answer(bid_driver *d)
{
    if (d->phase == DRIVER_DRAINING && d->in_flight == 0) {
        buy_lot(d);
    } else if (d->closed_loop && d->phase == DRIVER_RUNNING) {
        bid_driver_fill(d, UINT_MAX);
    }
}

static void on_answer(bidder *b, const bid_answer *a, uint64_t now)
{
    bid_driver *d = b->d;
    d->in_flight--;
    b->busy = false;
    lat_hist_add(&d->latency, now > b->sent_at ? now - b->sent_at : 0);
    if (a->accepted) {
        d->accepted++;
    } else {
        d->refused++;
        count_code(d, a->code);
        if (strcmp(a->code, "transport") == 0) {
            d->transport_errors++;
        }
    }
    if (b->buy_now) {
        b->buy_now = false;
        start_next_auction(d); /* refused too: the auction may have ended by itself */
        return;
    }
    if (b->gen != d->gen) {
        d->late_answers++;
    } else {
        if (a->accepted && b->amount > d->leader_amount) {
            d->leader = (int)b->index;
            d->leader_amount = b->amount;
        }
        if (a->has_min_next && a->min_next_bid > d->server_min_next) {
            d->server_min_next = a->min_next_bid;
        }
        if (a->auction_over && d->phase == DRIVER_RUNNING) {
            begin_rotation(d);
        }
    }
    after_answer(d);
}

static void on_http_answer(httpc *c, int status, const char *body, size_t len, void *ud)
{
    bidder *b = ud;
    bid_answer a;
    bid_answer_from_http(status, body, len, &a);
    b->sent_at = httpc_written_at(c); /* the moment the request really hit the socket */
    on_answer(b, &a, now_us());
}

static void on_sock_ready(sioc *c, void *ud)
{
    bidder *b = ud;
    b->ready = true;
    b->d->bidders_ready++;
}

static void on_sock_ack(sioc *c, uint64_t ack_id, const char *args, size_t len, uint64_t at,
                        void *ud)
{
    bidder *b = ud;
    if (!b->busy || ack_id != b->ack_id) {
        return;
    }
    bid_answer a;
    bid_answer_from_ack(args, len, &a);
    on_answer(b, &a, at);
}

static void on_sock_closed(sioc *c, const char *why, void *ud)
{
    bidder *b = ud;
    b->sock = NULL;
    b->d->bidders_closed++;
    if (b->ready) {
        b->d->bidders_ready--;
    }
    b->ready = false;
    if (b->busy) {
        bid_answer a = {.code = "transport"};
        on_answer(b, &a, now_us());
    }
}

static const sioc_handlers bidder_socket_handlers = {
    .on_ready = on_sock_ready,
    .on_ack = on_sock_ack,
    .on_closed = on_sock_closed,
};

static bool send_bid(bidder *b, int64_t amount, bool buy_now)
{
    bid_driver *d = b->d;
    char text[512];
    b->sent_at = now_us();
    if (b->http) {
        char path[256];
        snprintf(path, sizeof path, "/api/v1/auctions/%s/bids", d->auction_id);
        snprintf(text, sizeof text, "{\"amount\":%lld}", (long long)amount);
        if (!httpc_request(b->http, "POST", path, d->env->bidders[b->index].token, text,
                           on_http_answer, b)) {
            return false;
        }
    } else {
        snprintf(text, sizeof text, "[\"auction:bid\",{\"auction_id\":\"%s\",\"amount\":%lld}]",
                 d->auction_id, (long long)amount);
        int64_t id = sioc_emit(b->sock, text, true);
        if (id < 0) {
            return false;
        }
        b->ack_id = (uint64_t)id;
    }
    b->busy = true;
    b->buy_now = buy_now;
    b->gen = d->gen;
    b->amount = amount;
    d->in_flight++;
    d->sent++;
    bidlog_put(&d->log, d->gen, amount, b->sent_at);
    return true;
}

static int64_t next_amount(bid_driver *d)
{
    int64_t amount = d->ladder_next > d->server_min_next ? d->ladder_next : d->server_min_next;
    d->ladder_next = amount + bid_increment_for(amount);
    return amount;
}

unsigned bid_driver_fill(bid_driver *d, unsigned max)
{
    unsigned sent = 0;
    for (unsigned tries = 0; sent < max && d->phase == DRIVER_RUNNING && tries < d->bidder_count;
         tries++) {
        bidder *b = &d->bidders[d->next_bidder];
        d->next_bidder = (d->next_bidder + 1) % d->bidder_count;
        if (!bidder_free(b) || (int)b->index == d->leader) {
            continue;
        }
        int64_t amount = d->ladder_next > d->server_min_next ? d->ladder_next : d->server_min_next;
        if (amount >= BENCH_BUY_NOW_SEN) {
            begin_rotation(d);
            break;
        }
        if (send_bid(b, next_amount(d), false)) {
            sent++;
        }
    }
    return sent;
}

static void buy_lot(bid_driver *d)
{
    d->phase = DRIVER_BUYING;
    for (unsigned i = 0; i < d->bidder_count; i++) {
        bidder *b = &d->bidders[i];
        if (bidder_free(b) && (int)i != d->leader && send_bid(b, BENCH_BUY_NOW_SEN, true)) {
            return;
        }
    }
    fprintf(stderr, "blytz-load: no bidder can buy the lot to rotate the auction\n");
    d->rotation_failures++;
    d->phase = DRIVER_STOPPED;
}

static void on_auction_started(httpc *c, int status, const char *body, size_t len, void *ud)
{
    bid_driver *d = ud;
    json_t *root = status == 201 ? json_loadb(body, len, 0, NULL) : NULL;
    json_t *auction = json_object_get(root, "auction");
    json_t *id = json_object_get(auction, "id");
    json_t *min_next = json_object_get(auction, "min_next_bid");
    if (!json_is_string(id) || strlen(json_string_value(id)) >= BENCH_ID_MAX) {
        fprintf(stderr, "blytz-load: starting the next auction failed: %d %.*s\n", status,
                (int)(len > 300 ? 300 : len), body);
        d->rotation_failures++;
        d->phase = DRIVER_STOPPED;
        json_decref(root);
        return;
    }
    snprintf(d->auction_id, sizeof d->auction_id, "%s", json_string_value(id));
    d->gen++;
    snprintf(d->gen_ids[d->gen % DRIVER_GENS], BENCH_ID_MAX, "%s", d->auction_id);
    d->server_min_next =
        json_is_integer(min_next) ? json_integer_value(min_next) : BENCH_STARTING_BID_SEN;
    d->ladder_next = d->server_min_next;
    d->leader = -1;
    d->leader_amount = 0;
    d->rotations++;
    d->phase = d->stopping ? DRIVER_STOPPED : DRIVER_RUNNING;
    json_decref(root);
    if (d->closed_loop) {
        bid_driver_fill(d, UINT_MAX);
    }
}

static void start_next_auction(bid_driver *d)
{
    char path[256], body[512];
    d->phase = DRIVER_STARTING;
    snprintf(path, sizeof path, "/api/v1/streams/%s/auctions", d->env->stream_id);
    setup_auction_body(d->env, body, sizeof body);
    if (!httpc_request(d->seller, "POST", path, d->env->seller.token, body, on_auction_started,
                       d)) {
        d->rotation_failures++;
        d->phase = DRIVER_STOPPED;
    }
}

bool bid_driver_init(bid_driver *d, uv_loop_t *loop, const target *t, const bench_env *env,
                     bid_via via, bool closed_loop)
{
    memset(d, 0, sizeof *d);
    d->loop = loop;
    d->t = t;
    d->env = env;
    d->via = via;
    d->closed_loop = closed_loop;
    d->leader = -1;
    d->gen = 1;
    snprintf(d->auction_id, sizeof d->auction_id, "%s", env->auction_id);
    snprintf(d->gen_ids[1], BENCH_ID_MAX, "%s", env->auction_id);
    d->server_min_next = d->ladder_next = env->min_next_bid;
    lat_hist_init(&d->latency);
    d->bidder_count = env->bidder_count;
    d->bidders = calloc(d->bidder_count ? d->bidder_count : 1, sizeof *d->bidders);
    d->seller = httpc_new(loop, t, 0, 1);
    if (!d->bidders || !d->seller) {
        return false;
    }
    for (unsigned i = 0; i < d->bidder_count; i++) {
        bidder *b = &d->bidders[i];
        b->d = d;
        b->index = i;
        if (via == BID_VIA_HTTP) {
            if (!(b->http = httpc_new(loop, t, i, 1))) {
                return false;
            }
            continue;
        }
        snprintf(b->auth, sizeof b->auth, "{\"token\":\"%s\"}", env->bidders[i].token);
        b->sock = sioc_new(loop, t, i, 1, b->auth, &bidder_socket_handlers, b);
        if (!b->sock || !sioc_start(b->sock)) {
            return false;
        }
    }
    return true;
}

bool bid_driver_ready(const bid_driver *d)
{
    return d->via == BID_VIA_HTTP || d->bidders_ready == d->bidder_count;
}

void bid_driver_stop(bid_driver *d)
{
    if (d->phase == DRIVER_RUNNING) {
        d->phase = DRIVER_STOPPED;
    }
    d->stopping = true;
    d->closed_loop = false;
}

void bid_driver_close(bid_driver *d)
{
    d->phase = DRIVER_STOPPED;
    for (unsigned i = 0; i < d->bidder_count; i++) {
        bidder *b = &d->bidders[i];
        if (b->http) {
            httpc_free(b->http);
            b->http = NULL;
        }
        if (b->sock) {
            sioc_close(b->sock);
        }
    }
    if (d->seller) {
        httpc_free(d->seller);
        d->seller = NULL;
    }
}

bool bid_driver_written_at(const bid_driver *d, const char *auction_id, size_t id_len,
                           int64_t amount, uint64_t *written_us)
{
    for (uint32_t g = d->gen; g >= 1 && g + DRIVER_GENS > d->gen; g--) {
        const char *id = d->gen_ids[g % DRIVER_GENS];
        if (strlen(id) == id_len && memcmp(id, auction_id, id_len) == 0) {
            return bidlog_get(&d->log, g, amount, written_us);
        }
    }
    return false;
}

void bid_driver_free(bid_driver *d)
{
    bidlog_free(&d->log);
    free(d->bidders);
    d->bidders = NULL;
}
