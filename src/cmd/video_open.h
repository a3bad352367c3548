/*
 * cmd/video_open.h - the video port the configuration names (BLYTZ_VIDEO):
 * none, Janus (the embedded default, beside blytz on loopback) or LiveKit.
 */
#ifndef CMD_VIDEO_OPEN_H
#define CMD_VIDEO_OPEN_H

#include "app/ports/blob.h"
#include "app/ports/video.h"
#include "cmd/config.h"

/* *out = the configured video port, or NULL when BLYTZ_VIDEO is empty. `recordings` is where
 * a provider that hands recordings to blytz stores them (borrowed; outlives the video). 0, or
 * 2 after printing why to stderr (a missing or invalid setting). */
int cmd_video_open(const blytz_config *cfg, blob *recordings, video **out);

/* The origin (scheme://host[:port]) browsers reach the configured video server at, when the
 * web app's CSP does not already allow it: a plain http one (Janus beside blytz); "" for
 * none, https and wss. */
void cmd_video_browser_origin(const blytz_config *cfg, char *out, size_t size);

#endif
