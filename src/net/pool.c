#include "net/pool.h"

#include "base/check.h"
#include "base/err.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

typedef struct job_list {
    net_job *head;
    net_job *tail;
} job_list;

typedef struct worker {
    net_pool *pool;
    pthread_t thread;
    int index;
    bool started;
} worker;

struct net_pool {
    uv_async_t async; /* first member: the close callback frees the pool from it */
    net_pool_init_fn init;
    net_pool_fini_fn fini;
    void *udata;

    pthread_mutex_t lock; /* guards everything below */
    pthread_cond_t work_ready;
    pthread_cond_t init_done;
    job_list queue;
    job_list finished;
    bool stopping;
    int inits_returned;
    int init_err;

    int pending; /* loop thread only */
    int nthreads;
    worker *workers;
};

static void list_push(job_list *l, net_job *j)
{
    BZ_CHECK(!l->head == !l->tail);
    j->next = NULL;
    if (l->tail) {
        l->tail->next = j;
    } else {
        l->head = j;
    }
    l->tail = j;
}

static net_job *list_pop(job_list *l)
{
    net_job *j = l->head;
    if (j) {
        l->head = j->next;
        if (!l->head) {
            l->tail = NULL;
        }
        j->next = NULL;
    }
    return j;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    net_pool *p = w->pool;
    void *state = NULL;
    int rc = p->init ? p->init(p->udata, w->index, &state) : BZ_OK;

    pthread_mutex_lock(&p->lock);
    p->inits_returned++;
    if (rc != BZ_OK && p->init_err == BZ_OK) {
        p->init_err = rc;
    }
    pthread_cond_signal(&p->init_done);
    pthread_mutex_unlock(&p->lock);
    if (rc != BZ_OK) {
        return NULL;
    }

    pthread_mutex_lock(&p->lock);
    for (;;) {
        net_job *job = list_pop(&p->queue);
        if (!job) {
            if (p->stopping) {
                break;
            }
            pthread_cond_wait(&p->work_ready, &p->lock);
            continue;
        }
        pthread_mutex_unlock(&p->lock);
        job->work(job, state);
        pthread_mutex_lock(&p->lock);
        bool was_empty = p->finished.head == NULL;
        list_push(&p->finished, job);
        if (was_empty) {
            /* Only the first completion of a batch wakes the loop; uv_async_send coalesces
             * anyway, but this skips the syscall-ish write for the rest. */
            uv_async_send(&p->async);
        }
    }
    pthread_mutex_unlock(&p->lock);
    if (p->fini) {
        p->fini(p->udata, w->index, state);
    }
    return NULL;
}

static void run_finished(net_pool *p)
{
    pthread_mutex_lock(&p->lock);
    job_list batch = p->finished;
    p->finished.head = p->finished.tail = NULL;
    pthread_mutex_unlock(&p->lock);
    net_job *j;
    while ((j = list_pop(&batch))) {
        BZ_CHECK(p->pending > 0); /* every finished job was submitted once */
        p->pending--;
        j->done(j);
    }
}

static void on_async(uv_async_t *h)
{
    run_finished((net_pool *)h);
}

static void stop_and_join(net_pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->stopping = true;
    pthread_cond_broadcast(&p->work_ready);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->nthreads; i++) {
        if (p->workers[i].started) {
            pthread_join(p->workers[i].thread, NULL);
            p->workers[i].started = false;
        }
    }
}

static void destroy_sync(net_pool *p)
{
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->work_ready);
    pthread_cond_destroy(&p->init_done);
    free(p->workers);
}

static void on_closed(uv_handle_t *h)
{
    net_pool *p = (net_pool *)h;
    destroy_sync(p);
    free(p);
}

net_pool *net_pool_new(uv_loop_t *loop, int nthreads, net_pool_init_fn init, net_pool_fini_fn fini,
                       void *udata, int *err_out)
{
    int dummy;
    int *err = err_out ? err_out : &dummy;
    *err = BZ_ENOMEM;
    if (nthreads < 1) {
        nthreads = 1;
    }
    net_pool *p = calloc(1, sizeof(*p));
    if (!p) {
        return NULL;
    }
    p->workers = calloc((size_t)nthreads, sizeof(worker));
    if (!p->workers) {
        free(p);
        return NULL;
    }
    p->init = init;
    p->fini = fini;
    p->udata = udata;
    p->nthreads = nthreads;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work_ready, NULL);
    pthread_cond_init(&p->init_done, NULL);
    if (uv_async_init(loop, &p->async, on_async) != 0) {
        destroy_sync(p);
        free(p);
        return NULL;
    }

    int started = 0;
    for (int i = 0; i < nthreads; i++) {
        worker *w = &p->workers[i];
        w->pool = p;
        w->index = i;
        if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
            break;
        }
        w->started = true;
        started++;
    }
    pthread_mutex_lock(&p->lock);
    while (p->inits_returned < started) {
        pthread_cond_wait(&p->init_done, &p->lock);
    }
    int rc = started < nthreads ? BZ_EINTERNAL : p->init_err;
    pthread_mutex_unlock(&p->lock);
    if (rc != BZ_OK) {
        stop_and_join(p);
        uv_close((uv_handle_t *)&p->async, on_closed);
        *err = rc;
        return NULL;
    }
    *err = BZ_OK;
    return p;
}

void net_pool_submit(net_pool *p, net_job *job)
{
    p->pending++;
    pthread_mutex_lock(&p->lock);
    list_push(&p->queue, job);
    pthread_cond_signal(&p->work_ready);
    pthread_mutex_unlock(&p->lock);
}

int net_pool_pending(const net_pool *p)
{
    return p->pending;
}

void net_pool_close(net_pool *p)
{
    if (!p) {
        return;
    }
    stop_and_join(p);
    run_finished(p);
    /* The workers drain the queue before they stop, so every job's done has run. */
    BZ_CHECK(p->pending == 0);
    uv_close((uv_handle_t *)&p->async, on_closed);
}
