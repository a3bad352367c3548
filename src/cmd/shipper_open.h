/*
 * cmd/shipper_open.h - the shipping port the configuration names: NinjaVan when
 * NINJAVAN_CLIENT_ID is set (with NINJAVAN_CLIENT_SECRET; NINJAVAN_WEBHOOK_SECRET,
 * NINJAVAN_API_BASE, NINJAVAN_COUNTRY and NINJAVAN_SERVICE_LEVEL have defaults),
 * else none (app_env.shipper NULL: shipping is not offered).
 */
#ifndef CMD_SHIPPER_OPEN_H
#define CMD_SHIPPER_OPEN_H

#include "app/ports/shipper.h"
#include "cmd/config.h"

/* *out = the configured shipping port, or NULL when NINJAVAN_CLIENT_ID is empty. 0, or 2 after
 * printing why to stderr (a client id without its secret, a value the adapter refuses);
 * secrets are never printed. */
int cmd_shipper_open(const blytz_config *cfg, shipper **out);

#endif
