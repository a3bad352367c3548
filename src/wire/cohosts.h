/*
 * wire/cohosts.h - the shapes of a show's stage: its co-hosts (docs/api.md
 * "Co-hosts", docs/realtime-protocol.md "show:stage"). The REST list and the
 * room's `show:stage` event are the same object, built here once.
 *
 * Ownership as wire/wire.h says: a new reference, NULL only when out of
 * memory; pointer arguments are borrowed. Any thread.
 */
#ifndef WIRE_COHOSTS_H
#define WIRE_COHOSTS_H

#include "domain/cohost.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* {id (the user's), username, invited_at} */
json_t *wire_cohost(const show_cohost *c);
/* {stream_id, cohosts: [wire_cohost, ...]}: GET /streams/{id}/cohosts and `show:stage`. */
json_t *wire_stage(int64_t stream_id, const show_cohost *cohosts, size_t n);

#endif
