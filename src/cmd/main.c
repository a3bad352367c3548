/*
 * blytz - the Blytz server binary.
 *
 *   blytz serve [--demo]   run the node: REST API, real-time gateway, web app
 *   blytz migrate          apply database migrations and exit
 *   blytz demo             load demo data into an empty database and exit
 *   blytz conformance      only the Socket.IO gateway, set up for the protocol test suites
 *   blytz outbox list|retry   inspect the outbox, put a parked row back (docs/outbox.md)
 *   blytz version
 *
 * Exit codes: 0 success, 1 runtime failure, 2 bad usage or configuration.
 */
#include "cmd/cmd.h"
#include "cmd/config.h"

#include <stdio.h>
#include <string.h>

#define BLYTZ_VERSION "0.1.0"

struct command {
    const char *name;
    unsigned scope;
    int (*run)(const blytz_config *cfg);
    const char *summary;
    /* A command with words of its own (blytz outbox list): it reads argv after its name itself,
     * help included, instead of `run`. */
    int (*run_args)(unsigned scope, int argc, char **argv);
};

static const struct command commands[] = {
    {"serve", CONFIG_SERVE | CONFIG_DB, cmd_serve, "run the server (REST API, gateway, web app)",
     NULL},
    {"migrate", CONFIG_DB, cmd_migrate, "apply pending database migrations and exit", NULL},
    {"demo", CONFIG_DB, cmd_demo, "load demo sellers, products and shows into an empty database",
     NULL},
    {"conformance", CONFIG_SERVE, cmd_conformance,
     "only the Socket.IO gateway, for the Engine.IO/Socket.IO suites (port 3000)", NULL},
    {"outbox", CONFIG_DB, NULL, "list outbox rows (list --state parked) or retry a parked one",
     cmd_outbox},
    {"admin", CONFIG_DB, NULL, "grant or revoke an account's admin rights (grant EMAIL)",
     cmd_admin},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
    fprintf(out, "Blytz %s - live-stream shopping and auctions\n\n", BLYTZ_VERSION);
    fprintf(out, "Usage: blytz COMMAND [OPTIONS]\n\nCommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++) {
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    }
    fprintf(out, "  %-10s %s\n", "version", "print the version");
    fprintf(out, "\nRun `blytz COMMAND --help` for a command's options.\n");
}

static int wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        usage(stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
        printf("blytz %s\n", BLYTZ_VERSION);
        return 0;
    }
    for (size_t i = 0; i < NCOMMANDS; i++) {
        const struct command *c = &commands[i];
        if (strcmp(argv[1], c->name)) {
            continue;
        }
        if (c->run_args) {
            return c->run_args(c->scope, argc - 2, argv + 2);
        }
        if (wants_help(argc - 2, argv + 2)) {
            printf("Usage: blytz %s [OPTIONS]\n\n%s\n\n", c->name, c->summary);
            config_print_help(c->scope);
            return 0;
        }
        blytz_config cfg;
        char err[256];
        if (config_load(&cfg, c->scope, argc - 2, argv + 2, err, sizeof(err))) {
            fprintf(stderr, "blytz %s: %s\n", c->name, err);
            return 2;
        }
        return c->run(&cfg);
    }
    fprintf(stderr, "blytz: unknown command \"%s\" (see blytz --help)\n", argv[1]);
    return 2;
}
