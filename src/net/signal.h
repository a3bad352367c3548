/*
 * net/signal.h - SIGINT/SIGTERM delivered on the loop thread.
 *
 * Also ignores SIGPIPE for the process: a peer that goes away mid-write must be an EPIPE
 * error on that socket, not the death of the server.
 */
#ifndef NET_SIGNAL_H
#define NET_SIGNAL_H

#include <uv.h>

typedef struct net_signals net_signals;

/* Called on the loop thread with the signal number. */
typedef void (*net_signal_fn)(void *udata, int signum);

/* Watch SIGINT and SIGTERM on `loop`. The handles are unreferenced, so they do not keep the
 * loop alive. NULL on failure. Loop thread only. */
net_signals *net_signals_start(uv_loop_t *loop, net_signal_fn fn, void *udata);

/* Stop watching and free (after the loop runs the close callbacks). NULL is allowed. */
void net_signals_close(net_signals *s);

/* Ignore SIGPIPE process-wide (idempotent). */
void net_ignore_sigpipe(void);

#endif
