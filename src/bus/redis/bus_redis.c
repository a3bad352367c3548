/*
 * The Redis events bus (bus/redis/bus_redis.h): a publisher thread and a subscriber thread,
 * each with one blocking hiredis connection; received events go through a bus_local so they
 * are delivered on the loop thread in arrival order.
 */
#include "bus/redis/bus_redis.h"

#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "bus/redis/bus_redis_wire.h"
#include "bus/redis/redis_conn.h"

#include <errno.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#define CONNECT_TIMEOUT_MS 1000
#define BACKOFF_MIN_MS     100
#define BACKOFF_MAX_MS     5000

typedef struct msg {
    struct msg *next;
    size_t chlen, len; /* channel bytes, then message bytes, in data */
    char data[];
} msg;

struct bus_redis {
    events port; /* first member: the port pointer is the bus */
    redis_url url;
    bus_local *inbox; /* delivers received events on the loop thread */
    uv_mutex_t mu;
    uv_cond_t cv;
    msg *head, *tail; /* guarded by mu */
    int queued;       /* guarded by mu */
    atomic_bool stopping, pub_up, sub_up;
    int wake_fd; /* eventfd: wakes the subscriber's poll at close */
    uv_thread_t pub_thread, sub_thread;
    bool threads;
};

static int publish(events *e, const event *ev)
{
    bus_redis *b = (bus_redis *)e;
    char head[BUS_REDIS_MAX_HEAD], ch[64];
    size_t hlen = bus_redis_header(ev, head, sizeof(head));
    if (hlen == 0) {
        bz_warn("redis bus: event %s too large or malformed, not published", ev->name);
        return BZ_ETOOLARGE;
    }
    if (!atomic_load(&b->pub_up) || atomic_load(&b->stopping)) {
        return BZ_EUNAVAILABLE;
    }
    size_t chlen = bus_redis_channel(ev, ch, sizeof(ch));
    BZ_CHECK(chlen > 0 && chlen < sizeof(ch)); /* "blytz:ev:stream:" and an int64 fit */
    msg *m = malloc(sizeof(*m) + chlen + hlen + ev->json_len);
    if (!m) {
        return BZ_ENOMEM;
    }
    m->next = NULL;
    m->chlen = chlen;
    m->len = hlen + ev->json_len;
    memcpy(m->data, ch, chlen);
    memcpy(m->data + chlen, head, hlen);
    memcpy(m->data + chlen + hlen, ev->json, ev->json_len);
    uv_mutex_lock(&b->mu);
    BZ_CHECK((b->head == NULL) == (b->queued == 0));
    bool full = b->queued >= BUS_REDIS_MAX_QUEUED;
    if (!full) {
        *(b->tail ? &b->tail->next : &b->head) = m;
        b->tail = m;
        b->queued++;
        uv_cond_signal(&b->cv);
    }
    uv_mutex_unlock(&b->mu);
    if (full) {
        free(m);
        return BZ_EUNAVAILABLE;
    }
    return BZ_OK;
}

static int status(events *e)
{
    bus_redis *b = (bus_redis *)e;
    return atomic_load(&b->pub_up) && atomic_load(&b->sub_up) ? BZ_OK : BZ_EUNAVAILABLE;
}

static const struct events_ops ops = {.publish = publish, .status = status, .name = "redis"};

static void free_msgs(msg *m)
{
    while (m) {
        msg *next = m->next;
        free(m);
        m = next;
    }
}

/* Sleep up to `ms` unless stopping (publisher side). Called with mu held. */
static void pub_backoff(bus_redis *b, int *ms)
{
    if (!atomic_load(&b->stopping)) {
        uv_cond_timedwait(&b->cv, &b->mu, (uint64_t)*ms * 1000000u);
    }
    *ms = *ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : *ms * 2;
}

/* PUBLISH a batch pipelined: append all, then read every reply. -1 if the connection broke. */
static int send_batch(redisContext *c, const msg *m)
{
    int n = 0;
    for (const msg *p = m; p; p = p->next, n++) {
        if (redisAppendCommand(c, "PUBLISH %b %b", p->data, p->chlen, p->data + p->chlen, p->len) !=
            REDIS_OK) {
            return -1;
        }
    }
    while (n-- > 0) {
        void *r = NULL;
        if (redisGetReply(c, &r) != REDIS_OK) {
            return -1;
        }
        freeReplyObject(r);
    }
    return 0;
}

/* Connect (or log why not). Returns the context or NULL; `*warned` limits the log noise. */
static redisContext *connect_logged(bus_redis *b, const char *who, bool *warned)
{
    char why[128] = "";
    redisContext *c = redis_conn_open(&b->url, CONNECT_TIMEOUT_MS, why, sizeof(why));
    if (!c && !*warned) {
        bz_warn("redis bus: %s cannot reach %s:%d (%s); retrying", who, b->url.host, b->url.port,
                why);
        *warned = true;
    } else if (c && *warned) {
        bz_info("redis bus: %s connected to %s:%d", who, b->url.host, b->url.port);
        *warned = false;
    }
    return c;
}

