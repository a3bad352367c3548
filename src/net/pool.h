/*
 * net/pool.h - a fixed pool of worker threads fed from the loop thread.
 *
 * Each worker owns per-thread state made by a caller-supplied init callback (Blytz: an
 * app_ctx with its own store connection) and torn down by fini on exit. Jobs are intrusive
 * (net_job lives inside the caller's object), so submitting allocates nothing. A job's `work`
 * runs on some worker; its `done` runs later on the loop thread. Completions are batched: one
 * uv_async wakes the loop for every job finished since the last wake-up, and `done`
 * callbacks run in the order the jobs finished.
 *
 * Thread rules: net_pool_new, net_pool_submit, net_pool_pending and net_pool_close are for the
 * loop thread only. `work` must not touch loop-owned data.
 */
#ifndef NET_POOL_H
#define NET_POOL_H

#include <uv.h>

typedef struct net_pool net_pool;
typedef struct net_job net_job;

struct net_job {
    net_job *next;                                  /* owned by the pool while queued */
    void (*work)(net_job *job, void *thread_state); /* worker thread */
    void (*done)(net_job *job);                     /* loop thread, after work */
};

/* Runs on the new worker thread before it takes jobs. Store the thread's state in *state_out.
 * Return 0 (BZ_OK) or a negative BZ_E* code to fail net_pool_new. */
typedef int (*net_pool_init_fn)(void *udata, int index, void **state_out);
/* Runs on the worker thread as it exits, for workers whose init succeeded. */
typedef void (*net_pool_fini_fn)(void *udata, int index, void *state);

/* Start `nthreads` workers (at least 1) and wait until every init has returned. On any init
 * failure all workers are stopped and joined, and NULL is returned with *err_out (may be NULL)
 * set. `init` and `fini` may be NULL (state is then NULL). */
net_pool *net_pool_new(uv_loop_t *loop, int nthreads, net_pool_init_fn init, net_pool_fini_fn fini,
                       void *udata, int *err_out);

/* Queue `job` (its work/done set by the caller, who keeps it alive until done runs). */
void net_pool_submit(net_pool *p, net_job *job);

/* Jobs submitted whose `done` has not run yet. */
int net_pool_pending(const net_pool *p);

/* Let the workers finish every queued job, join them (fini runs), run the remaining `done`
 * callbacks, then close the async handle; the pool is freed once the loop has run the close
 * callback. Blocks while jobs still run. NULL is allowed. */
void net_pool_close(net_pool *p);

#endif
