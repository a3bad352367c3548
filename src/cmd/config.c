#include "cmd/config.h"
#include "domain/shipping.h"

#include "bus/redis/redis_url.h"
#include "realtime/live/live_limit.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum opt_type { OPT_STR, OPT_INT, OPT_BOOL };

struct opt {
    const char *flag; /* --flag */
    const char *env;  /* NULL = flag only */
    enum opt_type type;
    size_t offset;
    size_t size; /* for strings */
    const char *def;
    int64_t min, max; /* for ints */
    unsigned scope;
    const char *help;
};

#define S(field) OPT_STR, offsetof(blytz_config, field), sizeof(((blytz_config *)0)->field)
#define I(field) OPT_INT, offsetof(blytz_config, field), 0
#define B(field) OPT_BOOL, offsetof(blytz_config, field), 0
#define SERVE    CONFIG_SERVE
#define ALL      (CONFIG_SERVE | CONFIG_DB)

static const struct opt opts[] = {
    {"addr", "BLYTZ_ADDR", S(addr), "127.0.0.1:8080", 0, 0, SERVE, "listen address host:port"},
    {"database", "BLYTZ_DATABASE", S(database), "sqlite:./var/blytz.db", 0, 0, ALL,
     "sqlite:PATH or postgres://user:pass@host:port/db"},
    {"redis", "BLYTZ_REDIS", S(redis), "", 0, 0, SERVE,
     "redis://[:password@]host[:port][/db] for several nodes"},
    {"jwt-secret", "BLYTZ_JWT_SECRET", S(jwt_keys), "", 0, 0, SERVE,
     "signing keys kid:base64[,kid:base64...], first signs; unset = VAR/jwt.key"},
    {"log-signing-key", "BLYTZ_LOG_SIGNING_KEY", S(log_keys), "", 0, 0, ALL,
     "bid-log Ed25519 seeds kid:base64[,kid:base64...] (32 bytes each; first signs, all are "
     "published) or one base64 seed; the same on every node; unset = VAR/log-signing.key"},
    {"blob", "BLYTZ_BLOB", S(blob), "file:./var/media", 0, 0, ALL,
     "image storage: file:DIR or s3://BUCKET?endpoint=URL&region=auto"},
    {"s3-access-key", "S3_ACCESS_KEY_ID", S(s3_access_key), "", 0, 0, ALL, "S3/R2 key id"},
    {"s3-secret-key", "S3_SECRET_ACCESS_KEY", S(s3_secret_key), "", 0, 0, ALL, "S3/R2 secret"},
    {"video", "BLYTZ_VIDEO", S(video), "", 0, 0, SERVE,
     "live video: janus (the embedded default `make run` starts) | livekit | empty = none"},
    {"janus-url", "JANUS_URL", S(janus_url), "", 0, 0, SERVE,
     "Janus: its HTTP API for blytz (http://127.0.0.1:PORT/janus)"},
    {"janus-public-url", "JANUS_PUBLIC_URL", S(janus_public_url), "", 0, 0, SERVE,
     "Janus: its HTTP API as browsers reach it (empty = JANUS_URL)"},
    {"janus-admin-key", "JANUS_ADMIN_KEY", S(janus_admin_key), "", 0, 0, SERVE,
     "Janus: the VideoRoom admin_key (creates rooms)"},
    {"janus-token-secret", "JANUS_TOKEN_SECRET", S(janus_token_secret), "", 0, 0, SERVE,
     "Janus: its token_auth_secret (signs every Janus token)"},
    {"janus-rec-dir", "JANUS_REC_DIR", S(janus_rec_dir), "", 0, 0, SERVE,
     "Janus: where it writes recordings (on this host)"},
    {"janus-pp-rec", "JANUS_PP_REC", S(janus_pp_rec), "", 0, 0, SERVE,
     "Janus: the janus-pp-rec program (empty = from PATH)"},
    {"livekit-url", "LIVEKIT_URL", S(livekit_url), "", 0, 0, SERVE,
     "LiveKit: what browsers connect to (wss://host)"},
    {"livekit-api-url", "LIVEKIT_API_URL", S(livekit_api_url), "", 0, 0, SERVE,
     "LiveKit: its server API (empty = LIVEKIT_URL with https://)"},
    {"livekit-api-key", "LIVEKIT_API_KEY", S(livekit_api_key), "", 0, 0, SERVE, "LiveKit API key"},
    {"livekit-api-secret", "LIVEKIT_API_SECRET", S(livekit_api_secret), "", 0, 0, SERVE,
     "LiveKit API secret"},
    {"livekit-egress-endpoint", "LIVEKIT_EGRESS_ENDPOINT", S(livekit_egress_endpoint), "", 0, 0,
     SERVE, "recordings: the S3/R2 endpoint Egress uploads to (empty with no bucket = none)"},
    {"livekit-egress-bucket", "LIVEKIT_EGRESS_BUCKET", S(livekit_egress_bucket), "", 0, 0, SERVE,
     "recordings: the bucket"},
    {"livekit-egress-region", "LIVEKIT_EGRESS_REGION", S(livekit_egress_region), "", 0, 0, SERVE,
     "recordings: the region (empty = auto, for R2)"},
    {"livekit-egress-access-key", "LIVEKIT_EGRESS_ACCESS_KEY", S(livekit_egress_access_key), "", 0,
     0, SERVE, "recordings: the bucket's key id"},
    {"livekit-egress-secret", "LIVEKIT_EGRESS_SECRET", S(livekit_egress_secret), "", 0, 0, SERVE,
     "recordings: the bucket's secret"},
    {"livekit-egress-prefix", "LIVEKIT_EGRESS_PREFIX", S(livekit_egress_prefix), "", 0, 0, SERVE,
     "recordings: the key prefix (empty = recordings)"},
    {"stripe-secret-key", "STRIPE_SECRET_KEY", S(stripe_secret_key), "", 0, 0, SERVE,
     "payments: Stripe's secret key (sk_live_..., sk_test_... or a restricted rk_...); unset = "
     "no payments"},
    {"stripe-webhook-secret", "STRIPE_WEBHOOK_SECRET", S(stripe_webhook_secret), "", 0, 0, SERVE,
     "payments: the signing secret of the Stripe webhook endpoint (/webhooks/stripe); during a "
     "rotation the new and the old, comma-separated (up to 4)"},
    {"stripe-api-base", "STRIPE_API_BASE", S(stripe_api_base), "", 0, 0, SERVE,
     "payments: Stripe's API base URL (unset = https://api.stripe.com)"},
    {"stripe-publishable-key", "STRIPE_PUBLISHABLE_KEY", S(stripe_publishable_key), "", 0, 0, SERVE,
     "payments: Stripe.js's publishable key (pk_live_... or pk_test_...)"},
    {"stripe-js-url", "STRIPE_JS_URL", S(stripe_js_url), "https://js.stripe.com/v3/", 0, 0, SERVE,
     "payments: where the browser loads Stripe.js from"},
    {"ninjavan-client-id", "NINJAVAN_CLIENT_ID", S(ninjavan_client_id), "", 0, 0, SERVE,
     "shipping: NinjaVan's API client id; unset = no shipping port (cmd/shipper_open.c)"},
    {"ninjavan-client-secret", "NINJAVAN_CLIENT_SECRET", S(ninjavan_client_secret), "", 0, 0, SERVE,
     "shipping: NinjaVan's API client secret (the dashboard's Client Key)"},
    {"ninjavan-webhook-secret", "NINJAVAN_WEBHOOK_SECRET", S(ninjavan_webhook_secret), "", 0, 0,
     SERVE,
     "shipping: the key NinjaVan signs webhooks (/webhooks/ninjavan) with; unset = the client "
     "secret"},
    {"ninjavan-api-base", "NINJAVAN_API_BASE", S(ninjavan_api_base), "https://api.ninjavan.co", 0,
     0, SERVE, "shipping: NinjaVan's API base URL (the sandbox: https://api-sandbox.ninjavan.co)"},
    {"ninjavan-country", "NINJAVAN_COUNTRY", S(ninjavan_country), "my", 0, 0, SERVE,
     "shipping: NinjaVan's country code in its URLs (my; the sandbox serves sg only)"},
    {"ninjavan-service-level", "NINJAVAN_SERVICE_LEVEL", S(ninjavan_service_level), "Standard", 0,
     0, SERVE, "shipping: the service level a shipment asks for (Standard, Express, ...)"},
    {"shipping-rates", "BLYTZ_SHIPPING_RATES", S(shipping_rates), SHIPPING_TABLE_DEFAULT, 0, 0,
     SERVE, "shipping: WW:<g>g=<sen>+<g>g=<sen>;WE:...;EW:...;EE:... (docs/payments.md)"},
    {"pay-window-s", "BLYTZ_PAY_WINDOW_S", I(pay_window_s), "86400", 60, 30 * 86400, SERVE,
     "orders: how long a buyer has to pay, in seconds"},
    {"protection-s", "BLYTZ_PROTECTION_S", I(protection_s), "259200", 0, 60 * 86400, SERVE,
     "orders: the buyer-protection window after delivery, in seconds; then the order completes "
     "and the seller's share is transferred"},
    {"commission-bp", "BLYTZ_COMMISSION_BP", I(commission_bp), "1000", 0, 10000, SERVE,
     "orders: Blytz's commission on items, in basis points (1000 = 10 %): the free plan's when "
     "BLYTZ_PLANS is unset"},
    {"plans", "BLYTZ_PLANS", S(plans), "", 0, 0, SERVE,
     "sellers' plans: name:price:commission_bp[:monthly_sen],... with one free plan (price 0), "
     "e.g. free:0:1000,pro:price_...:500:4900 (unset = the free plan alone, at "
     "BLYTZ_COMMISSION_BP)"},
    {"plan-grace-s", "BLYTZ_PLAN_GRACE_S", I(plan_grace_s), "604800", 0, 90 * 86400, SERVE,
     "sellers' plans: how long a failed renewal keeps the plan's commission, in seconds"},
    {"outbox-lease-s", "BLYTZ_OUTBOX_LEASE_S", I(outbox_lease_s), "300", 1, 86400, SERVE,
     "outbox: how long a worker holds a row it runs; a row whose worker died runs again after "
     "it (longer than any handler takes)"},
    {"documents", "BLYTZ_DOCUMENTS", S(documents), "", 0, 0, SERVE,
     "receipts and invoices (PDF, private; made when payments are on): file:DIR or "
     "s3://BUCKET?endpoint=URL&region=auto; unset = file:VAR/documents; never served as /media"},
    {"document-link-s", "BLYTZ_DOCUMENT_LINK_S", I(document_link_s), "300", 1, 86400, SERVE,
     "receipts and invoices: how long a download link lives, in seconds"},
    {"issuer-name", "BLYTZ_ISSUER_NAME", S(issuer_name), "Blytz", 0, 0, SERVE,
     "the name on Blytz's commission invoices (the operating company)"},
    {"tax-bp", "BLYTZ_TAX_BP", I(tax_bp), "0", 0, 10000, SERVE,
     "orders: service tax on shipping, in basis points (600 = SST 6 %; 0 = none)"},
    {"static-dir", "BLYTZ_STATIC_DIR", S(static_dir), "web/dist", 0, 0, SERVE,
     "web app files to serve"},
    {"cors-origins", "BLYTZ_CORS_ORIGINS", S(cors_origins), "", 0, 0, SERVE,
     "comma-separated origins allowed to call the API from a browser"},
    {"trusted-proxies", "BLYTZ_TRUSTED_PROXIES", S(trusted_proxies), "", 0, 0, SERVE,
     "comma-separated addresses of your own proxies; from them the client address is the last "
     "X-Forwarded-For hop (unset = the TCP peer is the client)"},
    {"public-url", "BLYTZ_PUBLIC_URL", S(public_url), "", 0, 0, SERVE,
     "public base URL for absolute links in share pages (https://shop.example.my); unset = "
     "from the Host header"},
    {"var-dir", "BLYTZ_VAR_DIR", S(var_dir), "./var", 0, 0, ALL, "directory for generated secrets"},
    {"log-level", "BLYTZ_LOG_LEVEL", S(log_level), "info", 0, 0, ALL, "debug|info|warn|error"},
    {"argon2", "BLYTZ_ARGON2", S(argon2), "interactive", 0, 0, ALL,
     "password hashing cost: interactive|moderate|min (min is for tests)"},
    {"workers", "BLYTZ_WORKERS", I(workers), "4", 1, 64, SERVE,
     "worker threads (each holds a database connection)"},
    {"node-id", "BLYTZ_NODE_ID", I(node_id), "-1", -1, 1023, SERVE,
     "node tag 0..1023 used in ids; -1 = random"},
    {"header-timeout-ms", "BLYTZ_HEADER_TIMEOUT_MS", I(header_timeout_ms), "10000", 100, 600000,
     SERVE, "time allowed for a request head; a new connection silent this long is closed"},
    {"body-timeout-ms", "BLYTZ_BODY_TIMEOUT_MS", I(body_timeout_ms), "10000", 100, 600000, SERVE,
     "time allowed for a request body (or a response) before --min-rate extends it"},
    {"min-rate", "BLYTZ_MIN_RATE", I(min_rate), "1024", 0, 1000000000, SERVE,
     "bytes/s a body or response must average after that (0 = the timeout is the deadline)"},
    {"transfer-max-ms", "BLYTZ_TRANSFER_MAX_MS", I(transfer_max_ms), "300000", 100, 3600000, SERVE,
     "no request body or response may take longer"},
    {"conns-per-addr", "BLYTZ_CONNS_PER_ADDR", I(conns_per_addr), "512", 0, 1000000, SERVE,
     "open HTTP connections per client address (0 = no cap; a trusted proxy is not capped)"},
    {"eio-sessions-per-addr", "BLYTZ_EIO_SESSIONS_PER_ADDR", I(eio_sessions_per_addr), "1024", 0,
     1000000, SERVE, "open Socket.IO (Engine.IO) sessions per client address (0 = no cap)"},
    {"eio-session-rate", "BLYTZ_EIO_SESSION_RATE", I(eio_session_rate), "1200", 0, 1000000000,
     SERVE, "new Engine.IO sessions per minute per client address (0 = no rate cap)"},
    {"eio-session-burst", "BLYTZ_EIO_SESSION_BURST", I(eio_session_burst), "200", 0, 1000000, SERVE,
     "burst allowance for the same"},
    {"idle-timeout-ms", "BLYTZ_IDLE_TIMEOUT_MS", I(idle_timeout_ms), "60000", 100, 3600000, SERVE,
     "keep-alive idle timeout"},
    {"shutdown-timeout-ms", "BLYTZ_SHUTDOWN_TIMEOUT_MS", I(shutdown_timeout_ms), "8000", 0, 60000,
     SERVE, "grace period for in-flight requests on SIGTERM"},
    {"rate-auth-per-min", "BLYTZ_RATE_AUTH_PER_MIN", I(rate_auth_per_min), "120", 1, 1000000, SERVE,
     "register/login/refresh requests per minute per client address (many people may "
     "share one carrier address)"},
    {"rate-auth-burst", "BLYTZ_RATE_AUTH_BURST", I(rate_auth_burst), "300", 1, 1000000, SERVE,
     "burst allowance for the same"},
    {"rate-video-per-min", "BLYTZ_RATE_VIDEO_PER_MIN", I(rate_video_per_min), "120", 1, 1000000,
     SERVE, "video grants (watching or publishing a show) per minute per client address"},
    {"rate-video-burst", "BLYTZ_RATE_VIDEO_BURST", I(rate_video_burst), "120", 1, 1000000, SERVE,
     "burst allowance for the same"},
    {"login-fail-per-min", "BLYTZ_LOGIN_FAIL_PER_MIN", I(login_fail_per_min), "1", 0, 1000000,
     SERVE, "failed logins per minute per account from one client address (0 = off)"},
    {"login-fail-burst", "BLYTZ_LOGIN_FAIL_BURST", I(login_fail_burst), "5", 0, 1000000, SERVE,
     "burst allowance for the same"},
    {"login-fail-ip-per-min", "BLYTZ_LOGIN_FAIL_IP_PER_MIN", I(login_fail_ip_per_min), "60", 0,
     1000000, SERVE, "failed logins per minute from one client address, any account (0 = off)"},
    {"login-fail-ip-burst", "BLYTZ_LOGIN_FAIL_IP_BURST", I(login_fail_ip_burst), "100", 0, 1000000,
     SERVE, "burst allowance for the same"},
    {"login-fail-account-per-min", "BLYTZ_LOGIN_FAIL_ACCOUNT_PER_MIN",
     I(login_fail_account_per_min), "10", 0, 1000000, SERVE,
     "failed logins per minute per account from all addresses; binds only addresses that failed "
     "on it themselves (0 = off)"},
    {"login-fail-account-burst", "BLYTZ_LOGIN_FAIL_ACCOUNT_BURST", I(login_fail_account_burst),
     "30", 0, 1000000, SERVE, "burst allowance for the same"},
    {"chat-rate", "BLYTZ_CHAT_RATE", I(chat_rate), "5", 1, 1000000, SERVE,
     "chat messages one user may send per window"},
    {"chat-rate-window-s", "BLYTZ_CHAT_RATE_WINDOW_S", I(chat_rate_window_s), "10", 1, 3600, SERVE,
     "the chat rate window in seconds"},
    {"access-ttl-s", "BLYTZ_ACCESS_TTL_S", I(access_ttl_s), "900", 1, 86400, SERVE,
     "access token lifetime in seconds (refresh tokens renew them)"},
    {"revocation-poll-ms", "BLYTZ_REVOCATION_POLL_MS", I(revocation_poll_ms), "1000", 50, 600000,
     SERVE, "how often each node reads ended sessions from the database (the bus is faster)"},
    {"socket-limits", "BLYTZ_SOCKET_LIMITS", S(socket_limits), "", 0, 0, SERVE,
     "per-socket event limits, class=RATE/BURST or class=off, comma-separated (classes join, "
     "leave, chat, bid, other: RATE per second; flood: refusals before a disconnect); unset "
     "classes keep join=2/10,leave=2/10,chat=2/10,bid=10/20,other=2/10,flood=8/64"},
    {"join-cache-ms", "BLYTZ_JOIN_CACHE_MS", I(join_cache_ms), "1000", 0, 3600000, SERVE,
     "how long a node reuses a show's join:stream answer for other viewers; 0 = read every time"},
    {"demo", NULL, B(demo), "false", 0, 0, SERVE, "load demo data when the database is empty"},
};

