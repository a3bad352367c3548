/*
 * cmd/cmd.h - the subcommands of blytz and the runtime they share: opening
 * the configured store, crypto, blob store and imager (the composition root).
 */
#ifndef CMD_CMD_H
#define CMD_CMD_H

#include "app/app.h"
#include "cmd/config.h"

/* Each returns the process exit code (0, 1 runtime failure, 2 bad configuration). */
int cmd_serve(const blytz_config *cfg);
int cmd_migrate(const blytz_config *cfg);
int cmd_demo(const blytz_config *cfg);
int cmd_conformance(const blytz_config *cfg); /* gateway only, for the protocol suites */
/* blytz outbox list|retry: parses its own arguments, the rest as config_load's of `scope`. */
int cmd_outbox(unsigned scope, int argc, char **argv);
int cmd_admin(unsigned scope, int argc, char **argv); /* blytz admin grant|revoke EMAIL */

/* Everything a node holds, built from configuration. */
typedef struct runtime {
    app_env env;
    const blytz_config *cfg;
} runtime;

/* Open the ports named by `cfg` into rt->env (log level, node id, crypto, blob, video,
 * payments, imager). On failure prints one line to stderr and returns the exit code (1 or 2). */
int runtime_open(runtime *rt, const blytz_config *cfg);
void runtime_close(runtime *rt);

/* Open a store connection from cfg->database (creating the SQLite directory if needed).
 * Prints one line and returns an exit code on failure, 0 on success. */
int runtime_store_open(const blytz_config *cfg, store **out);

/* Open the store, apply migrations and the category tree. 0 or an exit code. */
int cmd_open_migrated(const blytz_config *cfg, store **out);

/* Load demo data through the use cases when the database has no users. 0 or an exit code. */
int cmd_load_demo_if_empty(runtime *rt, store *s);

#endif
