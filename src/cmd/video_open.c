/*
 * The configured video port (cmd/video_open.h).
 */
#include "cmd/video_open.h"

#include "base/err.h"
#include "base/str.h"
#include "integrations/janus/janus.h"
#include "integrations/livekit/livekit.h"

#include <stdio.h>
#include <string.h>

static int open_livekit(const blytz_config *cfg, video **out)
{
    livekit_config lk;
    memset(&lk, 0, sizeof(lk));
    bz_strlcpy(lk.url, cfg->livekit_url, sizeof(lk.url));
    bz_strlcpy(lk.api_url, cfg->livekit_api_url, sizeof(lk.api_url));
    bz_strlcpy(lk.api_key, cfg->livekit_api_key, sizeof(lk.api_key));
    bz_strlcpy(lk.api_secret, cfg->livekit_api_secret, sizeof(lk.api_secret));
    bz_strlcpy(lk.egress.endpoint, cfg->livekit_egress_endpoint, sizeof(lk.egress.endpoint));
    bz_strlcpy(lk.egress.bucket, cfg->livekit_egress_bucket, sizeof(lk.egress.bucket));
    bz_strlcpy(lk.egress.region, cfg->livekit_egress_region, sizeof(lk.egress.region));
    bz_strlcpy(lk.egress.access_key, cfg->livekit_egress_access_key, sizeof(lk.egress.access_key));
    bz_strlcpy(lk.egress.secret, cfg->livekit_egress_secret, sizeof(lk.egress.secret));
    bz_strlcpy(lk.egress.key_prefix, cfg->livekit_egress_prefix, sizeof(lk.egress.key_prefix));
    int rc = livekit_open(&lk, out);
    if (rc != BZ_OK) {
        fprintf(stderr,
                "blytz: BLYTZ_VIDEO=livekit: %s (LIVEKIT_URL, LIVEKIT_API_KEY and "
                "LIVEKIT_API_SECRET are required)\n",
                bz_err_message(rc));
        return 2;
    }
    return 0;
}

static int open_janus(const blytz_config *cfg, blob *recordings, video **out)
{
    janus_config jc;
    memset(&jc, 0, sizeof(jc));
    bz_strlcpy(jc.api_url, cfg->janus_url, sizeof(jc.api_url));
    bz_strlcpy(jc.public_url, cfg->janus_public_url, sizeof(jc.public_url));
    bz_strlcpy(jc.admin_key, cfg->janus_admin_key, sizeof(jc.admin_key));
    bz_strlcpy(jc.token_secret, cfg->janus_token_secret, sizeof(jc.token_secret));
    bz_strlcpy(jc.rec_dir, cfg->janus_rec_dir, sizeof(jc.rec_dir));
    bz_strlcpy(jc.pp_rec, cfg->janus_pp_rec, sizeof(jc.pp_rec));
    jc.blob = recordings;
    int rc = janus_open(&jc, out);
    if (rc != BZ_OK) {
        fprintf(stderr,
                "blytz: BLYTZ_VIDEO=janus: %s (JANUS_URL, JANUS_ADMIN_KEY, "
                "JANUS_TOKEN_SECRET and JANUS_REC_DIR are required: scripts/run.sh "
                "starts Janus and sets them)\n",
                bz_err_message(rc));
        return 2;
    }
    return 0;
}

void cmd_video_browser_origin(const blytz_config *cfg, char *out, size_t size)
{
    const char *url = !strcmp(cfg->video, "janus")
                          ? (cfg->janus_public_url[0] ? cfg->janus_public_url : cfg->janus_url)
                          : "";
    out[0] = '\0';
    if (strncmp(url, "http://", 7) != 0) {
        return;
    }
    size_t n = strcspn(url + 7, "/?#") + 7;
    if (n < size) {
        memcpy(out, url, n);
        out[n] = '\0';
    }
}

int cmd_video_open(const blytz_config *cfg, blob *recordings, video **out)
{
    *out = NULL;
    if (!strcmp(cfg->video, "janus")) {
        return open_janus(cfg, recordings, out);
    }
    if (!strcmp(cfg->video, "livekit")) {
        return open_livekit(cfg, out);
    }
    return 0; /* "" (config_load refuses anything else): no video */
}
