/* The application's part of /metrics (live.h: live_metrics). Loop thread. */
#include "realtime/live/live_internal.h"

void live_metrics(void *app, bz_buf *out)
{
    const live_hub *a = app;
    bz_buf_puts(out, "# HELP blytz_socket_events_total Socket.IO client events let through, by "
                     "class.\n"
                     "# TYPE blytz_socket_events_total counter\n");
    for (int c = 0; c < LIVE_EV_FLOOD; c++) {
        bz_buf_printf(out, "blytz_socket_events_total{class=\"%s\"} %llu\n", live_ev_class_name(c),
                      (unsigned long long)a->stats.events[c]);
    }
    bz_buf_puts(out, "# HELP blytz_socket_events_limited_total Socket.IO client events refused "
                     "with rate_limited, by class.\n"
                     "# TYPE blytz_socket_events_limited_total counter\n");
    for (int c = 0; c < LIVE_EV_FLOOD; c++) {
        bz_buf_printf(out, "blytz_socket_events_limited_total{class=\"%s\"} %llu\n",
                      live_ev_class_name(c), (unsigned long long)a->stats.limited[c]);
    }
    bz_buf_printf(out,
                  "# HELP blytz_socket_flood_disconnects_total Sockets disconnected for flooding.\n"
                  "# TYPE blytz_socket_flood_disconnects_total counter\n"
                  "blytz_socket_flood_disconnects_total %llu\n"
                  "# HELP blytz_socket_join_reads_total Store reads made to answer join:stream.\n"
                  "# TYPE blytz_socket_join_reads_total counter\n"
                  "blytz_socket_join_reads_total %llu\n"
                  "# HELP blytz_socket_join_cached_total join:stream answers that needed no "
                  "store read of their own (the node's cache, or a read in progress).\n"
                  "# TYPE blytz_socket_join_cached_total counter\n"
                  "blytz_socket_join_cached_total %llu\n"
                  "# HELP blytz_socket_sessions Open Engine.IO sessions.\n"
                  "# TYPE blytz_socket_sessions gauge\n"
                  "blytz_socket_sessions %zu\n",
                  (unsigned long long)a->stats.flood_disconnects,
                  (unsigned long long)a->stats.join_reads, (unsigned long long)a->stats.join_cached,
                  a->gw ? gw_session_count(a->gw) : (size_t)0);
}
