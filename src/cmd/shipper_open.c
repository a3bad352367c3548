/*
 * The configured shipping port (cmd/shipper_open.h).
 */
#include "cmd/shipper_open.h"

#include "base/err.h"
#include "integrations/ninjavan/nv_shipper.h"

#include <stdio.h>
#include <string.h>

int cmd_shipper_open(const blytz_config *cfg, shipper **out)
{
    *out = NULL;
    if (!cfg->ninjavan_client_id[0]) {
        return 0;
    }
    if (!cfg->ninjavan_client_secret[0]) {
        fprintf(stderr, "blytz: NINJAVAN_CLIENT_SECRET: required with NINJAVAN_CLIENT_ID\n");
        return 2;
    }
    nv_shipper_config nc = {
        .api = {.api_base = cfg->ninjavan_api_base,
                .country = cfg->ninjavan_country,
                .client_id = cfg->ninjavan_client_id,
                .client_secret = cfg->ninjavan_client_secret,
                .max_retries = 2}, /* within one call; the outbox retries the row after that */
        .webhook_secret = cfg->ninjavan_webhook_secret,
        .service_level = cfg->ninjavan_service_level,
    };
    int rc = nv_shipper_new(&nc, out);
    if (rc != BZ_OK) {
        fprintf(stderr,
                "blytz: NINJAVAN_*: %s (ids and secrets are printable ASCII without spaces, "
                "the service level a word)\n",
                bz_err_message(rc));
        return 2;
    }
    return 0;
}
