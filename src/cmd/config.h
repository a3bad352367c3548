/*
 * cmd/config.h - blytz configuration: environment variables, overridden by
 * command-line flags. One table (config.c) lists every setting with its
 * variable, flag, default and help line; --help is generated from it.
 */
#ifndef CMD_CONFIG_H
#define CMD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct blytz_config {
    char addr[128];      /* BLYTZ_ADDR host:port */
    char database[512];  /* BLYTZ_DATABASE sqlite:PATH | postgres://... */
    char redis[256];     /* BLYTZ_REDIS, "" = one node */
    char jwt_keys[1024]; /* BLYTZ_JWT_SECRET key ring "kid:base64,..."; "" = ./var/jwt.key */
    char log_keys[1024]; /* BLYTZ_LOG_SIGNING_KEY bid-log Ed25519 seeds; "" = VAR/log-signing.key */
    char blob[512];      /* BLYTZ_BLOB file:DIR | s3://... */
    char s3_access_key[128];
    char s3_secret_key[256];
    char video[16];      /* BLYTZ_VIDEO: "" (none) | "janus" | "livekit" (cmd/video_open.c) */
    char janus_url[256]; /* JANUS_URL, JANUS_PUBLIC_URL, ...: what scripts/run.sh passes */
    char janus_public_url[256];
    char janus_admin_key[128];
    char janus_token_secret[128];
    char janus_rec_dir[512];
    char janus_pp_rec[512];
    char livekit_url[256];
    char livekit_api_url[256];
    char livekit_api_key[128];
    char livekit_api_secret[256];
    char livekit_egress_endpoint[256];
    char livekit_egress_bucket[64];
    char livekit_egress_region[32];
    char livekit_egress_access_key[128];
    char livekit_egress_secret[128];
    char livekit_egress_prefix[128];
    char stripe_secret_key[256]; /* STRIPE_SECRET_KEY: "" = no payments (cmd/payments_open.c) */
    char stripe_webhook_secret[1024]; /* STRIPE_WEBHOOK_SECRET: whsec_...[,whsec_...] */
    char stripe_api_base[256];        /* STRIPE_API_BASE: "" = Stripe's; tests give a fake */
    char stripe_publishable_key[256]; /* STRIPE_PUBLISHABLE_KEY: Stripe.js's key (pk_...) */
    char stripe_js_url[256];          /* STRIPE_JS_URL: where the browser loads Stripe.js */
    char ninjavan_client_id[256]; /* NINJAVAN_CLIENT_ID: "" = no shipping (cmd/shipper_open.c) */
    char ninjavan_client_secret[256];  /* NINJAVAN_CLIENT_SECRET */
    char ninjavan_webhook_secret[256]; /* NINJAVAN_WEBHOOK_SECRET: "" = the client secret */
    char ninjavan_api_base[256];       /* NINJAVAN_API_BASE: tests give a fake */
    char ninjavan_country[8];          /* NINJAVAN_COUNTRY: "my" */
    char ninjavan_service_level[32];   /* NINJAVAN_SERVICE_LEVEL: "Standard" */
    char shipping_rates[512];          /* BLYTZ_SHIPPING_RATES: domain/shipping.h's table */
    int64_t pay_window_s;              /* BLYTZ_PAY_WINDOW_S: time to pay an order */
    int64_t protection_s;              /* BLYTZ_PROTECTION_S: buyer protection after delivery */
    int64_t commission_bp;             /* BLYTZ_COMMISSION_BP: the free plan's commission */
    char plans[1025];                  /* BLYTZ_PLANS: domain/plan.h's table ("" = free only) */
    int64_t plan_grace_s;              /* BLYTZ_PLAN_GRACE_S: a failed renewal's grace */
    int64_t tax_bp;                    /* BLYTZ_TAX_BP: SST on shipping (0 = none) */
    int64_t outbox_lease_s;            /* BLYTZ_OUTBOX_LEASE_S: a claimed row's lease */
    char documents[512];               /* BLYTZ_DOCUMENTS: the document store (blob URL) */
    int64_t document_link_s;           /* BLYTZ_DOCUMENT_LINK_S: a download link's life */
    char issuer_name[128];             /* BLYTZ_ISSUER_NAME: on commission invoices */
    char static_dir[512];
    char cors_origins[1024];   /* comma-separated exact origins */
    char trusted_proxies[512]; /* BLYTZ_TRUSTED_PROXIES: proxies whose X-Forwarded-For counts */
    char public_url[256];      /* BLYTZ_PUBLIC_URL for absolute links; "" = from the Host header */
    char var_dir[512];         /* where generated secrets and the default database live */
    char log_level[16];
    char argon2[16]; /* "interactive" | "moderate" | "min" (tests only) */
    int64_t workers;
    int64_t node_id; /* -1 = random */
    int64_t header_timeout_ms;
    int64_t body_timeout_ms; /* grace for a body or a response ... */
    int64_t min_rate;        /* ... then bytes/s it must average (0 = grace is the deadline) */
    int64_t transfer_max_ms; /* cap on either */
    int64_t conns_per_addr;  /* open HTTP connections per client address (0 = no cap) */
    int64_t eio_sessions_per_addr; /* open Engine.IO sessions per client address (0 = no cap) */
    int64_t eio_session_rate;      /* new sessions per minute per client address ... */
    int64_t eio_session_burst;     /* ... burst (either 0 = no rate cap) */
    int64_t idle_timeout_ms;
    int64_t shutdown_timeout_ms;
    int64_t rate_auth_per_min; /* register/login/refresh requests per minute per address */
    int64_t rate_auth_burst;
    int64_t rate_video_per_min; /* video grants per minute per address */
    int64_t rate_video_burst;
    int64_t login_fail_per_min; /* failed logins: per account and address ... */
    int64_t login_fail_burst;
    int64_t login_fail_ip_per_min; /* ... per address ... */
    int64_t login_fail_ip_burst;
    int64_t login_fail_account_per_min; /* ... per account (docs/http.md) */
    int64_t login_fail_account_burst;
    int64_t chat_rate; /* chat messages per user per window (app_config) */
    int64_t chat_rate_window_s;
    int64_t access_ttl_s;       /* access token lifetime (app_config.access_ttl_ms) */
    int64_t revocation_poll_ms; /* how often a node reads new session revocations */
    char socket_limits[256];    /* per-socket event limits, realtime/live/live_limit.h */
    int64_t join_cache_ms;      /* how long a node reuses a show's join answer */
    bool demo;                  /* serve: load demo data when the database is empty */
} blytz_config;

enum config_scope { CONFIG_SERVE = 1, CONFIG_DB = 2 };

/* Fill defaults, then environment, then flags argv[0..argc) (argv[0] is the first flag, not
 * the program). `scope` limits which flags the subcommand accepts. On error writes a one-line
 * message to `err` and returns -1. */
int config_load(blytz_config *cfg, unsigned scope, int argc, char **argv, char *err, size_t errlen);

/* Print the options of `scope` as help text. */
void config_print_help(unsigned scope);

#endif
