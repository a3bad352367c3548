/* bench/load/main.c - blytz-load: the real-time load generator (docs/benchmarks.md).
 * Parses flags, raises the descriptor limit and runs one scenario, which prints one
 * JSON line on stdout; everything else goes to stderr. */
#include "procstat.h"
#include "scenario.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: blytz-load --scenario NAME --url http://127.0.0.1:PORT [options]\n"
    "\n"
    "Scenarios (each prints one JSON line on stdout):\n"
    "  fanout          viewers join one stream room; bids over HTTP at --rate;\n"
    "                  latency bid written -> event decoded by each viewer\n"
    "  max_deliveries  like fanout, the bid rate multiplied by --ramp-factor every\n"
    "                  --ramp-step seconds until deliveries/s stops growing\n"
    "  idle            --viewers connections join a room and idle for --duration;\n"
    "                  server RSS per connection (needs --server-pid)\n"
    "  bids            --bidders each keep one bid in flight on one auction\n"
    "  flood           REST reads at --probe-rate, alone for --duration, then beside\n"
    "                  --viewers sockets flooding join:stream and --chatters flooding\n"
    "                  chat:message at --rate events/s each; REST latency of both\n"
    "\n"
    "Options:\n"
    "  --url URL            server base URL; loopback IPv4 only (required)\n"
    "  --viewers N          Socket.IO connections (fanout 1000, idle 10000, flood 10)\n"
    "  --rate R             bids/s for fanout, first step of max_deliveries (20);\n"
    "                       events/s per flooding socket (700)\n"
    "  --probe-rate P       flood: REST reads per second (200)\n"
    "  --chatters C         flood: signed-in chat:message flooders, 0 allowed (4)\n"
    "  --duration S         bidding/idle time; the whole ramp for max_deliveries (10)\n"
    "  --bidders M          bidder accounts (fanout 4, max_deliveries and bids 64)\n"
    "  --bid-via http|socket  how bids are sent (http)\n"
    "  --server-pid PID     read the server's CPU and RSS from /proc/PID\n"
    "  --connect-rate C     new connections per second (5000)\n"
    "  --src-addrs K        spread connections over 127.0.0.1..127.0.0.K (auto)\n"
    "  --ramp-step S        seconds per max_deliveries step (2)\n"
    "  --ramp-factor F      rate multiplier per step (1.5)\n"
    "  --drain S            wait for late deliveries after the last bid (3)\n"
    "  --join-timeout S     give up waiting for viewers to join (60)\n"
    "  --help               this text\n";

enum {
    OPT_URL = 256,
    OPT_SCENARIO,
    OPT_VIEWERS,
    OPT_RATE,
    OPT_DURATION,
    OPT_BIDDERS,
    OPT_VIA,
    OPT_PID,
    OPT_CONNECT_RATE,
    OPT_SRC,
    OPT_STEP,
    OPT_FACTOR,
    OPT_DRAIN,
    OPT_JOIN_TIMEOUT,
    OPT_PROBE_RATE,
    OPT_CHATTERS,
    OPT_HELP
};

static const struct option long_options[] = {
    {"url", required_argument, NULL, OPT_URL},
    {"scenario", required_argument, NULL, OPT_SCENARIO},
    {"viewers", required_argument, NULL, OPT_VIEWERS},
    {"rate", required_argument, NULL, OPT_RATE},
    {"duration", required_argument, NULL, OPT_DURATION},
    {"bidders", required_argument, NULL, OPT_BIDDERS},
    {"bid-via", required_argument, NULL, OPT_VIA},
    {"server-pid", required_argument, NULL, OPT_PID},
    {"connect-rate", required_argument, NULL, OPT_CONNECT_RATE},
    {"src-addrs", required_argument, NULL, OPT_SRC},
    {"ramp-step", required_argument, NULL, OPT_STEP},
    {"ramp-factor", required_argument, NULL, OPT_FACTOR},
    {"drain", required_argument, NULL, OPT_DRAIN},
    {"join-timeout", required_argument, NULL, OPT_JOIN_TIMEOUT},
    {"probe-rate", required_argument, NULL, OPT_PROBE_RATE},
    {"chatters", required_argument, NULL, OPT_CHATTERS},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static bool parse_double(const char *s, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || !(v >= lo && v <= hi)) {
        return false;
    }
    *out = v;
    return true;
}

static bool parse_uint(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
    double v;
    if (!parse_double(s, lo, hi, &v) || v != (double)(unsigned)v) {
        return false;
    }
    *out = (unsigned)v;
    return true;
}