#define NOPTS (sizeof(opts) / sizeof(opts[0]))

static int set_value(blytz_config *cfg, const struct opt *o, const char *v, const char *src,
                     char *err, size_t errlen)
{
    char *field = (char *)cfg + o->offset;
    switch (o->type) {
    case OPT_STR:
        if (strlen(v) >= o->size) {
            snprintf(err, errlen, "%s: value too long (max %zu bytes)", src, o->size - 1);
            return -1;
        }
        memcpy(field, v, strlen(v) + 1);
        return 0;
    case OPT_INT: {
        char *end;
        errno = 0;
        long long n = strtoll(v, &end, 10);
        if (errno || end == v || *end || n < o->min || n > o->max) {
            snprintf(err, errlen, "%s: expected an integer from %lld to %lld, got \"%s\"", src,
                     (long long)o->min, (long long)o->max, v);
            return -1;
        }
        *(int64_t *)(void *)field = n;
        return 0;
    }
    case OPT_BOOL:
        if (!strcmp(v, "true") || !strcmp(v, "1")) {
            *(bool *)field = true;
        } else if (!strcmp(v, "false") || !strcmp(v, "0")) {
            *(bool *)field = false;
        } else {
            snprintf(err, errlen, "%s: expected true or false, got \"%s\"", src, v);
            return -1;
        }
        return 0;
    }
    return -1;
}