static void pub_main(void *arg)
{
    bus_redis *b = arg;
    redisContext *c = NULL;
    int backoff = BACKOFF_MIN_MS;
    bool warned = false;
    uv_mutex_lock(&b->mu);
    for (;;) {
        while (c && !b->head && !atomic_load(&b->stopping)) {
            uv_cond_wait(&b->cv, &b->mu);
        }
        if (atomic_load(&b->stopping) && (!c || !b->head)) {
            break;
        }
        if (!c) {
            uv_mutex_unlock(&b->mu);
            c = connect_logged(b, "publisher", &warned);
            uv_mutex_lock(&b->mu);
            atomic_store(&b->pub_up, c != NULL);
            if (c) {
                backoff = BACKOFF_MIN_MS;
            } else {
                pub_backoff(b, &backoff);
            }
            continue;
        }
        msg *batch = b->head;
        b->head = b->tail = NULL;
        b->queued = 0;
        uv_mutex_unlock(&b->mu);
        if (send_batch(c, batch)) {
            bz_warn("redis bus: publisher lost the connection (%s)", c->errstr);
            atomic_store(&b->pub_up, false);
            redisFree(c);
            c = NULL;
        }
        free_msgs(batch);
        uv_mutex_lock(&b->mu);
    }
    uv_mutex_unlock(&b->mu);
    atomic_store(&b->pub_up, false);
    redisFree(c);
}

/* One pub/sub reply: pass a "pmessage" on to the loop thread through the inbox. */
static void on_reply(bus_redis *b, const redisReply *r)
{
    if (r->type != REDIS_REPLY_ARRAY || r->elements != 4 ||
        r->element[0]->type != REDIS_REPLY_STRING || strcmp(r->element[0]->str, "pmessage") != 0 ||
        r->element[3]->type != REDIS_REPLY_STRING) {
        return;
    }
    event ev;
    char name[BUS_REDIS_MAX_NAME + 1];
    if (bus_redis_decode(r->element[3]->str, r->element[3]->len, &ev, name)) {
        bz_warn("redis bus: dropped a malformed message on %s", r->element[2]->str);
        return;
    }
    events *inbox = bus_local_events(b->inbox);
    inbox->ops->publish(inbox, &ev);
}

/* Wait for the socket or the wake fd. 1 = readable, 0 = stop, -1 = error. */
static int wait_readable(bus_redis *b, int fd, int timeout_ms)
{
    struct pollfd p[2] = {{.fd = fd, .events = POLLIN}, {.fd = b->wake_fd, .events = POLLIN}};
    int n = poll(p, 2, timeout_ms);
    if (atomic_load(&b->stopping)) {
        return 0;
    }
    if (n < 0) {
        return errno == EINTR ? 2 : -1;
    }
    return n == 0 ? 2 : (p[0].revents ? 1 : 2);
}

/* Read and dispatch until the connection breaks or the bus stops. */
static void sub_read(bus_redis *b, redisContext *c)
{
    for (;;) {
        void *r = NULL;
        if (redisGetReplyFromReader(c, &r) != REDIS_OK) {
            break;
        }
        if (r) {
            on_reply(b, r);
            freeReplyObject(r);
            continue;
        }
        int w = wait_readable(b, c->fd, 1000);
        if (w == 0 || w < 0 || (w == 1 && redisBufferRead(c) != REDIS_OK)) {
            if (w != 0) {
                bz_warn("redis bus: subscriber lost the connection (%s)", c->errstr);
            }
            break;
        }
    }
}

static void sub_main(void *arg)
{
    bus_redis *b = arg;
    int backoff = BACKOFF_MIN_MS;
    bool warned = false;
    while (!atomic_load(&b->stopping)) {
        redisContext *c = connect_logged(b, "subscriber", &warned);
        redisReply *ok = c ? redisCommand(c, "PSUBSCRIBE %s", BUS_REDIS_PATTERN) : NULL;
        if (!ok) {
            redisFree(c);
            wait_readable(b, -1, backoff);
            backoff = backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : backoff * 2;
            continue;
        }
        freeReplyObject(ok);
        backoff = BACKOFF_MIN_MS;
        atomic_store(&b->sub_up, true);
        sub_read(b, c);
        atomic_store(&b->sub_up, false);
        redisFree(c);
    }
}

bus_redis *bus_redis_new(uv_loop_t *loop, const redis_url *url)
{
    bus_redis *b = calloc(1, sizeof(*b));
    if (!b) {
        return NULL;
    }
    b->port.ops = &ops;
    b->url = *url;
    b->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    b->inbox = bus_local_new(loop);
    if (b->wake_fd < 0 || !b->inbox || uv_mutex_init(&b->mu) || uv_cond_init(&b->cv)) {
        /* uv_mutex/cond init failures are not expected on Linux; leak-free enough for exit */
        bus_local_free(b->inbox);
        free(b);
        return NULL;
    }
    if (uv_thread_create(&b->pub_thread, pub_main, b) ||
        uv_thread_create(&b->sub_thread, sub_main, b)) {
        abort(); /* cannot create a thread at start: nothing sensible to do */
    }
    b->threads = true;
    return b;
}

void bus_redis_subscribe(bus_redis *b, bus_local_deliver_fn fn, void *udata)
{
    bus_local_subscribe(b->inbox, fn, udata);
}

events *bus_redis_events(bus_redis *b)
{
    return &b->port;
}

bool bus_redis_ready(bus_redis *b)
{
    return atomic_load(&b->pub_up) && atomic_load(&b->sub_up);
}

void bus_redis_close(bus_redis *b)
{
    uv_mutex_lock(&b->mu);
    atomic_store(&b->stopping, true);
    uv_cond_broadcast(&b->cv);
    uv_mutex_unlock(&b->mu);
    uint64_t one = 1;
    ssize_t w = write(b->wake_fd, &one, sizeof(one));
    (void)w; /* an eventfd write cannot fail short of overflow */
    if (b->threads) {
        uv_thread_join(&b->pub_thread);
        uv_thread_join(&b->sub_thread);
        b->threads = false;
    }
    bus_local_close(b->inbox);
}

void bus_redis_free(bus_redis *b)
{
    if (!b) {
        return;
    }
    free_msgs(b->head);
    bus_local_free(b->inbox);
    uv_cond_destroy(&b->cv);
    uv_mutex_destroy(&b->mu);
    close(b->wake_fd);
    free(b);
}
