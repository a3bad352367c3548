/*
 * blytz admin: who runs Blytz (an admin may see any order and refund it; docs/payments.md
 * "Refunds and disputes"). Granted on the machine by an operator, never through the API.
 *
 *   blytz admin grant EMAIL
 *   blytz admin revoke EMAIL
 *
 * Both take the database settings of every command. The change applies to the user's next
 * request on every node (it is read from the database each time, never cached).
 */
#include "cmd/cmd.h"

#include "base/err.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
    fprintf(out, "Usage: blytz admin grant EMAIL [OPTIONS]\n"
                 "       blytz admin revoke EMAIL [OPTIONS]\n\n"
                 "grant: the account of EMAIL may see any order and refund it.\n"
                 "revoke: it may not any more.\n\n");
}

int cmd_admin(unsigned scope, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            config_print_help(scope);
            return 0;
        }
    }
    const char *verb = argc > 0 ? argv[0] : "";
    bool grant = !strcmp(verb, "grant");
    if ((!grant && strcmp(verb, "revoke")) || argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "blytz admin: say grant EMAIL or revoke EMAIL (see blytz admin --help)\n");
        return 2;
    }
    blytz_config cfg;
    char err[256];
    if (config_load(&cfg, scope, argc - 2, argv + 2, err, sizeof(err))) {
        fprintf(stderr, "blytz admin: %s\n", err);
        return 2;
    }
    store *s = NULL;
    int rc = runtime_store_open(&cfg, &s);
    if (rc) {
        return rc;
    }
    rc = store_user_set_admin(s, argv[1], grant);
    store_close(s);
    if (rc == BZ_OK) {
        printf("%s %s an admin\n", argv[1], grant ? "is now" : "is no longer");
        return 0;
    }
    fprintf(stderr, "blytz admin: %s\n",
            rc == BZ_ENOTFOUND ? "no account has that email" : bz_err_message(rc));
    return 1;
}