static const struct opt *find_flag(const char *name, size_t len, unsigned scope)
{
    for (size_t i = 0; i < NOPTS; i++) {
        if ((opts[i].scope & scope) && strlen(opts[i].flag) == len &&
            !strncmp(opts[i].flag, name, len)) {
            return &opts[i];
        }
    }
    return NULL;
}

/* http:// or https://, a host, then only characters that need no escaping in a URL. */
static bool public_url_ok(const char *u)
{
    const char *p = !strncmp(u, "https://", 8) ? u + 8 : !strncmp(u, "http://", 7) ? u + 7 : NULL;
    if (!p || !*p || *p == '/' || *p == ':') {
        return false;
    }
    for (; *p; p++) {
        if (!isalnum((unsigned char)*p) && !strchr("-._~:/[]%", *p)) {
            return false;
        }
    }
    return true;
}

static int check(const blytz_config *cfg, char *err, size_t errlen)
{
    static const char *levels[] = {"debug", "info", "warn", "error"};
    static const char *costs[] = {"interactive", "moderate", "min"};
    int ok = 0;
    for (size_t i = 0; i < 4; i++) {
        ok |= !strcmp(cfg->log_level, levels[i]);
    }
    if (!ok) {
        snprintf(err, errlen, "BLYTZ_LOG_LEVEL: expected debug|info|warn|error");
        return -1;
    }
    ok = 0;
    for (size_t i = 0; i < 3; i++) {
        ok |= !strcmp(cfg->argon2, costs[i]);
    }
    if (!ok) {
        snprintf(err, errlen, "BLYTZ_ARGON2: expected interactive|moderate|min");
        return -1;
    }
    if (strncmp(cfg->database, "sqlite:", 7) && strncmp(cfg->database, "postgres://", 11) &&
        strncmp(cfg->database, "postgresql://", 13)) {
        snprintf(err, errlen, "BLYTZ_DATABASE: expected sqlite:PATH or postgres://...");
        return -1;
    }
    redis_url ru;
    if (cfg->redis[0] && redis_url_parse(cfg->redis, &ru, err, (unsigned)errlen)) {
        return -1;
    }
    if (strncmp(cfg->blob, "file:", 5) && strncmp(cfg->blob, "s3://", 5)) {
        snprintf(err, errlen, "BLYTZ_BLOB: expected file:DIR or s3://BUCKET?...");
        return -1;
    }
    if (cfg->documents[0] && strncmp(cfg->documents, "file:", 5) &&
        strncmp(cfg->documents, "s3://", 5)) {
        snprintf(err, errlen, "BLYTZ_DOCUMENTS: expected file:DIR or s3://BUCKET?...");
        return -1;
    }
    if (cfg->video[0] && strcmp(cfg->video, "janus") && strcmp(cfg->video, "livekit")) {
        snprintf(err, errlen, "BLYTZ_VIDEO: expected janus, livekit or nothing, got \"%s\"",
                 cfg->video);
        return -1;
    }
    if (cfg->stripe_api_base[0] && !public_url_ok(cfg->stripe_api_base)) {
        snprintf(err, errlen, "STRIPE_API_BASE: expected http(s)://host[:port], got \"%s\"",
                 cfg->stripe_api_base);
        return -1;
    }
    if (!public_url_ok(cfg->ninjavan_api_base)) {
        snprintf(err, errlen, "NINJAVAN_API_BASE: expected http(s)://host[:port], got \"%s\"",
                 cfg->ninjavan_api_base);
        return -1;
    }
    if (strlen(cfg->ninjavan_country) != 2 || !isalpha((unsigned char)cfg->ninjavan_country[0]) ||
        !isalpha((unsigned char)cfg->ninjavan_country[1])) {
        snprintf(err, errlen, "NINJAVAN_COUNTRY: expected two letters (my), got \"%s\"",
                 cfg->ninjavan_country);
        return -1;
    }
    if (cfg->public_url[0] && !public_url_ok(cfg->public_url)) {
        snprintf(err, errlen, "BLYTZ_PUBLIC_URL: expected http(s)://host[:port][/path], got \"%s\"",
                 cfg->public_url);
        return -1;
    }
    live_limits limits;
    live_limits_defaults(&limits);
    char why[256];
    if (live_limits_parse(&limits, cfg->socket_limits, why, sizeof(why))) {
        snprintf(err, errlen, "BLYTZ_SOCKET_LIMITS: %s", why);
        return -1;
    }
    const char *colon = strrchr(cfg->addr, ':');
    if (!colon || colon == cfg->addr || !colon[1]) {
        snprintf(err, errlen, "BLYTZ_ADDR: expected host:port, got \"%s\"", cfg->addr);
        return -1;
    }
    return 0;
}

