/*
 * The REST shape of a buyer's delivery addresses (wire/resources.h): the postal fields are
 * wire_postal's, the seller's pickup address's, with the recipient beside them.
 */
#include "wire/resources.h"
#include "wire/wire.h"

json_t *wire_address(const delivery_address *d)
{
    json_t *o = wire_postal(&d->postal, true);
    o = wire_set(o, "id", wire_id(d->id));
    o = wire_set(o, "name", wire_str(d->name));
    o = wire_set(o, "phone", wire_str(d->phone));
    o = wire_set(o, "is_default", json_boolean(d->is_default));
    o = wire_set(o, "created_at", wire_time(d->created_at));
    return wire_set(o, "updated_at", wire_time(d->updated_at));
}

json_t *wire_addresses(const delivery_address *rows, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_array_append_new(arr, wire_address(&rows[i]));
    }
    return wire_wrap("addresses", arr);
}
