/*
 * http/handlers_auctions.h - how the composition root hands the auction
 * engine to the REST handlers (handlers_auctions.c).
 */
#ifndef HTTP_HANDLERS_AUCTIONS_H
#define HTTP_HANDLERS_AUCTIONS_H

#include "engine/engine.h"

/* Route bids through `e` (NULL: a bid is a batch of one on the worker's connection). Call
 * before the server starts and again with NULL after it stopped; the engine must outlive
 * every request in between. */
void http_auctions_use_engine(engine *e);

#endif
