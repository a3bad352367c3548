/*
 * wire/ingress.h - the REST shape of a show's encoder endpoint (app/video_ingress.h). It
 * carries the stream key: only the show's seller is ever answered with it.
 *
 * Ownership as wire/wire.h says: a new reference, NULL only when out of memory; pointer
 * arguments are borrowed. Any thread.
 */
#ifndef WIRE_INGRESS_H
#define WIRE_INGRESS_H

#include "app/video_ingress.h"

#include <jansson.h>

/* {"ingress": {stream_id, state, url, stream_key, whip, error, created_at, updated_at}};
 * url, stream_key and error are null until set. */
json_t *wire_ingress(const show_ingress *in);

#endif
