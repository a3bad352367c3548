/* net_pool: per-thread state from init/fini, every job done once on the loop thread. */
#include "base/err.h"
#include "net/pool.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>
#include "unit_main.h"

typedef struct counters {
    int inits, finis, fail_index;
    pthread_mutex_t lock;
} counters;

typedef struct my_job {
    net_job job;
    int worker_state;
    int done_calls;
    pthread_t loop_thread;
    bool done_on_loop;
} my_job;

static int init_cb(void *udata, int index, void **state_out)
{
    counters *c = udata;
    pthread_mutex_lock(&c->lock);
    c->inits++;
    pthread_mutex_unlock(&c->lock);
    if (index == c->fail_index) {
        return BZ_EUNAVAILABLE;
    }
    int *state = malloc(sizeof(int));
    *state = 100 + index;
    *state_out = state;
    return BZ_OK;
}

static void fini_cb(void *udata, int index, void *state)
{
    counters *c = udata;
    pthread_mutex_lock(&c->lock);
    c->finis++;
    pthread_mutex_unlock(&c->lock);
    free(state);
}

static void work(net_job *j, void *state)
{
    ((my_job *)j)->worker_state = *(int *)state;
}

static void done(net_job *j)
{
    my_job *m = (my_job *)j;
    m->done_calls++;
    m->done_on_loop = pthread_equal(pthread_self(), m->loop_thread);
}

static void test_jobs_complete_on_loop(void **state)
{
    uv_loop_t loop;
    uv_loop_init(&loop);
    counters c = {.fail_index = -1};
    pthread_mutex_init(&c.lock, NULL);
    int err = 1;
    net_pool *p = net_pool_new(&loop, 3, init_cb, fini_cb, &c, &err);
    assert_non_null(p);
    assert_int_equal(err, BZ_OK);
    assert_int_equal(c.inits, 3);

    enum { N = 500 };
    my_job *jobs = calloc(N, sizeof(my_job));
    for (int i = 0; i < N; i++) {
        jobs[i].job.work = work;
        jobs[i].job.done = done;
        jobs[i].loop_thread = pthread_self();
        net_pool_submit(p, &jobs[i].job);
    }
    while (net_pool_pending(p) > 0) {
        uv_run(&loop, UV_RUN_ONCE);
    }
    for (int i = 0; i < N; i++) {
        assert_int_equal(jobs[i].done_calls, 1);
        assert_true(jobs[i].done_on_loop);
        assert_in_range(jobs[i].worker_state, 100, 102);
    }
    net_pool_close(p);
    uv_run(&loop, UV_RUN_DEFAULT);
    assert_int_equal(c.finis, 3);
    assert_int_equal(uv_loop_close(&loop), 0);
    free(jobs);
}

static void test_close_runs_pending_done(void **state)
{
    uv_loop_t loop;
    uv_loop_init(&loop);
    counters c = {.fail_index = -1};
    pthread_mutex_init(&c.lock, NULL);
    net_pool *p = net_pool_new(&loop, 1, init_cb, fini_cb, &c, NULL);
    my_job jobs[10] = {0};
    for (int i = 0; i < 10; i++) {
        jobs[i].job.work = work;
        jobs[i].job.done = done;
        jobs[i].loop_thread = pthread_self();
        net_pool_submit(p, &jobs[i].job);
    }
    net_pool_close(p); /* without running the loop: done callbacks still run */
    for (int i = 0; i < 10; i++) {
        assert_int_equal(jobs[i].done_calls, 1);
    }
    uv_run(&loop, UV_RUN_DEFAULT);
    assert_int_equal(uv_loop_close(&loop), 0);
}

static void test_init_failure(void **state)
{
    uv_loop_t loop;
    uv_loop_init(&loop);
    counters c = {.fail_index = 1};
    pthread_mutex_init(&c.lock, NULL);
    int err = 0;
    net_pool *p = net_pool_new(&loop, 3, init_cb, fini_cb, &c, &err);
    assert_null(p);
    assert_int_equal(err, BZ_EUNAVAILABLE);
    assert_int_equal(c.inits, 3);
    assert_int_equal(c.finis, 2); /* only the workers whose init succeeded */
    uv_run(&loop, UV_RUN_DEFAULT);
    assert_int_equal(uv_loop_close(&loop), 0);
}

UNIT_MAIN(cmocka_unit_test(test_jobs_complete_on_loop),
          cmocka_unit_test(test_close_runs_pending_done), cmocka_unit_test(test_init_failure))
