#include "net/signal.h"

#include <signal.h>
#include <stdlib.h>

struct net_signals {
    uv_signal_t sigint;
    uv_signal_t sigterm;
    net_signal_fn fn;
    void *udata;
    int open_handles;
};

void net_ignore_sigpipe(void)
{
    signal(SIGPIPE, SIG_IGN);
}

static void on_signal(uv_signal_t *h, int signum)
{
    net_signals *s = h->data;
    s->fn(s->udata, signum);
}

net_signals *net_signals_start(uv_loop_t *loop, net_signal_fn fn, void *udata)
{
    net_ignore_sigpipe();
    net_signals *s = calloc(1, sizeof(*s));
    if (!s) {
        return NULL;
    }
    s->fn = fn;
    s->udata = udata;
    uv_signal_init(loop, &s->sigint);
    uv_signal_init(loop, &s->sigterm);
    s->sigint.data = s;
    s->sigterm.data = s;
    s->open_handles = 2;
    uv_signal_start(&s->sigint, on_signal, SIGINT);
    uv_signal_start(&s->sigterm, on_signal, SIGTERM);
    uv_unref((uv_handle_t *)&s->sigint);
    uv_unref((uv_handle_t *)&s->sigterm);
    return s;
}

static void on_closed(uv_handle_t *h)
{
    net_signals *s = h->data;
    if (--s->open_handles == 0) {
        free(s);
    }
}

void net_signals_close(net_signals *s)
{
    if (!s) {
        return;
    }
    uv_close((uv_handle_t *)&s->sigint, on_closed);
    uv_close((uv_handle_t *)&s->sigterm, on_closed);
}