int config_load(blytz_config *cfg, unsigned scope, int argc, char **argv, char *err, size_t errlen)
{
    memset(cfg, 0, sizeof(*cfg));
    for (size_t i = 0; i < NOPTS; i++) {
        if (set_value(cfg, &opts[i], opts[i].def, opts[i].flag, err, errlen)) {
            return -1;
        }
    }
    for (size_t i = 0; i < NOPTS; i++) {
        const char *v = opts[i].env ? getenv(opts[i].env) : NULL;
        if (v && *v && set_value(cfg, &opts[i], v, opts[i].env, err, errlen)) {
            return -1;
        }
    }
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2)) {
            snprintf(err, errlen, "unexpected argument \"%s\" (see --help)", a);
            return -1;
        }
        const char *name = a + 2, *eq = strchr(name, '=');
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        const struct opt *o = find_flag(name, nlen, scope);
        if (!o) {
            snprintf(err, errlen, "unknown option \"%.*s\" (see --help)", (int)(nlen + 2), a);
            return -1;
        }
        const char *v = eq ? eq + 1 : NULL;
        if (!v && o->type == OPT_BOOL) {
            v = "true";
        } else if (!v) {
            if (i + 1 >= argc) {
                snprintf(err, errlen, "option --%s needs a value", o->flag);
                return -1;
            }
            v = argv[++i];
        }
        char src[64];
        snprintf(src, sizeof(src), "--%s", o->flag);
        if (set_value(cfg, o, v, src, err, errlen)) {
            return -1;
        }
    }
    return check(cfg, err, errlen);
}

void config_print_help(unsigned scope)
{
    printf("Options (flags override environment variables):\n");
    for (size_t i = 0; i < NOPTS; i++) {
        const struct opt *o = &opts[i];
        if (!(o->scope & scope)) {
            continue;
        }
        char left[64];
        snprintf(left, sizeof(left), "--%s%s", o->flag, o->type == OPT_BOOL ? "" : " VALUE");
        printf("  %-28s %s\n", left, o->help);
        if (o->env || (o->def && *o->def && o->type != OPT_BOOL)) {
            printf("  %-28s %s%s%s%s%s\n", "", o->env ? "env " : "", o->env ? o->env : "",
                   o->env && *o->def ? ", " : "", *o->def ? "default " : "", o->def);
        }
    }
}