/* Limits keep a typo from opening a million sockets or running for a day. */
static bool parse_option(int opt, const char *arg, bench_opts *o, const char **url)
{
    unsigned pid;
    switch (opt) {
    case OPT_URL:
        *url = arg;
        return target_parse(arg, &o->t);
    case OPT_SCENARIO:
        o->scenario = arg;
        return true;
    case OPT_VIEWERS:
        return parse_uint(arg, 1, 200000, &o->viewers);
    case OPT_RATE:
        return parse_double(arg, 0.1, 1e6, &o->rate);
    case OPT_DURATION:
        return parse_double(arg, 0.1, 600, &o->duration_s);
    case OPT_BIDDERS:
        return parse_uint(arg, 1, 4096, &o->bidders);
    case OPT_VIA:
        o->via = strcmp(arg, "socket") == 0 ? BID_VIA_SOCKET : BID_VIA_HTTP;
        return strcmp(arg, "socket") == 0 || strcmp(arg, "http") == 0;
    case OPT_PID:
        if (!parse_uint(arg, 1, 1u << 30, &pid)) {
            return false;
        }
        o->server_pid = (pid_t)pid;
        return true;
    case OPT_CONNECT_RATE:
        return parse_double(arg, 1, 1e6, &o->connect_rate);
    case OPT_SRC:
        return parse_uint(arg, 1, 254, &o->src_addrs);
    case OPT_STEP:
        return parse_double(arg, 0.2, 60, &o->ramp_step_s);
    case OPT_FACTOR:
        return parse_double(arg, 1.05, 10, &o->ramp_factor);
    case OPT_DRAIN:
        return parse_double(arg, 0, 60, &o->drain_s);
    case OPT_JOIN_TIMEOUT:
        return parse_double(arg, 1, 600, &o->join_timeout_s);
    case OPT_PROBE_RATE:
        return parse_double(arg, 1, 100000, &o->rate_probe);
    case OPT_CHATTERS: {
        unsigned n;
        if (!parse_uint(arg, 0, 4096, &n)) {
            return false;
        }
        o->chatters = (int)n;
        return true;
    }
    default:
        return false;
    }
}

static void apply_defaults(bench_opts *o)
{
    bool idle = strcmp(o->scenario, "idle") == 0;
    bool bids = strcmp(o->scenario, "bids") == 0;
    bool max = strcmp(o->scenario, "max_deliveries") == 0;
    bool flood = strcmp(o->scenario, "flood") == 0;
    if (!o->viewers) {
        o->viewers = idle ? 10000 : flood ? 10 : 1000;
    }
    if (!o->bidders) {
        o->bidders = bids || max ? 64 : 4;
    }
    if (o->rate <= 0) {
        o->rate = flood ? 700 : 20; /* flood: the rate one socket reached in the attack */
    }
    if (o->rate_probe <= 0) {
        o->rate_probe = 200;
    }
    if (o->chatters < 0) {
        o->chatters = 4;
    }
    if (o->duration_s <= 0) {
        o->duration_s = 10;
    }
    if (o->connect_rate <= 0) {
        o->connect_rate = 5000;
    }
    if (!o->src_addrs) { /* ~20k connections per source address keeps clear of the ~28k ports */
        o->src_addrs = o->viewers / 20000 + 1;
    }
    if (o->ramp_step_s <= 0) {
        o->ramp_step_s = 2;
    }
    if (o->ramp_factor <= 0) {
        o->ramp_factor = 1.5;
    }
    if (o->drain_s < 0) {
        o->drain_s = 3;
    }
    if (o->join_timeout_s <= 0) {
        o->join_timeout_s = 60;
    }
}

int main(int argc, char **argv)
{
    bench_opts o = {.drain_s = -1, .chatters = -1};
    const char *url = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
        if (opt == OPT_HELP) {
            fputs(usage, stdout);
            return 0;
        }
        if (opt == '?' || !parse_option(opt, optarg, &o, &url)) {
            fprintf(stderr, "blytz-load: bad option %s%s\n%s", argv[optind - 1],
                    opt == OPT_URL ? " (want http://127.x.y.z:PORT)" : "", usage);
            return 2;
        }
    }
    if (!url || !o.scenario || optind != argc) {
        fputs(usage, stderr);
        return 2;
    }
    apply_defaults(&o);
    signal(SIGPIPE, SIG_IGN);
    sioc_seed_random();
    uint64_t fds = raise_nofile_limit((uint64_t)o.viewers + o.bidders + (unsigned)o.chatters + 256);
    if (fds < (uint64_t)o.viewers + o.bidders + 64) {
        fprintf(stderr, "blytz-load: only %llu file descriptors available\n",
                (unsigned long long)fds);
    }
    uint64_t cpu0 = self_cpu_us();
    int rc;
    if (strcmp(o.scenario, "fanout") == 0) {
        rc = scenario_fanout(&o, false);
    } else if (strcmp(o.scenario, "max_deliveries") == 0) {
        rc = scenario_fanout(&o, true);
    } else if (strcmp(o.scenario, "idle") == 0) {
        rc = scenario_idle(&o);
    } else if (strcmp(o.scenario, "bids") == 0) {
        rc = scenario_bids(&o);
    } else if (strcmp(o.scenario, "flood") == 0) {
        rc = scenario_flood(&o);
    } else {
        fprintf(stderr, "blytz-load: unknown scenario %s\n%s", o.scenario, usage);
        return 2;
    }
    fprintf(stderr, "blytz-load: own CPU %.2f s\n", (double)(self_cpu_us() - cpu0) / 1e6);
    uv_loop_close(uv_default_loop());
    return rc;
}
