/*
 * bus/redis/redis_conn.h - a blocking hiredis connection with timeouts, AUTH and SELECT done.
 * Used only off the event loops: the bus threads and the limiter's worker threads.
 */
#ifndef BUS_REDIS_REDIS_CONN_H
#define BUS_REDIS_REDIS_CONN_H

#include "bus/redis/redis_url.h"

#include <hiredis/hiredis.h>

/* Connect within `timeout_ms`; commands then time out after `timeout_ms` too (the context is
 * unusable after a timeout: free it and connect again). NULL on failure (the reason is put
 * in `why`, for a log line). The caller owns the context (redisFree). */
redisContext *redis_conn_open(const redis_url *u, int timeout_ms, char *why, unsigned whylen);

#endif
